/** Tiny DOM helpers for the page (no framework: the page is small and must load from disk). */
export type Child = Node | string | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Child | Child[])[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export function short(value: unknown, max = 120): string {
  // Status codes and flags are read in hex.
  if (typeof value === 'number' && Number.isInteger(value) && value > 0xffff) return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const text = value === undefined ? '—' : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
