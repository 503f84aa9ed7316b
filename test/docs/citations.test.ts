/**
 * Every citation can be followed by a reader of the repository or of a message: no citation points
 * at a file that is not in the repository (a private reference folder beside the clone, a
 * "reference.md §n" that was never committed, an "issue #n §m" of a tracker the reader cannot see).
 * Public sources are cited instead, with the tags of docs/sources.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../support/cli.js';

const ROOT = process.cwd();
const SKIP = new Set(['node_modules', 'dist', '.git', '.devinst-out', 'coverage', 'package-lock.json']);
const TEXT = /\.(ts|mts|mjs|js|json|md|jsonc|jsonl|txt|yml|yaml|sh)$|^run$|^README|^LICENSE/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (TEXT.test(name)) out.push(full);
  }
  return out;
}

// This file's own examples are the only outside citations it may hold.
const files = walk(ROOT).filter((f) => !f.includes(`${path.sep}fixtures${path.sep}`) && path.basename(f) !== 'citations.test.ts');
const mdNames = new Set(files.filter((f) => f.endsWith('.md')).map((f) => path.basename(f)));
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

// Built from parts so that this file does not match itself.
const SHARED = ['..', 'shared'].join('/');

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Citations that point outside the repository, in one text. */
export function outsideCitations(file: string, text: string): Finding[] {
  const found: Finding[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const at = (what: string) => found.push({ file, line: i + 1, text: what });
    if (line.includes(SHARED)) at(SHARED);
    // "name.md §3.2": a section of a Markdown file, which must be one of ours.
    for (const m of line.matchAll(/([\w.-]+\.md)`?\)?\s*§/g)) if (!mdNames.has(m[1])) at(m[0]);
    // A Markdown file named as a reference that the repository does not have.
    for (const m of line.matchAll(/\b(spec|style|tooling|implementations|setupapi-log-format)\.md\b/g)) if (!mdNames.has(`${m[1]}.md`)) at(m[0]);
    // "issue #3 §2", or "issue #3" with no repository named before it on the line.
    for (const m of line.matchAll(/issue #\d+( ?§)?/g)) {
      const before = line.slice(0, m.index);
      if (m[1] || !/[\w.-]+\/[\w.-]+[^/]{0,40}$/.test(before)) at(m[0]);
    }
    // A bare "§n" not after one of our Markdown files: a section of some document the reader cannot see.
    for (const m of line.matchAll(/§\s?\d/g)) {
      const before = line.slice(0, m.index);
      const doc = /([\w.-]+\.md)\]?(\([^)]*\))?`?\)?,?\s*(§\s?[\d.]+(,|\s|and|–)*)*$/.exec(before);
      if (!doc || !mdNames.has(doc[1])) at(line.slice(Math.max(0, (m.index ?? 0) - 20), (m.index ?? 0) + 6));
    }
  });
  // Relative links in Markdown must land inside the repository, on a file that exists.
  if (file.endsWith('.md')) {
    for (const m of text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)) {
      const target = path.resolve(path.dirname(path.join(ROOT, file)), m[1]);
      if (!target.startsWith(ROOT + path.sep) || !existsQuiet(target)) found.push({ file, line: text.slice(0, m.index).split('\n').length, text: m[0] });
    }
  }
  return found;
}

function existsQuiet(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

describe('citations', () => {
  test('the check finds each kind of outside citation (and not the public ones)', () => {
    const bad = [
      `see ${SHARED}/reference/spec.md`,
      '(co-installer-interface.md; spec.md §9.4)',
      'Installer effects (issue #3 §2)',
      'as decided in issue #2',
      'style.md §9.5',
      'the rule of §1.2 step 6',
    ];
    for (const line of bad) expect({ line, found: outsideCitations('x.ts', line).length > 0 }).toEqual({ line, found: true });
    const good = [
      'the xcp-ng/win-pv-drivers issue #10 log',
      'Logs `pbatard/libwdi` #200',
      '[semantics.md](semantics.md) §3',
      'docs/lifecycle.md L2 and docs/semantics.md §2',
      'WDD co-installer-operation.md, images/dif-flow.png',
    ];
    for (const line of good) expect({ line, found: outsideCitations('x.ts', line) }).toEqual({ line, found: [] });
    expect(outsideCitations('docs/x.md', '[nowhere](../../elsewhere.md)')).toHaveLength(1);
  });

  test('no file of the repository cites a source outside it', () => {
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => outsideCitations(rel(f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  test('no violation message or source printed by the CLI cites one either', async () => {
    const examples = path.join(ROOT, 'examples', 'violations');
    const printed: string[] = [];
    for (const name of readdirSync(examples)) {
      const o = await cli('install', path.join(examples, name), '--json');
      printed.push(o.out, o.err);
    }
    const text = printed.join('\n');
    expect(text).toContain('"source"');
    expect(outsideCitations('(cli output)', text)).toEqual([]);
  });
});
