import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler whose assertions use jest's deep equality: the one every marble spec uses. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}
