/** The swim-lane sequence view: each DIF's calls in lanes, across the whole installation. */
import type { CallView, DifView, ViewModel } from '../model.js';
import { h } from './dom.js';

export const LANES = [
  { id: 'classCoInstaller', title: 'class co-installers' },
  { id: 'deviceCoInstaller', title: 'device co-installers' },
  { id: 'classInstaller', title: 'class installer' },
  { id: 'defaultHandler', title: 'default handler' },
  { id: 'postprocessing', title: 'postprocessing' },
  { id: 'nested', title: 'nested DIFs' },
] as const;

export function laneOf(call: CallView): (typeof LANES)[number]['id'] {
  if (call.phase === 'post') return 'postprocessing';
  return call.who as (typeof LANES)[number]['id'];
}

function timeClass(step: number, current: number): string {
  return step < current ? 'past' : step === current ? 'current' : 'future';
}

function callLabel(call: CallView): string {
  if (call.who === 'defaultHandler') return call.function ?? 'no default handler';
  const who = call.who === 'classCoInstaller' ? 'C' : call.who === 'deviceCoInstaller' ? 'D' : '';
  return `${who}${call.index ?? ''} ${call.name ?? ''}`.trim();
}

function callBox(call: CallView, current: number, goto: (step: number) => void): HTMLElement {
  const ok = call.returned === '0x00000000';
  const box = h(
    'button',
    {
      class: `call ${timeClass(call.step, current)} ${ok ? 'ok' : 'status'}`,
      'data-call-step': call.step,
      title: `step ${call.step}: ${callLabel(call)}${call.phase ? ` (${call.phase})` : ''} returned ${call.returnedName ?? ''} ${call.returned}${call.installResult ? `; InstallResult ${call.installResult}` : ''}`,
    },
    h('span', { class: 'who' }, callLabel(call)),
    h('span', { class: 'ret' }, `→ ${call.returnedName ?? call.returned}`),
  );
  box.addEventListener('click', () => goto(call.step));
  return box;
}

function difBlock(model: ViewModel, dif: DifView, current: number, goto: (step: number) => void): HTMLElement {
  const nested = model.difs.filter((d) => d.parent === dif.key);
  const active = dif.firstStep <= current && current <= dif.lastStep;
  const state = current > dif.lastStep ? 'past' : active ? 'current' : 'future';
  const rows: HTMLElement[] = [];
  const nestedAt = (step: number) => nested.filter((n) => n.firstStep <= step);
  const placed = new Set<string>();
  for (const call of dif.calls) {
    for (const n of nestedAt(call.step)) {
      if (placed.has(n.key) || call.who !== 'defaultHandler') continue;
      placed.add(n.key);
      rows.push(nestedRow(n, current, goto));
    }
    const lane = laneOf(call);
    rows.push(h('div', { class: 'lane-row' }, ...LANES.map((l) => h('div', { class: `cell lane-${l.id}`, 'data-lane': l.id }, l.id === lane ? callBox(call, current, goto) : null))));
  }
  for (const n of nested) if (!placed.has(n.key)) rows.push(nestedRow(n, current, goto));
  const result = dif.result.name ?? dif.result.hex;
  const header = h(
    'button',
    { class: 'dif-title', title: `go to step ${dif.firstStep}` },
    h('span', { class: 'dif-name' }, dif.dif),
    dif.context ? h('span', { class: 'tag' }, dif.context) : null,
    h('span', { class: `result ${dif.result.hex === '0x00000000' ? 'ok' : 'status'}` }, result),
    dif.check ? h('span', { class: `verdict ${dif.check.verdict}`, title: `${dif.check.reason} · ${Object.entries(dif.check.profiles).map(([p, ok]) => `${p} ${ok ? '✔' : '✘'}`).join(' ')}` }, dif.check.verdict) : null,
    dif.line !== undefined ? h('span', { class: 'tag' }, `line ${dif.line}`) : null,
    h('span', { class: 'steps' }, dif.firstStep === dif.lastStep ? `step ${dif.firstStep}` : `steps ${dif.firstStep}–${dif.lastStep}`),
  );
  header.addEventListener('click', () => goto(dif.firstStep));
  return h('section', { class: `dif ${state}`, 'data-dif': dif.key, 'data-dif-name': dif.dif }, header, rows.length ? h('div', { class: 'lane-rows' }, ...rows) : h('div', { class: 'empty' }, 'no installer was called'));
}

function nestedRow(n: DifView, current: number, goto: (step: number) => void): HTMLElement {
  const cell = h(
    'div',
    { class: `nested ${timeClass(n.firstStep, current)}` },
    h('div', { class: 'nested-name' }, `${n.dif} → ${n.result.name ?? n.result.hex}`, n.check ? h('span', { class: `verdict ${n.check.verdict}`, title: n.check.reason }, n.check.verdict) : null),
    ...n.calls.map((c) => callBox(c, current, goto)),
  );
  return h('div', { class: 'lane-row' }, ...LANES.map((l) => h('div', { class: `cell lane-${l.id}`, 'data-lane': l.id }, l.id === 'nested' ? cell : null)));
}

export function renderLanes(model: ViewModel, current: number, goto: (step: number) => void): HTMLElement {
  const top = model.difs.filter((d) => !d.parent);
  return h(
    'div',
    { class: 'lanes', id: 'lanes' },
    h('div', { class: 'lane-row lane-head' }, ...LANES.map((l) => h('div', { class: `cell lane-${l.id}` }, l.title))),
    ...top.map((d) => difBlock(model, d, current, goto)),
  );
}
