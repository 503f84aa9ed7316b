/**
 * The points of a space: each the user's scenario document with one choice per position applied,
 * and what a point changes from it.
 */
import { difLabel } from '../domain/codes.js';
import { codeText } from './adapter.js';
import { keyFor, type AnswerChoice, type Doc, type Entry, type Kind } from './alphabets.js';
import type { Space } from './space.js';

/** A point: the choice index per position. */
export type Point = readonly number[];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function applyAnswer(entry: Entry, kind: Kind, dif: number, choice: AnswerChoice): Entry {
  const on = { ...(entry.on ?? {}) };
  const key = keyFor(on, dif);
  const target = key === null || key === '*' ? difLabel(dif) : key;
  const base = { ...(key === null ? {} : on[key]) };
  if (kind === 'classInstaller') base.returns = codeText(choice.pre);
  else {
    base.pre = codeText(choice.pre);
    if (choice.post !== undefined) base.post = choice.post === 'propagate' ? 'propagate' : codeText(choice.post);
  }
  on[target] = base;
  return { ...entry, on };
}

/** The scenario document of a point (choice 0 everywhere: the user's own document, unchanged). */
export function documentAt(space: Space, point: Point): Doc {
  if (point.every((c) => c === 0)) return space.document;
  const doc = clone(space.document);
  space.positions.forEach((p, i) => {
    const c = point[i];
    if (c === 0) return;
    switch (p.axis) {
      case 'answers': {
        if (p.kind === 'classInstaller') doc.classInstaller = applyAnswer(doc.classInstaller as Entry, p.kind, p.dif, p.choices[c]);
        else (doc[p.kind] as Entry[])[p.index] = applyAnswer((doc[p.kind] as Entry[])[p.index], p.kind, p.dif, p.choices[c]);
        break;
      }
      case 'flags': {
        const flags = ((doc.flags as string[] | undefined) ?? []).filter((f) => f !== 'DI_NODI_DEFAULTACTION');
        if (p.choices[c]) flags.push('DI_NODI_DEFAULTACTION');
        if (flags.length > 0) doc.flags = flags;
        else delete doc.flags;
        break;
      }
      case 'os':
      case 'profile':
        doc[p.axis] = p.choices[c];
        break;
      case 'order':
        break;
    }
  });
  // Orders last: answers are applied by the installers' original positions.
  space.positions.forEach((p, i) => {
    if (p.axis !== 'order' || point[i] === 0) return;
    const list = doc[p.kind] as Entry[];
    doc[p.kind] = p.choices[point[i]].map((j) => list[j]);
  });
  return doc;
}

const answerText = (kind: Kind, a: AnswerChoice) =>
  kind === 'classInstaller' ? `returns ${codeText(a.pre)}` : `pre ${codeText(a.pre)}${a.post !== undefined ? `, post ${a.post === 'propagate' ? 'propagate' : codeText(a.post)}` : ''}`;

/** What a point changes from the user's scenario, one phrase per changed position. */
export function describeChanges(space: Space, point: Point): string[] {
  const out: string[] = [];
  space.positions.forEach((p, i) => {
    const c = point[i];
    if (c === 0) return;
    switch (p.axis) {
      case 'answers':
        out.push(`${p.installer} ${difLabel(p.dif)}: ${answerText(p.kind, p.choices[c])} (was ${answerText(p.kind, p.choices[0])})`);
        break;
      case 'order':
        out.push(`${p.kind === 'classCoInstallers' ? 'class' : 'device'} co-installers in the order ${p.choices[c].map((j) => j + 1).join(', ')}`);
        break;
      case 'flags':
        out.push(p.choices[c] ? 'DI_NODI_DEFAULTACTION set' : 'DI_NODI_DEFAULTACTION cleared');
        break;
      default:
        out.push(`${p.axis} ${p.choices[c]}`);
    }
  });
  return out;
}

/** Every point, in mixed-radix order (the first position varies fastest). */
export function* points(space: Space): Generator<Point> {
  const radices = space.positions.map((p) => p.choices.length);
  const point = radices.map(() => 0);
  for (;;) {
    yield point;
    let i = 0;
    while (i < radices.length && ++point[i] === radices[i]) point[i++] = 0;
    if (i === radices.length) return;
  }
}
