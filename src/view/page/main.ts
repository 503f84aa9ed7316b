/**
 * The viewer page: one run (statechart with active states, steppable timeline, step details,
 * swim lanes, finish-install, violations, log text), several runs compared, or a live run
 * arriving over a WebSocket. Its data comes embedded (report.html) or from the local server.
 */
import { fromWire } from '../adapter.js';
import { diffJson } from '../diff.js';
import type { ChartView, ViewModel } from '../model.js';
import { StepBuilder, type Step } from '../trace.js';
import { renderCompare } from './compareView.js';
import { chartPanel, prefetch } from './chartPanel.js';
import { h, short } from './dom.js';
import { renderLanes } from './lanes.js';

export interface PageData {
  readonly models: ViewModel[];
  /** Set while a live run streams in: the charts to draw, and where the WebSocket is. */
  readonly live?: { readonly charts: ChartView[]; readonly title: string };
}

const app = document.getElementById('app')!;
let data: PageData;
let run = 0;
let step = 0;
let prefetched: ViewModel | undefined;

function readHash(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  run = Math.max(0, Number(params.get('run') ?? 0) | 0);
  step = Math.max(0, Number(params.get('step') ?? 0) | 0);
}

function writeHash(): void {
  const params = new URLSearchParams();
  if (data.models.length > 1) params.set('run', String(run));
  params.set('step', String(step));
  const hash = `#${params}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

function model(): ViewModel {
  return data.models[Math.min(run, data.models.length - 1)];
}

function goto(next: number): void {
  const m = model();
  step = Math.max(0, Math.min(m.steps.length - 1, next));
  writeHash();
  render();
}

const ICON = { first: '«', prev: '‹', next: '›', last: '»' };

function timeline(m: ViewModel): HTMLElement {
  const last = m.steps.length - 1;
  const button = (id: keyof typeof ICON, target: number, label: string) => {
    const b = h('button', { id: `step-${id}`, class: 'nav', title: label, 'aria-label': label, disabled: target === step || target < 0 || target > last }, ICON[id]);
    b.addEventListener('click', () => goto(target));
    return b;
  };
  const slider = h('input', { id: 'step-slider', type: 'range', min: 0, max: last, value: step, 'aria-label': 'step' }) as HTMLInputElement;
  slider.addEventListener('input', () => goto(Number(slider.value)));
  const violationsAt = new Map<number, string[]>();
  for (const v of m.violations) violationsAt.set(v.step, [...(violationsAt.get(v.step) ?? []), v.rule]);
  const entries = m.steps.map((s, i) => {
    const call = m.stepCalls[i];
    const bad = violationsAt.get(i);
    const chip = h(
      'button',
      {
        class: `entry${i === step ? ' current' : ''}${bad ? ' violation' : ''}${i < step ? ' past' : ''}`,
        'data-step': i,
        'aria-current': i === step ? 'step' : undefined,
        title: `${i}: ${s.event.type}${call ? ` — ${call.called}` : ''}${bad ? ` — violates ${bad.join(', ')}` : ''}`,
      },
      h('span', { class: 'n' }, String(i)),
      h('span', { class: 'ev' }, eventLabel(s), call?.dif ? h('span', { class: 'dif-short' }, call.dif.split('|')[0].replace(/^DIF_/, '')) : null),
      bad ? h('span', { class: 'mark', 'aria-label': 'violation' }, '!') : null,
    );
    chip.addEventListener('click', () => goto(i));
    return chip;
  });
  return h(
    'section',
    { class: 'timeline', id: 'timeline' },
    h('div', { class: 'controls' }, button('first', 0, 'first step (Home)'), button('prev', step - 1, 'previous step (←)'), slider, button('next', step + 1, 'next step (→)'), button('last', last, 'last step (End)'), h('span', { class: 'counter', id: 'step-counter' }, `step ${step} / ${last}`)),
    h('div', { class: 'entries', id: 'entries' }, ...entries),
  );
}

function eventLabel(s: Step): string {
  const e = s.event as { type: string; who?: string; index?: number; phase?: string };
  if (e.type === 'xstate.init') return 'start';
  if (e.type === 'log.opened') return 'log';
  if (e.type === 'log.dif') return `line ${String((e as { line?: number }).line)}`;
  if (e.type === 'coInstaller.returned') return `${e.who === 'classCoInstaller' ? 'C' : 'D'}${e.index} ${e.phase}`;
  return e.type.replace('.returned', '');
}

let attachers: (() => void)[] = [];
let allDrawn = true;

function charts(charts: readonly ChartView[], s: Step | undefined): HTMLElement {
  const box = h('section', { class: 'charts', id: 'charts' });
  for (const chart of charts) {
    const { element, drawn, attach } = chartPanel(chart, s, { redraw: () => render() });
    if (!drawn) allDrawn = false;
    attachers.push(attach);
    box.append(element);
  }
  return box;
}

function details(m: ViewModel, s: Step, previous: Step | undefined): HTMLElement {
  const call = m.stepCalls[step];
  const changes = Object.entries(s.actors).flatMap(([id, a]) => diffJson(previous?.actors[id]?.context, a.context).map((c) => ({ ...c, machine: a.machine })));
  const bad = m.violations.filter((v) => v.step === step);
  const { type, ...payload } = s.event;
  return h(
    'section',
    { class: 'details', id: 'details' },
    h('h2', {}, `Step ${step}`),
    h('dl', {},
      h('dt', {}, 'event'), h('dd', { id: 'detail-event' }, h('code', {}, type), Object.keys(payload).length ? h('pre', {}, JSON.stringify(payload, null, 1)) : null),
      call ? [h('dt', {}, m.kind === 'setupapi-log' ? 'DIF block' : 'installer called'), h('dd', { id: 'detail-called' }, call.called)] : null,
      call?.answer ? [h('dt', {}, 'its answer'), h('dd', { id: 'detail-answer' }, h('code', { class: call.answer.hex === '0x00000000' ? 'ok' : 'status' }, call.answer.name ?? call.answer.hex), ` ${call.answer.hex}`)] : null,
      s.transitions.length ? [h('dt', {}, 'transitions'), h('dd', {}, h('ol', { class: 'transitions' }, ...s.transitions.map((t) => h('li', {}, `${t.source.split('.').slice(1).join('.') || t.source} → ${t.targets.map((x) => x.split('.').slice(1).join('.')).join(', ')}`, t.event ? h('span', { class: 'sub' }, ` on ${t.event}`) : h('span', { class: 'sub' }, ' (eventless)')))))] : null,
      s.actions.length ? [h('dt', {}, 'actions'), h('dd', {}, s.actions.map((a) => a.type).join(', '))] : null,
    ),
    bad.length ? h('div', { class: 'violations-here' }, ...bad.map(violationItem)) : null,
    logExcerpt(m, call?.dif),
    m.kind === 'setupapi-log' ? null : h('h3', {}, `What changed in the context (${changes.length})`),
    m.kind === 'setupapi-log' ? null : changes.length
      ? h('table', { class: 'diff', id: 'context-diff' }, ...changes.slice(0, 80).map((c) => h('tr', { class: c.kind }, h('td', { class: 'path' }, c.path), h('td', { class: 'before' }, c.kind === 'added' ? '' : short(c.before)), h('td', { class: 'after' }, c.kind === 'removed' ? '' : short(c.after)))))
      : h('p', { class: 'sub' }, 'nothing'),
  );
}

let logLines: { text: string; lines: string[] } | undefined;

/** A real log's DIF block: its own lines, numbered as in the file. */
function logExcerpt(m: ViewModel, key: string | undefined): HTMLElement | null {
  const dif = key ? m.difs.find((d) => d.key === key) : undefined;
  if (!m.log || !dif || dif.line === undefined || m.kind !== 'setupapi-log') return null;
  if (logLines?.text !== m.log.text) logLines = { text: m.log.text, lines: m.log.text.split(/\r?\n/) };
  const last = Math.min(dif.endLine ?? dif.line + 40, dif.line + 200);
  const width = String(last).length;
  const text = logLines.lines.slice(dif.line - 1, last).map((l, i) => `${String(dif.line! + i).padStart(width)}  ${l}`).join('\n');
  return h('div', { class: 'excerpt' }, h('h3', {}, `The block in the log (lines ${dif.line}–${last})`), h('pre', { class: 'log', id: 'log-excerpt' }, text));
}

function violationItem(v: ViewModel['violations'][number]): HTMLElement {
  const source = /^https?:\/\//.test(v.source) ? h('a', { href: v.source, rel: 'noreferrer', target: '_blank' }, v.source) : h('span', {}, v.source);
  const item = h('div', { class: 'violation', 'data-rule': v.rule }, h('button', { class: 'rule', title: `go to step ${v.step}` }, `${v.rule} · step ${v.step}`), h('div', {}, v.message), h('div', { class: 'source' }, 'guideline: ', source));
  item.querySelector('button')!.addEventListener('click', () => goto(v.step));
  return item;
}

function extras(m: ViewModel): HTMLElement[] {
  const out: HTMLElement[] = [];
  const fi = m.finishInstall;
  if (fi && (fi.marked || fi.attempts > 0)) {
    const attempts = m.difs.filter((d) => d.dif === 'DIF_FINISHINSTALL_ACTION');
    const env = m.steps.map((s, i) => ({ s, i })).filter(({ s, i }) => i > 0 && m.stepCalls[i]?.answer === undefined);
    const items = [...attempts.map((d) => ({ at: d.firstStep, el: h('li', { class: `attempt ${d.result.hex === '0x00000000' ? 'ok' : 'status'}` }, `attempt at step ${d.firstStep}: DIF_FINISHINSTALL_ACTION → ${d.result.name ?? d.result.hex}`) })), ...env.map(({ s, i }) => ({ at: i, el: h('li', { class: 'env' }, `step ${i}: ${s.event.type}`) }))].sort((a, b) => a.at - b.at);
    for (const it of items) it.el.addEventListener('click', () => goto(it.at));
    out.push(h('section', { class: 'panel', id: 'finish-install' }, h('h2', {}, 'Finish-install'), h('p', {}, `${fi.attempts} attempt${fi.attempts === 1 ? '' : 's'}; ${fi.pending ? 'still pending' : fi.marked ? 'completed' : 'not needed'}`), h('ol', {}, ...items.map((i) => i.el))));
  }
  out.push(h('section', { class: 'panel', id: 'violations' }, h('h2', {}, `Violations (${m.violations.length})`), m.violations.length ? h('div', {}, ...m.violations.map(violationItem)) : h('p', { class: 'sub' }, 'none')));
  if (m.notes.length) out.push(h('section', { class: 'panel', id: 'notes' }, h('h2', {}, 'Notes'), h('ul', {}, ...m.notes.map((n) => h('li', {}, n)))));
  if (m.sections?.length) {
    const items = m.sections.map((sec) => {
      const li = h('li', { class: 'section', 'data-section': sec.index }, h('button', { class: 'rule', title: sec.firstStep > 0 ? `go to step ${sec.firstStep}` : 'no DIF block' }, `#${sec.index} ${sec.title || '(title cut)'}`), h('span', { class: 'sub' }, ` line ${sec.line} · ${sec.start ?? '?'} → ${sec.end ?? '?'} · ${sec.exitStatus ?? '(no exit status)'} · ${sec.difBlocks} DIF block${sec.difBlocks === 1 ? '' : 's'}`));
      if (sec.firstStep > 0) li.querySelector('button')!.addEventListener('click', () => goto(sec.firstStep));
      return li;
    });
    out.push(h('section', { class: 'panel', id: 'sections' }, h('h2', {}, `Sections (${m.sections.length})`), h('ol', { class: 'sections' }, ...items)));
  }
  if (m.log) out.push(h('section', { class: 'panel', id: 'log' }, h('h2', {}, `setupapi.dev.log — ${m.log.name}`), h('pre', { class: 'log' }, m.log.text)));
  return out;
}

function header(title: string, sub: string): HTMLElement {
  return h('header', {}, h('span', { class: 'brand' }, 'devinst'), h('span', { class: 'title', id: 'title' }, title), h('span', { class: 'sub', id: 'summary' }, sub));
}

function render(): void {
  const m = model();
  const s = m.steps[step];
  attachers = [];
  allDrawn = true;
  const body: (HTMLElement | null)[] = [header(m.title, m.summary)];
  if (data.models.length > 1) {
    body.push(renderCompare(data.models, (i) => { run = i; step = 0; writeHash(); render(); }));
    body.push(h('nav', { class: 'runs' }, ...data.models.map((x, i) => {
      const b = h('button', { class: i === run ? 'current' : '', 'data-run': i }, `${x.profile}: ${x.title}`);
      b.addEventListener('click', () => { run = i; writeHash(); render(); });
      return b;
    })));
  }
  body.push(timeline(m));
  body.push(h('div', { class: m.charts.length ? 'main' : 'main single' }, m.charts.length ? charts(m.charts, s) : null, s ? details(m, s, m.steps[step - 1]) : h('section', {}, 'waiting for the run…')));
  body.push(h('section', { class: 'panel', id: 'lanes-panel' }, h('h2', {}, 'Calls, per DIF'), renderLanes(m, step, goto)));
  body.push(...extras(m));
  const scrollX = window.scrollX;
  const scrollY = window.scrollY;
  app.replaceChildren(...body.filter((x): x is HTMLElement => x !== null));
  for (const attach of attachers) attach();
  window.scrollTo(scrollX, scrollY);
  document.querySelector('.entry.current')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  document.body.dataset.step = String(step);
  // Ready once every chart of this step is drawn (a layout not yet cached redraws the page).
  document.body.dataset.ready = String(allDrawn);
  if (allDrawn && prefetched !== m && m.kind !== 'live') {
    prefetched = m;
    prefetch(m.charts, m.steps);
  }
}

document.addEventListener('keydown', (e) => {
  if ((e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type !== 'range') return;
  const map: Record<string, number> = { ArrowRight: step + 1, ArrowLeft: step - 1, Home: 0, End: model().steps.length - 1 };
  if (e.key in map) {
    e.preventDefault();
    goto(map[e.key]);
  }
});
window.addEventListener('hashchange', () => { readHash(); render(); });

function startLive(live: NonNullable<PageData['live']>): void {
  const builder = new StepBuilder();
  const liveModel = (): ViewModel => ({ title: live.title, kind: 'live', machine: live.charts[0]?.machine ?? '', profile: 'live', summary: `live run · ${builder.steps.length} steps so far`, charts: live.charts, steps: builder.steps, stepCalls: [], difs: [], violations: [], notes: [] });
  data = { models: [liveModel()] };
  render();
  const socket = new WebSocket(`ws://${location.host}/live`);
  let scheduled = false;
  socket.addEventListener('message', (message) => {
    const parsed = JSON.parse(String(message.data)) as { type: string; models?: ViewModel[] };
    if (parsed.type === 'devinst.complete' && parsed.models) {
      data = { models: parsed.models };
      step = model().steps.length - 1;
      writeHash();
      render();
      document.body.dataset.live = 'complete';
      socket.send(JSON.stringify({ type: 'devinst.received' }));
      return;
    }
    const event = fromWire(parsed);
    if (!event) return;
    builder.add(event);
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        data = { models: [liveModel()] };
        step = builder.steps.length - 1;
        writeHash();
        render();
      });
    }
  });
  socket.addEventListener('open', () => { document.body.dataset.live = 'connected'; });
}

async function load(): Promise<void> {
  const embedded = document.getElementById('devinst-data');
  const loaded: PageData = embedded ? JSON.parse(embedded.textContent ?? '{}') : await (await fetch('/api/data')).json();
  readHash();
  if (loaded.live) return startLive(loaded.live);
  data = loaded;
  run = Math.min(run, data.models.length - 1);
  step = Math.min(step, model().steps.length - 1);
  writeHash();
  render();
}

void load();
