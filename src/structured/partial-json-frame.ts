// One open array or object of PartialJsonParser, and the frozen, structurally shared snapshots built from it.
// Not public API.

/** Marks "no visible open child" (a number or literal still being read, a key, or nothing). */
export const NO_CHILD: unique symbol = Symbol('no child');
export type Child = unknown;

/** Sets `key` as an own data property, as JSON.parse does (`__proto__` included, which `o[k] = v` would not). */
export function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

/**
 * An open container. `work` holds its completed children (frozen values, or primitives); the open child, if
 * visible, is added only to snapshots. `cached` is the last snapshot, valid while `dirty` is false and the open
 * child's snapshot is still `cachedChild`.
 */
export class Frame {
  readonly work: unknown[] | Record<string, unknown>;
  /** Object frames: the key of the value being read (set once the key string is complete). */
  key = '';
  /** Whether the open child (a string, or the container on top of this frame) is visible. */
  openShown = false;
  /** Set when a child completes or starts to show, or the open string child grows. */
  dirty = true;
  cached: unknown = undefined;
  cachedChild: Child = NO_CHILD;

  constructor(readonly isArray: boolean) {
    this.work = isArray ? [] : {};
  }

  /** Adds a completed child; returns whether snapshots change (false when the last one already showed it). */
  add(value: unknown): boolean {
    if (this.isArray) (this.work as unknown[]).push(value);
    else setProperty(this.work as Record<string, unknown>, this.key, value);
    const shown = this.openShown && !this.dirty && this.cachedChild === value;
    this.openShown = false;
    if (!shown) this.dirty = true;
    return !shown;
  }

  /** This container's snapshot with `child` (or NO_CHILD) as its open child: the cached one when unchanged. */
  snapshot(child: Child): unknown {
    if (!this.dirty && this.cachedChild === child && this.cached !== undefined) return this.cached;
    let copy: unknown[] | Record<string, unknown>;
    if (this.isArray) {
      const work = this.work as unknown[];
      if (child === NO_CHILD) copy = work.slice();
      else {
        work.push(child); // sliced at its exact length: cheaper than growing the copy
        copy = work.slice();
        work.pop();
      }
    } else {
      copy = { ...(this.work as Record<string, unknown>) };
      if (child !== NO_CHILD) setProperty(copy, this.key, child);
    }
    this.cached = Object.freeze(copy);
    this.cachedChild = child;
    this.dirty = false;
    return this.cached;
  }

  /** The completed container: the last snapshot when nothing changed since, else `work` itself, frozen. */
  close(): unknown {
    if (!this.dirty && this.cached !== undefined) return this.cached;
    return Object.freeze(this.work);
  }
}
