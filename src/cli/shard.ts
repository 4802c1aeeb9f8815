import { UsageError } from './cli-io.js';

/** `--shard i/n`: this process runs shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `--shard i/n` (1-based, as `jest --shard`): integers with 1 <= i <= n. A `UsageError` otherwise.
 *
 * @example
 * parseShard('2/4'); // { index: 2, count: 4 }
 */
export function parseShard(raw: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard expects i/n with 1 <= i <= n (e.g. --shard 2/4 runs the second of 4 shards), got "${raw}"`);
  }
  return { index, count };
}

/**
 * Whether input line `lineNo` (1-based, counted over the whole input, blank lines included) belongs to
 * `shard`: the lines whose 0-based number is `index - 1` modulo `count` (round robin, so that every shard
 * gets an even share of the input wherever the slow or already-done lines are). Without a shard, every line.
 *
 * @example
 * inShard({ index: 2, count: 3 }, 5); // true: lines 2, 5, 8...
 */
export function inShard(shard: Shard | undefined, lineNo: number): boolean {
  return shard === undefined || (lineNo - 1) % shard.count === shard.index - 1;
}

/**
 * How a shard is named in progress lines and the summary.
 *
 * @example
 * shardLabel({ index: 2, count: 4 }); // 'shard 2/4'
 */
export function shardLabel(shard: Shard): string {
  return `shard ${shard.index}/${shard.count}`;
}
