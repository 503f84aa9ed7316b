/**
 * The one module that knows XState's inspection message shapes.
 *
 * XState v5 reports a live actor's life as inspection events: `@xstate.actor` (an actor was
 * created), `@xstate.event` (an event was sent to it), `@xstate.snapshot` (its new snapshot),
 * `@xstate.microstep` (the transitions one macrostep took) and `@xstate.action` (an action it
 * executed) — see https://stately.ai/docs/inspection. The Stately inspector receives them as JSON
 * over a WebSocket; devinst's own viewer receives the same JSON messages ("wire messages").
 *
 * - `toWire` turns a live inspection event (with actor references) into a wire message;
 * - `fromWire` turns a wire message into devinst's neutral TraceEvent, which everything else
 *   (src/view/trace.ts, the page) consumes.
 * Nothing else in devinst reads or writes these shapes. This module has no Node import, so the
 * page bundles it too.
 */

/** A message as it travels (JSON): the inspection event without live references. */
export interface WireMessage {
  readonly type: `@xstate.${string}`;
  readonly sessionId: string;
  readonly [key: string]: unknown;
}

export type TraceEvent =
  | { readonly kind: 'actor'; readonly actor: string; readonly parent?: string; readonly machine: string }
  | { readonly kind: 'event'; readonly actor: string; readonly source?: string; readonly event: { readonly type: string; readonly [k: string]: unknown } }
  | { readonly kind: 'snapshot'; readonly actor: string; readonly value: unknown; readonly status: string; readonly context: unknown }
  | { readonly kind: 'microstep'; readonly actor: string; readonly value: unknown; readonly transitions: readonly { readonly event: string; readonly source: string; readonly targets: readonly string[] }[] }
  | { readonly kind: 'action'; readonly actor: string; readonly action: { readonly type: string; readonly params?: unknown } };

/** JSON of a value, with class instances, Maps and Sets written as plain data (cycles cut). */
export function plain(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : v;
    if (seen.has(v) || depth > 12) return '[…]';
    seen.add(v);
    try {
      const withJson = v as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return walk(withJson.toJSON(), depth + 1);
      if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), walk(x, depth + 1)]));
      if (v instanceof Set) return [...v].map((x) => walk(x, depth + 1));
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') out[k] = walk(x, depth + 1);
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value, 0);
}

interface ActorRefLike {
  readonly sessionId: string;
  readonly id?: string;
  readonly _parent?: { readonly sessionId: string };
  readonly logic?: { readonly id?: string; readonly config?: { readonly id?: string } };
}
interface LiveInspectionEvent {
  readonly type: string;
  readonly actorRef: ActorRefLike;
  readonly rootId?: string;
  readonly [key: string]: unknown;
}

const nameOf = (ref: ActorRefLike): string => ref.logic?.id ?? ref.logic?.config?.id ?? ref.id ?? ref.sessionId;

/** A live XState inspection event as a wire message; null for kinds devinst does not forward. */
export function toWire(event: LiveInspectionEvent): WireMessage | null {
  const sessionId = event.actorRef.sessionId;
  const base = { sessionId, ...(event.rootId ? { rootId: event.rootId } : {}) };
  switch (event.type) {
    case '@xstate.actor':
      return { type: '@xstate.actor', ...base, name: nameOf(event.actorRef), ...(event.actorRef._parent ? { parentId: event.actorRef._parent.sessionId } : {}) };
    case '@xstate.event': {
      const source = event.sourceRef as ActorRefLike | undefined;
      return { type: '@xstate.event', ...base, event: plain(event.event), ...(source ? { sourceId: source.sessionId } : {}) };
    }
    case '@xstate.snapshot': {
      const s = event.snapshot as { value?: unknown; status?: string; context?: unknown };
      return { type: '@xstate.snapshot', ...base, event: plain(event.event), snapshot: { value: plain(s.value), status: s.status, context: plain(s.context) } };
    }
    case '@xstate.microstep': {
      const s = event.snapshot as { value?: unknown };
      const transitions = (event._transitions as { eventType: string; source: { id: string }; target?: { id: string }[] }[] | undefined) ?? [];
      return {
        type: '@xstate.microstep',
        ...base,
        event: plain(event.event),
        snapshot: { value: plain(s.value) },
        transitions: transitions.map((t) => ({ eventType: t.eventType, sourceId: t.source.id, targetIds: (t.target ?? []).map((x) => x.id) })),
      };
    }
    case '@xstate.action': {
      const a = event.action as { type: string; params?: unknown };
      return { type: '@xstate.action', ...base, action: { type: a.type, ...(a.params !== undefined ? { params: plain(a.params) } : {}) } };
    }
    default:
      return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A wire message (ours or the Stately inspector's) as a TraceEvent; null if it is none of the five. */
export function fromWire(message: unknown): TraceEvent | null {
  if (!isRecord(message) || typeof message.type !== 'string' || typeof message.sessionId !== 'string') return null;
  const actor = message.sessionId;
  switch (message.type) {
    case '@xstate.actor':
      return { kind: 'actor', actor, machine: String(message.name ?? actor), ...(typeof message.parentId === 'string' ? { parent: message.parentId } : {}) };
    case '@xstate.event': {
      const event = isRecord(message.event) && typeof message.event.type === 'string' ? (message.event as { type: string }) : { type: String(message.event) };
      return { kind: 'event', actor, event, ...(typeof message.sourceId === 'string' ? { source: message.sourceId } : {}) };
    }
    case '@xstate.snapshot': {
      const s = isRecord(message.snapshot) ? message.snapshot : {};
      return { kind: 'snapshot', actor, value: s.value, status: String(s.status ?? 'active'), context: s.context };
    }
    case '@xstate.microstep': {
      const s = isRecord(message.snapshot) ? message.snapshot : {};
      const list = Array.isArray(message.transitions) ? (message.transitions as Record<string, unknown>[]) : [];
      return {
        kind: 'microstep',
        actor,
        value: s.value,
        transitions: list.map((t) => ({ event: String(t.eventType ?? ''), source: String(t.sourceId ?? ''), targets: Array.isArray(t.targetIds) ? t.targetIds.map(String) : [] })),
      };
    }
    case '@xstate.action': {
      const a = isRecord(message.action) ? message.action : {};
      return { kind: 'action', actor, action: { type: String(a.type ?? ''), ...(a.params !== undefined ? { params: a.params } : {}) } };
    }
    default:
      return null;
  }
}

/**
 * True for the message (live or wire) that starts a new step: an event sent to an actor from
 * outside (no source actor), other than the actor's own start.
 */
export function startsStep(message: unknown): boolean {
  if (!isRecord(message) || message.type !== '@xstate.event') return false;
  const event = message.event as { type?: unknown } | undefined;
  return message.sourceId === undefined && message.sourceRef === undefined && event?.type !== 'xstate.init';
}

/** Splits messages into steps (each from one outside event to the next), for pacing. */
export function groupBySteps<T>(messages: readonly T[]): T[][] {
  const groups: T[][] = [[]];
  for (const m of messages) {
    if (startsStep(m) && groups[groups.length - 1].length > 0) groups.push([]);
    groups[groups.length - 1].push(m);
  }
  return groups;
}

/** An inspection observer that hands every event, as a wire message, to `sink`. */
export function wireObserver(sink: (message: WireMessage) => void): (event: unknown) => void {
  return (event) => {
    const message = toWire(event as LiveInspectionEvent);
    if (message) sink(message);
  };
}
