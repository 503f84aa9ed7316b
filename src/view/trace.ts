/**
 * Steps from inspection: a pure reducer over TraceEvents (src/view/adapter.ts), shared by Node
 * (journals, reports) and the page (live runs). Step 0 is the actor's start; each event sent to an
 * actor from outside (an installer's answer, a timeline event) opens the next step. A step holds
 * every actor's snapshot after it, the transitions it took and the actions it executed.
 */
import type { TraceEvent } from './adapter.js';

export interface ActorState {
  readonly machine: string;
  readonly parent?: string;
  readonly value: unknown;
  readonly status: string;
  readonly context: unknown;
}

export interface Step {
  readonly index: number;
  readonly event: { readonly type: string; readonly [k: string]: unknown };
  /** The actor the event was sent to ('' for step 0). */
  readonly actor: string;
  /** Every actor known after the step, by session id, in creation order. */
  readonly actors: Readonly<Record<string, ActorState>>;
  readonly transitions: readonly { readonly actor: string; readonly event: string; readonly source: string; readonly targets: readonly string[] }[];
  readonly actions: readonly { readonly actor: string; readonly type: string }[];
}

interface MutableStep {
  index: number;
  event: { type: string; [k: string]: unknown };
  actor: string;
  actors: Record<string, ActorState>;
  transitions: { actor: string; event: string; source: string; targets: string[] }[];
  actions: { actor: string; type: string }[];
}

export class StepBuilder {
  readonly steps: MutableStep[] = [];
  private actors: Record<string, ActorState> = {};

  private current(): MutableStep {
    if (this.steps.length === 0) this.steps.push({ index: 0, event: { type: 'xstate.init' }, actor: '', actors: this.actors, transitions: [], actions: [] });
    return this.steps[this.steps.length - 1];
  }

  add(event: TraceEvent): void {
    switch (event.kind) {
      case 'actor': {
        const step = this.current();
        this.actors = { ...this.actors, [event.actor]: { machine: event.machine, ...(event.parent ? { parent: event.parent } : {}), value: undefined, status: 'active', context: undefined } };
        step.actors = this.actors;
        return;
      }
      case 'event': {
        if (event.source !== undefined || event.event.type === 'xstate.init') return;
        this.current();
        this.steps.push({ index: this.steps.length, event: event.event, actor: event.actor, actors: this.actors, transitions: [], actions: [] });
        return;
      }
      case 'snapshot': {
        const step = this.current();
        const known = this.actors[event.actor] ?? { machine: event.actor };
        this.actors = { ...this.actors, [event.actor]: { ...known, value: event.value, status: event.status, context: event.context } };
        step.actors = this.actors;
        return;
      }
      case 'microstep': {
        const step = this.current();
        for (const t of event.transitions) step.transitions.push({ actor: event.actor, event: t.event, source: t.source, targets: [...t.targets] });
        return;
      }
      case 'action': {
        if (event.action.type.startsWith('xstate.')) return;
        this.current().actions.push({ actor: event.actor, type: event.action.type });
        return;
      }
    }
  }
}

export function buildSteps(events: Iterable<TraceEvent>): Step[] {
  const builder = new StepBuilder();
  for (const e of events) builder.add(e);
  return builder.steps;
}
