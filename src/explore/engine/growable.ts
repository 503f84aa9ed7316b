/**
 * Marks the fields of an object that are replaced as their tables grow.
 *
 * V8 treats an object's field as a constant until it is assigned a second time, and code optimized
 * in the meantime relies on that. The first growth of a table would then deoptimize every function
 * that inlined a read of the field (the explorer's main loop among them), to be recompiled later at
 * some cost. Assigning each such field once more when the object is built, before any of that code
 * is optimized, makes it an ordinary field from the start. (Behaviour is unchanged either way.)
 */
/**
 * The next length of a table that is full at `length` entries: half as long again (a doubling
 * leaves up to half of a large table unused, and holds three times the old table while it copies).
 */
export function grown(length: number): number {
  return length + Math.max(16, length >> 1);
}

export function markGrowable(object: object, ...fields: string[]): void {
  const record = object as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in record)) throw new Error(`markGrowable: no field ${field}`);
    record[field] = record[field];
  }
}
