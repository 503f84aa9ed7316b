/**
 * The adapter is the one place that knows XState's inspection messages (@xstate.actor, .event,
 * .snapshot, .microstep, .action: https://stately.ai/docs/inspection); steps are built from what
 * it reads, for our own messages and for the JSON the Stately inspector receives.
 */
import { createActor } from 'xstate';
import { fromWire, groupBySteps, toWire, wireObserver, type WireMessage } from '../../src/view/adapter.js';
import { recordDif } from '../../src/host/runDif.js';
import { journalRun } from '../../src/journal/replay.js';
import { buildSteps } from '../../src/view/trace.js';
import { example } from './support.js';

function inspectedRun(journal: string): WireMessage[] {
  const run = journalRun(journal);
  const messages: WireMessage[] = [];
  const actor = createActor(run.machine, { input: run.start, inspect: wireObserver((m) => messages.push(m)) });
  actor.start();
  for (const e of run.events) actor.send(e);
  return messages;
}

describe('inspection adapter', () => {
  const { journal } = recordDif(example('class-coinstaller-postprocessing.json'), 'DIF_INSTALLDEVICE');
  const messages = inspectedRun(journal);

  it('should forward the five kinds of inspection message as JSON', () => {
    expect(new Set(messages.map((m) => m.type))).toEqual(new Set(['@xstate.actor', '@xstate.event', '@xstate.snapshot', '@xstate.microstep', '@xstate.action']));
    // JSON all the way: a round trip changes nothing.
    expect(JSON.parse(JSON.stringify(messages))).toEqual(messages);
  });

  it('should make one step per journal entry, plus the start', () => {
    const steps = buildSteps(messages.map(fromWire).filter((e) => e !== null));
    const entries = journal.trim().split('\n').length - 2;
    expect(steps).toHaveLength(entries + 1);
    expect(steps[0].event.type).toBe('xstate.init');
    // The start stops at the first co-installer call (preprocessing, class co-installer 1).
    const first = Object.values(steps[0].actors)[0];
    expect(first.machine).toBe('difDispatch');
    expect(first.value).toEqual({ preprocessing: 'calling' });
    const last = Object.values(steps[steps.length - 1].actors)[0];
    expect(last.value).toBe('done');
    expect(last.status).toBe('done');
    expect(steps[1].event).toMatchObject({ type: 'coInstaller.returned', who: 'classCoInstaller', index: 1, phase: 'pre' });
    // Two more class co-installers follow, so the answer re-enters the calling state (docs/machines.md).
    expect(steps[1].transitions[0]).toEqual({ actor: expect.any(String), event: 'coInstaller.returned', source: 'difDispatch.preprocessing.calling', targets: ['difDispatch.preprocessing.calling'] });
  });

  it('should split messages into steps at each outside event', () => {
    const groups = groupBySteps(messages);
    expect(groups).toHaveLength(journal.trim().split('\n').length - 1);
    expect(groups.slice(1).every((g) => g[0].type === '@xstate.event')).toBe(true);
  });

  it("should read the Stately inspector's message shapes", () => {
    // As @statelyai/inspect sends them (createInspector's convertXStateEvent): extra fields, a
    // definition string, snapshots with their own fields.
    const stately = [
      { type: '@xstate.actor', name: 'difDispatch', sessionId: 'x:1', definition: '{"id":"difDispatch"}', _version: '0.7.2', createdAt: '1', id: null, rootId: 'x:1', snapshot: { status: 'active' } },
      { type: '@xstate.event', event: { type: 'classInstaller.returned', code: '0xE000020E' }, sessionId: 'x:1', _version: '0.7.2', createdAt: '2', id: null, rootId: 'x:1' },
      { type: '@xstate.snapshot', event: { type: 'classInstaller.returned' }, snapshot: { value: { defaultHandler: 'calling' }, status: 'active', context: { n: 1 }, children: {} }, sessionId: 'x:1', _version: '0.7.2', createdAt: '3', id: null, rootId: 'x:1' },
    ];
    const steps = buildSteps(stately.map(fromWire).filter((e) => e !== null));
    expect(steps).toHaveLength(2);
    expect(steps[1].actors['x:1']).toMatchObject({ machine: 'difDispatch', value: { defaultHandler: 'calling' }, context: { n: 1 } });
  });

  it('should ignore anything that is not an inspection message', () => {
    expect(fromWire({ type: 'devinst.complete' })).toBeNull();
    expect(fromWire('text')).toBeNull();
    expect(toWire({ type: '@xstate.unknown', actorRef: { sessionId: 'x' } })).toBeNull();
  });
});
