/**
 * One line of a setupapi log, classified. Lines are taken as they come: forum quoting (`> > > `)
 * and another tool's prefix (`libwdi:debug [syslog] `) are removed first, a BOM is dropped, and
 * anything that is not part of the format is kept as `other`, never an error.
 *
 * Format: MicrosoftDocs/windows-driver-docs `windows-driver-docs-pr/install/format-of-a-text-log-header.md`,
 * `format-of-a-text-log-section-header.md`, `format-of-a-text-log-section-body.md`,
 * `format-of-a-text-log-section-footer.md`; the XP/2003 `setupapi.log` format from Microsoft's
 * white paper "Troubleshooting Device Installation with the SetupAPI Log File".
 */

export type LineLevel = 'info' | 'warning' | 'error';

export type Classified =
  | { readonly type: 'blank' }
  | { readonly type: 'logHeader' }
  | { readonly type: 'beginLog' }
  | { readonly type: 'headerValue'; readonly key: string; readonly value: string }
  | { readonly type: 'boot'; readonly time: string }
  | { readonly type: 'sectionTitle'; readonly title: string }
  | { readonly type: 'sectionStart'; readonly time: string }
  | { readonly type: 'sectionEnd'; readonly time: string | null }
  | { readonly type: 'exitStatus'; readonly status: string }
  | { readonly type: 'cmd'; readonly command: string }
  | { readonly type: 'body'; readonly level: LineLevel; readonly category: string | null; readonly depth: number; readonly text: string; readonly time: string | null }
  | { readonly type: 'xpSection'; readonly time: string; readonly title: string }
  | { readonly type: 'xp'; readonly time: string | null; readonly kind: string; readonly id: number; readonly text: string }
  | { readonly type: 'other'; readonly text: string };

const TOOL_PREFIX = /^[A-Za-z][\w.-]*:[A-Za-z]+ \[[^\]]*\] ?/;
const QUOTE = /^(?:> ?)+/;
const DATE_TIME = String.raw`(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)`;
const BOOT = new RegExp(String.raw`^\[Boot Session: ${DATE_TIME}\]\s*$`);
const SECTION_TITLE = /^>>>\s+\[(.*)\]\s*$/;
const SECTION_START = new RegExp(String.raw`^>>>\s+(?:Section start ${DATE_TIME}|${DATE_TIME}: Section start)\s*$`);
const SECTION_END = new RegExp(String.raw`^<<<\s+(?:Section end ${DATE_TIME}|\[${DATE_TIME}: Section end\])\s*$`);
const EXIT_STATUS = /^<<<\s+\[(?:Exit status: ?(.*)|(Exit Status\(0x[0-9a-fA-F]+\))|(Exit))\]\s*$/;
const CMD = /^\s+cmd: (.*)$/;
const BODY = /^(!!!|!)?\s*([a-z]{2,3} ?|[a-z]{3}):( .*|)$/;
const TRAILING_TIME = / (\d{2}:\d{2}:\d{2}\.\d{3})$/;
const HEADER_VALUE = /^\s+(OS Version|Service Pack|Suite|ProductType|Architecture) = (.*)$/;
const XP_SECTION = /^\[(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \d+\.\d+(?: (.*))?\]\s*$/;
const XP_LINE = /^(?:@ (\d{2}:\d{2}:\d{2}\.\d{3}) )?#([-IWEVT])(\d{3}) (.*)$/;

/** Removes what others added around a log line (a BOM, a tool's prefix, forum quoting). */
export function unwrap(raw: string): string {
  let s = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  const tool = TOOL_PREFIX.exec(s);
  if (tool) s = s.slice(tool[0].length);
  if (s.startsWith('>') && !s.startsWith('>>>  ') && !s.startsWith('>>> ')) {
    const q = QUOTE.exec(s)![0];
    const inner = s.slice(q.length);
    const levels = q.split('>').length - 1;
    // A quoted section header: the forum turned ">>>" itself into "> > >".
    if (levels >= 3 && /^ ?(\[.*\]\s*$|Section start |\d{4}\/)/.test(inner)) s = `>>>  ${inner.trimStart()}`;
    else s = inner;
  }
  return s;
}

export function classify(raw: string): Classified {
  const s = unwrap(raw);
  if (s.trim() === '') return { type: 'blank' };
  const c0 = s[0];
  if (c0 === '>' || c0 === '<') {
    let m = SECTION_TITLE.exec(s);
    if (m && !SECTION_START.test(s)) return { type: 'sectionTitle', title: m[1] };
    if ((m = SECTION_START.exec(s))) return { type: 'sectionStart', time: (m[1] ?? m[2])! };
    if ((m = SECTION_END.exec(s))) return { type: 'sectionEnd', time: (m[1] ?? m[2]) ?? null };
    if ((m = EXIT_STATUS.exec(s))) return { type: 'exitStatus', status: (m[1] ?? m[2] ?? m[3] ?? '').trim() };
    return { type: 'other', text: s };
  }
  if (c0 === '[') {
    if (s.startsWith('[Device Install Log]')) return { type: 'logHeader' };
    if (s.startsWith('[BeginLog]')) return { type: 'beginLog' };
    let m = BOOT.exec(s);
    if (m) return { type: 'boot', time: m[1] };
    if ((m = XP_SECTION.exec(s))) return { type: 'xpSection', time: m[1], title: m[2] ?? '' };
    return { type: 'other', text: s };
  }
  if (c0 === '#' || c0 === '@') {
    const m = XP_LINE.exec(s);
    if (m) return { type: 'xp', time: m[1] ?? null, kind: m[2], id: Number(m[3]), text: m[4] };
    return { type: 'other', text: s };
  }
  let m = CMD.exec(s);
  if (m && /^ {6}cmd: /.test(s)) return { type: 'cmd', command: m[1] };
  m = HEADER_VALUE.exec(s);
  if (m) return { type: 'headerValue', key: m[1], value: m[2].trim() };
  m = BODY.exec(s);
  if (m) {
    const level: LineLevel = m[1] === '!!!' ? 'error' : m[1] === '!' ? 'warning' : 'info';
    const message = m[3];
    let spaces = 0;
    while (spaces < message.length && message.charCodeAt(spaces) === 32) spaces++;
    let text = message.slice(spaces).trimEnd();
    const t = TRAILING_TIME.exec(text);
    if (t) text = text.slice(0, t.index);
    return { type: 'body', level, category: m[2].trim(), depth: Math.max(0, Math.round((spaces - 1) / 5)), text, time: t ? t[1] : null };
  }
  if (/^\s{6,}\S/.test(s)) return { type: 'body', level: 'info', category: null, depth: 0, text: s.trim(), time: null };
  return { type: 'other', text: s };
}

/** "2016/10/12 03:36:30.936" → "2016-10-12T03:36:30.936" (local time, as logged). */
export function isoTime(logTime: string): string {
  return logTime.replace(/\//g, '-').replace(' ', 'T');
}
