/**
 * The statechart panel: the chart drawn with the compound states off the active path collapsed
 * (one box saying what it holds; click to open it, click an open state's name to close it), laid
 * out with elkjs in the page and cached per collapsed configuration, so stepping through a run
 * re-uses layouts. The view follows the active state at a readable zoom; the mouse wheel, drag,
 * the buttons and "full chart" change it. Nothing here names a particular state.
 */
import { activeIds } from '../chart.js';
import { compoundIds, configKey, defaultExpanded, visibleChart, visibleIdOf } from '../collapse.js';
import { layoutChart, type Box, type LaidOutChart } from '../layout.js';
import type { ChartView } from '../model.js';
import { chartSvg } from '../svg.js';
import type { Step } from '../trace.js';
import { h } from './dom.js';

/** The smallest zoom a followed view uses: state names (13 px) are then 11 px on screen. */
export const MIN_FOLLOW_SCALE = 0.85;
const MAX_FOLLOW_SCALE = 1.1;
const PAD = 16;

interface View {
  cx: number;
  cy: number;
  scale: number;
}

interface PanelState {
  readonly opened: Set<string>;
  readonly closed: Set<string>;
  full: boolean;
  /** Follow the active state (re-fit at every step) until the person pans or zooms. */
  follow: boolean;
  view?: View;
  /** After opening a state: centre on it once its layout is there. */
  focus?: string;
}

const panels = new Map<string, PanelState>();
const layouts = new Map<string, LaidOutChart>();
const pending = new Map<string, Promise<LaidOutChart>>();

function panel(machine: string): PanelState {
  let p = panels.get(machine);
  if (!p) panels.set(machine, (p = { opened: new Set(), closed: new Set(), full: false, follow: true }));
  return p;
}

function expandedFor(cv: ChartView, active: readonly string[]): Set<string> {
  const p = panel(cv.machine);
  const open = p.full ? new Set(compoundIds(cv.chart)) : defaultExpanded(cv.chart, active);
  for (const id of p.opened) open.add(id);
  for (const id of p.closed) open.delete(id);
  return open;
}

/** The laid-out chart for a configuration: from the cache, or a promise of it (laid out once). */
function laidOut(cv: ChartView, expanded: ReadonlySet<string>): LaidOutChart | Promise<LaidOutChart> {
  const config = configKey(cv.chart, expanded);
  const key = `${cv.machine}|${config}`;
  const ahead = cv.layouts?.[config];
  if (ahead && !layouts.has(key)) layouts.set(key, ahead);
  const done = layouts.get(key);
  if (done) return done;
  let promise = pending.get(key);
  if (!promise) {
    promise = layoutChart(visibleChart(cv.chart, expanded, cv.mounts)).then((laid) => {
      layouts.set(key, laid);
      pending.delete(key);
      return laid;
    });
    pending.set(key, promise);
  }
  return promise;
}

/** The actor of this chart's machine that changed last, and its active state ids. */
function actorOf(cv: ChartView, s: Step | undefined): { session?: string; active: string[] } {
  const actors = s ? Object.entries(s.actors).filter(([, a]) => a.machine === cv.machine) : [];
  const [session, actor] = actors.reverse().find(([, a]) => a.status === 'active') ?? actors[0] ?? [];
  return { ...(session ? { session } : {}), active: actor ? activeIds(cv.chart, actor.value) : [] };
}

/** Lays out, one after another in the background, the configurations every step will need. */
export function prefetch(charts: readonly ChartView[], steps: readonly Step[]): void {
  const wanted: [ChartView, Set<string>][] = [];
  for (const cv of charts) for (const s of steps) wanted.push([cv, expandedFor(cv, actorOf(cv, s).active)]);
  const next = (): void => {
    const item = wanted.shift();
    if (!item) return;
    const r = laidOut(item[0], item[1]);
    if (r instanceof Promise) void r.then(() => setTimeout(next, 0));
    else next();
  };
  setTimeout(next, 0);
}

const fitScale = (b: Box, w: number, hgt: number): number => Math.min((w - 2 * PAD) / b.width, (hgt - 2 * PAD) / b.height);
const centre = (b: Box, scale: number): View => ({ cx: b.x + b.width / 2, cy: b.y + b.height / 2, scale });

const union = (boxes: readonly Box[]): Box => {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
};

/**
 * The view that follows the active state: of the active states (leaf outwards), alone or with the
 * states their transitions connect them to, the largest region that fits the panel at a readable
 * zoom, fitted; when none does, the active leaf centred at the smallest readable zoom.
 */
function followView(laid: LaidOutChart, visibleActive: readonly string[], w: number, hgt: number): View {
  const whole: Box = { x: 0, y: 0, width: laid.width, height: laid.height };
  const boxOf = (id: string): Box | undefined => (id === laid.chart.root ? whole : laid.boxes[id]);
  const path = [...visibleActive].reverse().filter((id) => boxOf(id));
  if (path.length === 0) return centre(whole, Math.min(MAX_FOLLOW_SCALE, Math.max(0.05, fitScale(whole, w, hgt))));
  const candidates: Box[] = [];
  for (const id of path) {
    const own = boxOf(id)!;
    const neighbours = laid.edges.flatMap((e) => (e.source === id ? [e.target] : e.target === id ? [e.source] : [])).map(boxOf).filter((b): b is Box => b !== undefined);
    candidates.push(own, union([own, ...neighbours]));
  }
  const fitting = candidates.filter((b) => fitScale(b, w, hgt) >= MIN_FOLLOW_SCALE).sort((a, b) => b.width * b.height - a.width * a.height);
  if (fitting.length === 0) return inside(laid, centre(boxOf(path[0])!, MIN_FOLLOW_SCALE), w, hgt);
  return inside(laid, centre(fitting[0], Math.min(MAX_FOLLOW_SCALE, fitScale(fitting[0], w, hgt))), w, hgt);
}

/**
 * The view moved, where it can be, so that it shows no empty space beyond the chart's edges (the
 * region it was centred on stays in view: it lies inside the chart and fits the panel).
 */
function inside(laid: LaidOutChart, view: View, w: number, hgt: number): View {
  const clamp = (c: number, size: number, span: number) => (size * view.scale <= span ? size / 2 : Math.min(size - span / 2 / view.scale, Math.max(span / 2 / view.scale, c)));
  return { ...view, cx: clamp(view.cx, laid.width, w), cy: clamp(view.cy, laid.height, hgt) };
}

function applyView(svg: SVGSVGElement, view: View, w: number, hgt: number): void {
  svg.setAttribute('viewBox', `${view.cx - w / 2 / view.scale} ${view.cy - hgt / 2 / view.scale} ${w / view.scale} ${hgt / view.scale}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.dataset.scale = String(Math.round(view.scale * 1000) / 1000);
}

export interface ChartPanelOptions {
  /** Called when a layout the panel waited for is there, or the configuration changed. */
  readonly redraw: () => void;
}

/**
 * The panel of one chart at one step. `drawn` is false while its layout is still being computed
 * (the panel then redraws itself through `redraw`).
 */
export function chartPanel(cv: ChartView, s: Step | undefined, options: ChartPanelOptions): { element: HTMLElement; drawn: boolean; attach: () => void } {
  const p = panel(cv.machine);
  const { session, active } = actorOf(cv, s);
  const expanded = expandedFor(cv, active);
  const leaf = active[active.length - 1];
  const wrap = h('div', { class: 'chart-wrap', 'data-machine': cv.machine, 'data-active': leaf ?? '' });
  const r = laidOut(cv, expanded);
  const laid = r instanceof Promise ? undefined : r;
  if (r instanceof Promise) {
    wrap.append(h('p', { class: 'sub laying-out' }, 'laying out the chart…'));
    void r.then(options.redraw);
  }
  const visibleActive = [...new Set(active.map((id) => visibleIdOf(cv.chart, expanded, id)))];
  if (laid) {
    wrap.innerHTML = chartSvg(laid);
    // Collapsed states open with Enter or Space too.
    for (const g of wrap.querySelectorAll('.st.collapsed')) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `open ${g.getAttribute('data-state')}`);
    }
    for (const id of visibleActive) wrap.querySelector(`[data-state="${CSS.escape(id)}"]`)?.classList.add('active');
    const shownLeaf = visibleActive[visibleActive.length - 1];
    if (shownLeaf) wrap.querySelector(`[data-state="${CSS.escape(shownLeaf)}"]`)?.classList.add('leaf-active');
    for (const t of s?.transitions ?? []) {
      if (t.actor !== session) continue;
      const source = visibleIdOf(cv.chart, expanded, t.source);
      for (const target of t.targets.map((x) => visibleIdOf(cv.chart, expanded, x)))
        wrap.querySelector(`[data-source="${CSS.escape(source)}"][data-target="${CSS.escape(target)}"]`)?.classList.add('taken');
    }
  }
  const button = (id: string, label: string, title: string, act: () => void) => {
    const b = h('button', { class: 'zoom', 'data-action': id, title }, label);
    b.addEventListener('click', act);
    return b;
  };
  const svgOf = () => wrap.querySelector('svg') as SVGSVGElement | null;
  const size = () => ({ w: Math.max(200, wrap.clientWidth), hgt: Math.max(200, wrap.clientHeight) });
  const set = (view: View) => {
    p.view = view;
    wrap.dataset.follow = String(p.follow);
    const svg = svgOf();
    const { w, hgt } = size();
    if (svg) applyView(svg, view, w, hgt);
  };
  const zoomBy = (factor: number, at?: { x: number; y: number }) => {
    if (!p.view) return;
    const { w, hgt } = size();
    const scale = Math.min(6, Math.max(0.03, p.view.scale * factor));
    const mx = (at?.x ?? w / 2) - w / 2;
    const my = (at?.y ?? hgt / 2) - hgt / 2;
    const px = p.view.cx + mx / p.view.scale;
    const py = p.view.cy + my / p.view.scale;
    p.follow = false;
    set({ cx: px - mx / scale, cy: py - my / scale, scale });
  };
  const head = h(
    'div',
    { class: 'chart-head' },
    cv.machine,
    h('span', { class: 'state-name', id: `active-${cv.machine}` }, leaf ? leaf.slice(cv.machine.length + 1) : '—'),
    h(
      'span',
      { class: 'chart-tools' },
      button('zoom-out', '−', 'zoom out (or the mouse wheel)', () => zoomBy(1 / 1.25)),
      button('zoom-in', '+', 'zoom in (or the mouse wheel)', () => zoomBy(1.25)),
      button('fit', 'fit', 'follow the active state at a readable size', () => {
        p.follow = true;
        p.view = undefined;
        options.redraw();
      }),
      button('full', p.full ? 'active path' : 'full chart', p.full ? 'collapse the states off the active path again' : 'open every state and show the whole chart', () => {
        p.full = !p.full;
        p.opened.clear();
        p.closed.clear();
        p.follow = !p.full;
        p.view = undefined;
        options.redraw();
      }),
    ),
  );
  const attach = () => {
    const svg = svgOf();
    if (!svg || !laid) return;
    const { w, hgt } = size();
    const whole: Box = { x: 0, y: 0, width: laid.width, height: laid.height };
    if (p.focus && laid.boxes[p.focus]) {
      const b = laid.boxes[p.focus];
      p.view = centre(b, Math.min(MAX_FOLLOW_SCALE, Math.max(MIN_FOLLOW_SCALE, fitScale(b, w, hgt))));
      p.focus = undefined;
    } else if (p.full && !p.view) p.view = centre(whole, Math.min(MAX_FOLLOW_SCALE, fitScale(whole, w, hgt)));
    else if (p.follow || !p.view) p.view = followView(laid, visibleActive, w, hgt);
    applyView(svg, p.view, w, hgt);
    wrap.dataset.follow = String(p.follow);
  };
  // Pan by dragging, zoom with the wheel around the pointer; a click (no drag) opens or closes a state.
  let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
  wrap.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  });
  wrap.addEventListener('pointermove', (e) => {
    if (!drag || !p.view || drag.id !== e.pointerId) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) wrap.setPointerCapture(e.pointerId);
    drag.moved = true;
    drag.x = e.clientX;
    drag.y = e.clientY;
    p.follow = false;
    set({ ...p.view, cx: p.view.cx - dx / p.view.scale, cy: p.view.cy - dy / p.view.scale });
  });
  wrap.addEventListener('pointerup', (e) => {
    const wasDrag = drag?.moved;
    drag = undefined;
    if (wasDrag) return;
    const target = e.target as Element;
    const state = target.closest('[data-state]');
    const id = state?.getAttribute('data-state');
    if (!state || !id) return;
    if (state.classList.contains('collapsed')) {
      p.opened.add(id);
      p.closed.delete(id);
      p.focus = id;
      options.redraw();
    } else if (state.classList.contains('compound') && target.classList.contains('name')) {
      p.closed.add(id);
      p.opened.delete(id);
      p.focus = id;
      options.redraw();
    }
  });
  wrap.addEventListener('keydown', (e) => {
    const state = (e.target as Element).closest?.('.st.collapsed');
    const id = state?.getAttribute('data-state');
    if (!id || (e.key !== 'Enter' && e.key !== ' ')) return;
    e.preventDefault();
    e.stopPropagation();
    p.opened.add(id);
    p.closed.delete(id);
    p.focus = id;
    options.redraw();
  });
  wrap.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const rect = wrap.getBoundingClientRect();
      zoomBy(Math.exp(-e.deltaY / 400), { x: e.clientX - rect.left, y: e.clientY - rect.top });
    },
    { passive: false },
  );
  return { element: h('div', { class: 'chart-panel' }, head, wrap), drawn: laid !== undefined, attach };
}
