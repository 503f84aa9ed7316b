/**
 * The chart is read from the machines' own state nodes: every state node and every targeted
 * transition of the definition appears, with nothing known in advance about state names.
 */
import { createMachine } from 'xstate';
import { MACHINES } from '../../machines/index.js';
import { activeIds, chartOf } from '../../src/view/chart.js';
import { chartDot, chartMermaid } from '../../src/view/diagramText.js';
import { layoutChart } from '../../src/view/layout.js';
import { chartSvg } from '../../src/view/svg.js';

interface Node {
  id: string;
  states: Record<string, Node>;
}
const allIds = (n: Node): string[] => [n.id, ...Object.values(n.states).flatMap(allIds)];

describe('chartOf', () => {
  it.each(Object.keys(MACHINES))('should list every state node of %s', (id) => {
    const machine = MACHINES[id as keyof typeof MACHINES].machine;
    const chart = chartOf(machine);
    expect(Object.keys(chart.nodes).sort()).toEqual(allIds(machine.root as unknown as Node).sort());
    for (const e of chart.edges) {
      expect(chart.nodes[e.source]).toBeDefined();
      expect(chart.nodes[e.target]).toBeDefined();
    }
  });

  it('should show a made-up machine, compound states, guards and self-transitions included', () => {
    const machine = createMachine({
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { GO: { target: 'b', guard: 'ok' }, AGAIN: { target: 'a', reenter: true } } },
        b: { initial: 'x', states: { x: { always: { target: 'y' } }, y: { type: 'final' } }, onDone: 'c' },
        c: { type: 'final' },
      },
    });
    const chart = chartOf(machine);
    expect(chart.nodes['m.b'].children).toEqual(['m.b.x', 'm.b.y']);
    expect(chart.nodes['m.b'].initial).toBe('m.b.x');
    expect(chart.nodes['m.c'].type).toBe('final');
    expect(chart.edges.map((e) => `${e.source}>${e.target}:${e.event}${e.guard ? `[${e.guard}]` : ''}`).sort()).toEqual(
      ['m.a>m.b:GO[ok]', 'm.a>m.a:AGAIN', 'm.b.x>m.b.y:always', 'm.b>m.c:xstate.done.state.m.b'].sort(),
    );
  });

  it("should name the difDispatch default handler's combined guard from its parts", () => {
    // machines/difDispatch: and(['defaultStepReached', 'hasDefaultHandler']) guards the call.
    const chart = chartOf(MACHINES.difDispatch.machine);
    const edge = chart.edges.find((e) => e.source === 'difDispatch.defaultHandler.choosing' && e.target === 'difDispatch.defaultHandler.calling');
    expect(edge?.guard).toBe('defaultStepReached && hasDefaultHandler');
  });

  it('should make a snapshot value active with its ancestors', () => {
    const chart = chartOf(MACHINES.difDispatch.machine);
    expect(activeIds(chart, { preprocessing: 'calling' })).toEqual(['difDispatch', 'difDispatch.preprocessing', 'difDispatch.preprocessing.calling']);
    expect(activeIds(chart, 'done')).toEqual(['difDispatch', 'difDispatch.done']);
  });
});

describe('diagram text', () => {
  const chart = chartOf(MACHINES.deviceInstall.machine);

  it('should write Mermaid with every state declared and nested composite states', () => {
    const text = chartMermaid(chart);
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const node of Object.values(chart.nodes)) if (node.id !== chart.root) expect(text).toContain(`as ${node.id.replace(/\./g, '_')}`);
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('should write DOT with one cluster per compound state and balanced braces', () => {
    const text = chartDot(chart);
    const compounds = Object.values(chart.nodes).filter((n) => n.children.length > 0 && n.id !== chart.root);
    expect((text.match(/subgraph "cluster_/g) ?? []).length).toBe(compounds.length);
    expect(text.split('{').length).toBe(text.split('}').length);
  });

  it('should write an SVG with one group per state and no script', async () => {
    const svg = chartSvg(await layoutChart(chart), { standalone: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const id of Object.keys(chart.nodes)) if (id !== chart.root) expect(svg).toContain(`data-state="${id}"`);
    expect(svg).not.toMatch(/<script|href="http/);
  });
});
