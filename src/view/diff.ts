/** What changed between two JSON values: one entry per changed path (added, removed or changed). */
export interface Change {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly kind: 'added' | 'removed' | 'changed';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diffJson(before: unknown, after: unknown, path = '', out: Change[] = [], limit = 200): Change[] {
  if (out.length >= limit) return out;
  if (Object.is(before, after)) return out;
  if (Array.isArray(before) && Array.isArray(after)) {
    // Append-only logs are the common case: report the new entries one by one.
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}[${i}]`;
      if (i >= before.length) out.push({ path: p, after: after[i], kind: 'added' });
      else if (i >= after.length) out.push({ path: p, before: before[i], kind: 'removed' });
      else diffJson(before[i], after[i], p, out, limit);
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const p = path ? `${path}.${key}` : key;
      if (!(key in before)) out.push({ path: p, after: after[key], kind: 'added' });
      else if (!(key in after)) out.push({ path: p, before: before[key], kind: 'removed' });
      else diffJson(before[key], after[key], p, out, limit);
    }
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: path || '(context)', before, after, kind: 'changed' });
  return out;
}
