/** The comparison view: runs in columns, aligned by DIF, the first divergence marked. */
import { alignRuns } from '../compare.js';
import type { DifView, ViewModel } from '../model.js';
import { h } from './dom.js';

function cell(d: DifView | null): HTMLElement {
  if (!d) return h('td', { class: 'missing' }, '— not called —');
  return h(
    'td',
    {},
    h('div', { class: 'cmp-dif' }, d.nestedIn ? `↳ ${d.dif}` : d.dif, ' ', h('span', { class: `result ${d.result.hex === '0x00000000' ? 'ok' : 'status'}` }, d.result.name ?? d.result.hex)),
    h(
      'ol',
      { class: 'cmp-calls' },
      ...d.calls.map((c) =>
        h('li', {}, `${c.who === 'defaultHandler' ? (c.function ?? 'no default handler') : `${c.who}${c.index ? ` ${c.index}` : ''}`}${c.phase ? ` ${c.phase}` : ''} → ${c.returnedName ?? c.returned}`),
      ),
    ),
  );
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
      ...row.cells.map(cell),
    ),
  );
  const verdict =
    firstDivergence < 0
      ? h('p', { class: 'verdict same' }, `The ${models.length} runs call the same installers in the same order with the same results.`)
      : h('p', { class: 'verdict differs' }, `First divergence at DIF row ${firstDivergence + 1}: `, rows[firstDivergence].cells.map((c, i) => `${models[i].profile}: ${c ? `${c.dif} → ${c.result.name ?? c.result.hex}` : 'not called'}`).join(' · '));
  return h('section', { class: 'compare', id: 'compare' }, h('h2', {}, 'Comparison, aligned by DIF'), verdict, h('table', { class: 'cmp' }, h('thead', {}, head), h('tbody', {}, ...body)));
}
