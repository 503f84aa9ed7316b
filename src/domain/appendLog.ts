/**
 * An append-only list that keeps earlier versions intact, for context fields that only grow
 * (calls, violations, notes, postprocessing requests).
 *
 * Each version is a (buffer, length) view. Appending to the newest version pushes onto the shared
 * buffer in O(1); appending to an older version (a branch, as exhaustive exploration makes)
 * copies its prefix first. No version ever sees items appended after it was made. Immer leaves
 * class instances alone (they are not draftable), so the buffer is never copied by `produce`.
 */
export class AppendLog<T> {
  private constructor(
    private readonly buffer: T[],
    readonly length: number,
  ) {}

  /** The empty log (one for all: appending to it starts a buffer of its own). */
  static empty<T>(): AppendLog<T> {
    return EMPTY as AppendLog<T>;
  }

  static of<T>(items: readonly T[]): AppendLog<T> {
    return new AppendLog<T>([...items], items.length);
  }

  append(...items: readonly T[]): AppendLog<T> {
    return this.appendAll(items);
  }

  /** append() of one item, with no list of items made for it (the dispatch rules append one record per answer). */
  add(item: T): AppendLog<T> {
    if (this.length === 0) return new AppendLog<T>([item], 1);
    const buffer = this.buffer.length === this.length ? this.buffer : this.buffer.slice(0, this.length);
    buffer.push(item);
    return new AppendLog(buffer, this.length + 1);
  }

  /** append(), the items given as one list. */
  appendAll(items: readonly T[]): AppendLog<T> {
    if (items.length === 0) return this;
    if (this.length === 0) return new AppendLog<T>(items.slice(), items.length);
    const buffer = this.buffer.length === this.length ? this.buffer : this.buffer.slice(0, this.length);
    for (let i = 0; i < items.length; i++) buffer.push(items[i]);
    return new AppendLog(buffer, this.length + items.length);
  }

  at(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.buffer[index] : undefined;
  }

  toArray(): T[] {
    return this.length === 0 ? [] : this.buffer.slice(0, this.length);
  }

  /** Snapshots serialise it as a plain array. */
  toJSON(): T[] {
    return this.toArray();
  }
}

const EMPTY: AppendLog<never> = AppendLog.of<never>([]);
Object.freeze(EMPTY);

/**
 * One read-only value immer must not draft (installers' PrivateData is opaque JSON that ends up in
 * append logs, which immer does not finalise). Serialises as the value itself.
 */
export class Boxed<T> {
  constructor(readonly value: T) {
    Object.freeze(this);
  }

  toJSON(): T {
    return this.value;
  }
}
