/**
 * Collapsed charts: states off the active path drawn as one box, transitions redrawn to the box,
 * and the mounts of one machine's chart in another found from the charts alone (the three mounts
 * docs/machines.md lists: sequenceDif, nestedDif, finishInstallDif).
 */
import { createActor, createMachine } from 'xstate';
import { MACHINES } from '../../machines/index.js';
import { activeIds, chartOf } from '../../src/view/chart.js';
import { compoundIds, configKey, defaultExpanded, mountsOf, visibleChart, visibleIdOf } from '../../src/view/collapse.js';
import { layoutChart } from '../../src/view/layout.js';
import { chartSvg } from '../../src/view/svg.js';

const install = chartOf(MACHINES.deviceInstall.machine);
const dispatch = chartOf(MACHINES.difDispatch.machine);

describe('mountsOf', () => {
  it('should find every mount of the dispatch in the installation, the nested one included', () => {
    expect(mountsOf(install, [install, dispatch])).toEqual({ sequenceDif: 'difDispatch', nestedDif: 'difDispatch', finishInstallDif: 'difDispatch' });
    expect(mountsOf(dispatch, [install, dispatch])).toEqual({});
  });
});

describe('activeIds', () => {
  it('should find states that have an id of their own (a mounted region)', () => {
    const ids = activeIds(install, { coreInstall: { dif: { preprocessing: 'calling' } } });
    expect(ids).toEqual(['deviceInstall', 'deviceInstall.coreInstall', 'sequenceDif', 'deviceInstall.coreInstall.dif.preprocessing', 'deviceInstall.coreInstall.dif.preprocessing.calling']);
  });
});

describe('visibleChart', () => {
  const machine = createMachine({
    id: 'm',
    initial: 'a',
    states: {
      a: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: { on: { OUT: '#m.b' } } }, on: { STOP: 'c' } },
      b: { initial: 'p', states: { p: { on: { IN: '#m.a.x' } } } },
      c: { type: 'final' },
    },
  });
  const chart = chartOf(machine);

  it('should draw a collapsed state as one box and its transitions to and from the box', () => {
    const v = visibleChart(chart, new Set(['m.a']));
    expect(Object.keys(v.nodes).sort()).toEqual(['m', 'm.a', 'm.a.x', 'm.a.y', 'm.b', 'm.c']);
    expect(v.nodes['m.b'].hidden).toBe(1);
    expect(v.nodes['m.b'].children).toEqual([]);
    const ends = v.edges.map((e) => `${e.source}→${e.target}:${e.event}`).sort();
    expect(ends).toEqual(['m.a.x→m.a.y:GO', 'm.a.y→m.b:OUT', 'm.a→m.c:STOP', 'm.b→m.a.x:IN']);
    // Everything collapsed: the transitions inside a are not drawn; a's own ones are.
    const closed = visibleChart(chart, new Set());
    expect(closed.edges.map((e) => `${e.source}→${e.target}`).sort()).toEqual(['m.a→m.b', 'm.a→m.c', 'm.b→m.a']);
    expect(visibleIdOf(chart, new Set(), 'm.a.y')).toBe('m.a');
    expect(configKey(chart, ['m.b', 'm.a', 'm'])).toBe('m.a,m.b');
  });

  it('should open, by default, only the compound states of the active path', () => {
    const actor = createActor(machine).start();
    expect([...defaultExpanded(chart, activeIds(chart, actor.getSnapshot().value))]).toEqual(['m', 'm.a']);
  });

  it('should lay out the installation at every step small enough to read with the mounts collapsed', async () => {
    const expanded = defaultExpanded(install, activeIds(install, 'finishInstallPending'));
    const v = visibleChart(install, expanded, mountsOf(install, [dispatch]));
    // Of 58 states, only the top level is drawn (coreInstall and finishInstallRunning as boxes).
    expect(Object.keys(v.nodes).length).toBeLessThan(Object.keys(install.nodes).length / 2);
    const svg = chartSvg(await layoutChart(v));
    // coreInstall holds choosing and the sequence's dispatch (dif and its 31 states).
    expect(svg).toContain('data-state="deviceInstall.coreInstall" data-hidden="33"');
    expect(svg).toContain('+ difDispatch · 14 states');
    for (const id of compoundIds(install)) if (!expanded.has(id) && v.nodes[id]) expect(v.nodes[id].hidden).toBeGreaterThan(0);
  });
});
