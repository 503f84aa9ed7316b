/**
 * Tells which parts of an observation a monitor's step read, so the bank can memoise the step by
 * those parts only.
 *
 * Observations are numbered by every field (the call record, the status, the violations, the host's
 * answer), but most monitors look at a few fields of the call: PrivateDataRoundTrips, say, never
 * reads InstallResult, so two postprocessing calls that differ only there are one case for it. A
 * step is a pure function of (ghost, observation, plan): run on a view of the observation that notes
 * what is read, it has read "features", and any observation that agrees on those features would have
 * taken it down the same path to the same result. The features are:
 *   status, violations (the whole list), answer (whether there is one), call.P and answer.P (whether
 *   field P is there, and its value: PrivateData as JSON), and "the whole observation / call / answer"
 *   for anything else (listing keys, symbols, …), which only the observation's own number captures.
 * Values reached through a field (a PrivateData object) are part of that field's value.
 */
import type { DispatchObservation } from '../../invariants/index.js';

const WHOLE = 'whole';

/** A field's value as text: equal texts mean values no pure step can tell apart. */
function valueText(value: unknown, whole: string): string {
  if (value === undefined) return 'u';
  if (value === null) return 'z';
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return 'n' + (Object.is(value, -0) ? '-0' : String(value));
    case 'boolean':
      return 'b' + String(value);
    case 'object':
      return 'o' + JSON.stringify(value);
    default:
      return whole;
  }
}

/** Every trap but get and has: they read the object as a whole. */
const OTHER_TRAPS = ['ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'isExtensible', 'set', 'deleteProperty', 'defineProperty', 'preventExtensions', 'setPrototypeOf'] as const;

export class ObservationProbe {
  /** Feature ids read since the last `begin` (repeats allowed). */
  readonly read: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per feature, observation id → the feature's value there as a text id + 1 (0: not computed yet). */
  private readonly values: Int32Array[] = [];
  /** Per observation id, its watched view. */
  private readonly views: DispatchObservation[] = [];

  constructor(private readonly texts: { text(value: string): number }) {}

  /** The watched view of observation `oid`; clears `read`. */
  begin(oid: number, observation: DispatchObservation): DispatchObservation {
    this.read.length = 0;
    return (this.views[oid] ??= this.watch(observation));
  }

  /** A feature's value in observation `oid`, numbered: equal numbers, values no pure step can tell apart. */
  value(feature: number, oid: number, o: DispatchObservation): number {
    let known = this.values[feature];
    if (oid < known.length && known[oid] !== 0) return known[oid] - 1;
    const id = this.texts.text(this.valueText(this.names[feature], oid, o));
    if (oid >= known.length) {
      const bigger = new Int32Array(Math.max(known.length * 2, oid + 1));
      bigger.set(known);
      this.values[feature] = known = bigger;
    }
    known[oid] = id + 1;
    return id;
  }

  private valueText(name: string, oid: number, o: DispatchObservation): string {
    const whole = `#${oid}`;
    if (name === 'status') return valueText(o.status, whole);
    if (name === 'violations') return JSON.stringify(o.violations);
    if (name === 'answer') return o.answer === undefined ? '-' : '+';
    const dot = name.indexOf('.');
    if (dot < 0) return whole; // whole, call* or answer*: the whole observation, call or answer
    const of = (name.slice(0, dot) === 'call' ? o.call : o.answer) as Record<string, unknown> | undefined;
    const field = name.slice(dot + 1);
    if (of === undefined) return '!';
    return field in of ? valueText(of[field], whole) : '-';
  }

  /** The id of a feature, by name. */
  private feature(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.values.push(new Int32Array(0));
    }
    return id;
  }

  private note(name: string): void {
    this.read.push(this.feature(name));
  }

  /** A handler whose field reads note `prefix.P`, and any other use `whole`. */
  private fields<T extends object>(prefix: string, whole: string): ProxyHandler<T> {
    // Feature ids by field: no text is built per read.
    const byField = new Map<string, number>();
    const field = (p: string | symbol): number => {
      if (typeof p === 'symbol') return this.feature(whole);
      let id = byField.get(p);
      if (id === undefined) byField.set(p, (id = this.feature(`${prefix}.${p}`)));
      return id;
    };
    return this.others<T>(
      {
        get: (t, p) => {
          this.read.push(field(p));
          return Reflect.get(t, p);
        },
        has: (t, p) => {
          this.read.push(field(p));
          return Reflect.has(t, p);
        },
      },
      whole,
    );
  }

  /** Adds every other trap to `handler`, each noting `whole`. */
  private others<T extends object>(handler: ProxyHandler<T>, whole: string): ProxyHandler<T> {
    for (const trap of OTHER_TRAPS) {
      const reflect = Reflect[trap] as (...args: unknown[]) => unknown;
      (handler as Record<string, unknown>)[trap] = (...args: unknown[]) => {
        this.note(whole);
        return reflect(...args);
      };
    }
    return handler;
  }

  // One handler per kind of object, shared by every watched observation.
  private readonly callHandler = this.fields<DispatchObservation['call']>('call', 'call*');
  private readonly answerHandler = this.fields<NonNullable<DispatchObservation['answer']>>('answer', 'answer*');
  private readonly observationHandler = this.others<DispatchObservation>(
    {
      get: (t, p) => {
        if (p !== 'call') this.note(p === 'answer' || p === 'status' || p === 'violations' ? p : WHOLE);
        return Reflect.get(t, p);
      },
      has: (t, p) => {
        this.note(WHOLE);
        return Reflect.has(t, p);
      },
    },
    WHOLE,
  );

  /**
   * A watched view of an observation: a proxy of a copy whose `call` and `answer` are watched views
   * in turn (a copy, since a frozen observation could not hand out anything but its own fields).
   */
  private watch(o: DispatchObservation): DispatchObservation {
    const copy = { ...o, call: new Proxy(o.call, this.callHandler) };
    if (o.answer !== undefined) copy.answer = new Proxy(o.answer, this.answerHandler);
    return new Proxy(copy, this.observationHandler);
  }
}
