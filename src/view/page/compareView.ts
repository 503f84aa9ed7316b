/** The comparison view: runs in columns, aligned by DIF, the first divergence marked. */
import { alignRuns, firstDifferentCall } from '../compare.js';
import type { DifView, ViewModel } from '../model.js';
import { h } from './dom.js';

function cell(d: DifView | null, diverging = -1): HTMLElement {
  if (!d) return h('td', { class: 'missing' }, '— not called —');
  return h(
    'td',
    {},
    h('div', { class: 'cmp-dif' }, d.nestedIn ? `↳ ${d.dif}` : d.dif, ' ', h('span', { class: `result ${d.result.hex === '0x00000000' ? 'ok' : 'status'}` }, d.result.name ?? d.result.hex)),
    h(
      'ol',
      { class: 'cmp-calls' },
      ...d.calls.map((c, i) =>
        h('li', i === diverging ? { class: 'diverging-call', title: 'the first call where the runs differ' } : {}, `${c.who === 'defaultHandler' ? (c.function ?? 'no default handler') : `${c.who}${c.index ? ` ${c.index}` : ''}`}${c.phase ? ` ${c.phase}` : ''} → ${c.returnedName ?? c.returned}`),
      ),
    ),
  );
}

function describeDivergence(row: ReturnType<typeof alignRuns>['rows'][number], models: readonly ViewModel[]): string {
  const at = firstDifferentCall(row);
  const what = row.cells.map((c, i) => {
    if (!c) return `${models[i].profile}: not called`;
    const call = c.calls[at];
    if (!call) return `${models[i].profile}: ${at >= c.calls.length && at > 0 ? 'no more calls' : 'no call'} (${c.result.name ?? c.result.hex})`;
    const who = call.who === 'defaultHandler' ? (call.function ?? 'no default handler') : `${call.who}${call.index ? ` ${call.index}` : ''}${call.phase ? ` ${call.phase}` : ''}`;
    return `${models[i].profile}: ${who} → ${call.returnedName ?? call.returned}`;
  });
  const dif = row.cells.find((c) => c !== null)?.dif ?? '';
  return `${dif} call ${at + 1}: ${what.join(' · ')}`;
}

export function renderCompare(models: readonly ViewModel[], open: (run: number) => void): HTMLElement {
  const { rows, firstDivergence } = alignRuns(models);
  const head = h('tr', {}, h('th', {}, '#'), ...models.map((m, i) => {
    const th = h('th', {}, h('button', { class: 'run-link', 'data-run': i }, m.profile), h('div', { class: 'sub' }, m.summary), h('div', { class: 'sub' }, m.file ?? ''));
    th.querySelector('button')!.addEventListener('click', () => open(i));
    return th;
  }));
  const body = rows.map((row, i) =>
    h(
      'tr',
      { class: `${row.same ? 'same' : 'differs'}${i === firstDivergence ? ' first-divergence' : ''}`, 'data-row': i },
      h('td', { class: 'rowno' }, i === firstDivergence ? h('span', { class: 'diverge', title: 'first divergence' }, `${i + 1} ◆ first divergence`) : String(i + 1)),
      ...row.cells.map((c) => cell(c, i === firstDivergence ? firstDifferentCall(row) : -1)),
    ),
  );
  const verdict =
    firstDivergence < 0
      ? h('p', { class: 'verdict same' }, `The ${models.length} runs call the same installers in the same order with the same results.`)
      : h('p', { class: 'verdict differs', id: 'first-divergence' }, `First divergence at DIF row ${firstDivergence + 1}, ${describeDivergence(rows[firstDivergence], models)}`);
  return h('section', { class: 'compare', id: 'compare' }, h('h2', {}, 'Comparison, aligned by DIF'), verdict, h('table', { class: 'cmp' }, h('thead', {}, head), h('tbody', {}, ...body)));
}
