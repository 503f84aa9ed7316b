/**
 * The observations of an exploration (what a monitor sees of each recorded call), numbered.
 *
 * An observation's key is every field of it (the call record, the status, the violations, the
 * host's answer), as integers, so equal ids mean equal observations whatever the configuration (the
 * monitors get the plan as a separate argument). The table keeps the first object seen for each id:
 * the one the monitors are shown.
 */
import type { DifDispatchEvent } from '../../../machines/difDispatch/difDispatch.types.js';
import type { CallRecord, PendingCall } from '../../domain/dispatchRules.js';
import type { Json } from '../../domain/scenario.js';
import type { Violation } from '../../domain/violations.js';
import type { DispatchObservation } from '../../invariants/index.js';
import { markGrowable } from '../engine/growable.js';
import { IntKeySet } from '../engine/intKeySet.js';

/** The host's answer behind a call, enough to rebuild its event. */
export interface AnswerSource {
  readonly pending: PendingCall;
  readonly privateData: Json | undefined;
}

/** The caller kind as a number (a switch: comparing interned strings beats a keyed look-up). */
export function who(kind: CallRecord['who']): number {
  switch (kind) {
    case 'classCoInstaller':
      return 0;
    case 'deviceCoInstaller':
      return 1;
    case 'classInstaller':
      return 2;
    case 'defaultHandler':
      return 3;
  }
}
export const PHASE = (phase: 'pre' | 'post' | undefined): number => (phase === 'pre' ? 1 : phase === 'post' ? 2 : 0);

/** Small integers for the values that appear in keys: codes written as text, names, rule ids, PrivateData. */
export class Interner {
  private readonly texts = new Map<string, number>();

  text(value: string): number {
    let id = this.texts.get(value);
    if (id === undefined) {
      id = this.texts.size;
      this.texts.set(value, id);
    }
    return id;
  }

  /** An optional text: -1 for undefined, -2 for null. */
  optional(value: string | null | undefined): number {
    return value === undefined ? -1 : value === null ? -2 : this.text(value);
  }

  /** PrivateData: a small non-negative integer stands for itself, anything else gets a negative id. */
  data(value: Json | undefined): number {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 2 ** 30) return value;
    if (value === undefined) return -1;
    if (value === null) return -2;
    return -3 - this.text(JSON.stringify(value));
  }
}

/** The machine event of an answer (what the journal records for it). */
function answerEvent(answer: AnswerSource, call: CallRecord): DifDispatchEvent {
  const p = answer.pending;
  if (p.who === 'classInstaller') return { type: 'classInstaller.returned', code: call.returned };
  if (p.who === 'defaultHandler') return { type: 'defaultHandler.returned', code: call.returned };
  return {
    type: 'coInstaller.returned',
    who: p.who,
    index: p.index!,
    phase: p.phase!,
    code: call.returned,
    ...(answer.privateData !== undefined ? { privateData: answer.privateData } : {}),
  };
}

export class ObservationTable {
  readonly values = new Interner();
  private readonly ids = new IntKeySet();
  private readonly observations: DispatchObservation[] = [];
  private scratch = new Int32Array(32);
  /** Violations seen, numbered by their fields, and a cache of those numbers by record. */
  private readonly violationKeys = new IntKeySet();
  private readonly violationIds = new WeakMap<Violation, number>();
  /** See `recent` (undefined is numbered -1). */
  private readonly recentValues: (string | null | undefined)[] = [undefined, undefined, undefined];
  private readonly recentIds = new Int32Array([-1, -1, -1]);

  constructor() {
    markGrowable(this, 'scratch');
  }

  /**
   * `values.optional`, through a one-entry cache per field: the answers to one call, observed one
   * after the other, share the installer's name, its function and the InstallResult.
   */
  private recent(field: number, value: string | null | undefined): number {
    if (value === this.recentValues[field]) return this.recentIds[field];
    this.recentValues[field] = value;
    return (this.recentIds[field] = this.values.optional(value));
  }

  /** The observation numbered `oid`. */
  get(oid: number): DispatchObservation {
    return this.observations[oid];
  }

  /**
   * The id of one observed call. Its key is every field of the observation, as integers, so equal
   * ids mean equal observations whatever the configuration: the monitors see the plan as a separate
   * argument. (Written straight into a scratch array: this runs once per successor of every view.)
   */
  id(call: CallRecord, status: number, violations: readonly Violation[], answer: AnswerSource | undefined): number {
    const v = this.values;
    let key = this.scratch;
    if (key.length < 16 + violations.length) key = this.scratch = new Int32Array(2 * (16 + violations.length));
    key[0] = who(call.who);
    key[1] = call.index ?? -1;
    key[2] = PHASE(call.phase);
    key[3] = this.recent(0, call.name);
    key[4] = this.recent(1, call.function);
    key[5] = this.recent(2, call.installResult);
    key[6] = v.text(call.returned);
    key[7] = status;
    key[8] = 'privateData' in call ? 1 : 0;
    key[9] = v.data(call.privateData);
    key[10] = answer ? 1 : 0;
    key[11] = answer ? v.data(answer.privateData) : 0;
    key[12] = violations.length;
    let length = 13;
    for (let i = 0; i < violations.length; i++) key[length++] = this.violation(violations[i]);
    const oid = this.ids.internArray(key, length);
    if (oid >= 0) return oid;
    this.keep(call, status, violations, answer);
    return -1 - oid;
  }

  /** Keeps a new observation (apart from `id`, whose optimized code then stays small). */
  private keep(call: CallRecord, status: number, violations: readonly Violation[], answer: AnswerSource | undefined): void {
    this.observations.push({ call, status, violations, ...(answer ? { answer: answerEvent(answer, call) } : {}) });
  }

  /**
   * A violation's id: by every field, through a cache by object (violation records are built once
   * and shared: src/domain/violations.ts), so the fields are read once per record.
   */
  private violation(x: Violation): number {
    let id = this.violationIds.get(x);
    if (id === undefined) {
      const v = this.values;
      const k = this.violationKeys.begin().push(v.text(x.rule)).push(who(x.who)).push(x.index ?? -1).push(PHASE(x.phase));
      k.push(v.text(x.name)).push(v.text(x.dif)).push(v.text(x.message)).push(v.text(x.source));
      id = k.intern();
      if (id < 0) id = -1 - id;
      this.violationIds.set(x, id);
    }
    return id;
  }
}
