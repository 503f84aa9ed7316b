/**
 * The states the explorer keeps to step from (one per shape, shapes.ts), kept as integers: each
 * field of the context is numbered by its value (`ValueTable`), so a state costs a dozen ints rather
 * than its objects (at 5 + 4 co-installers and six codes about 250,000 states, some 75 MB of
 * objects on the heap, which every major GC then marked), and the values the states share (request
 * lists, pending calls, PrivateData boxes) are kept once.
 *
 * Two values get one number only when they are equal all the way down: primitives by their exact
 * value, plain objects (made as literals) by their own enumerable keys in order and the values
 * there (what JSON, the spread and the rules see of them), arrays by their elements, append logs
 * by their items, boxes by their value; anything else (class instances such as the plan,
 * functions) by identity. A state is rebuilt with the very objects first seen for
 * each number, which are immutable by the rules' discipline (src/domain/dispatchRules.ts: only
 * top-level fields of the dispatch state are assigned), and its context by an object literal over
 * the same keys in the same order — one literal per key list, so every rebuilt context has the same
 * hidden class, and the executor's copies of them stay on V8's fast path.
 */
import { AppendLog, Boxed } from '../../domain/appendLog.js';
import type { DispatchPlan } from '../../domain/dispatchPlan.js';
import type { DispatchState } from '../../domain/dispatchRules.js';
import { grown, markGrowable } from '../engine/growable.js';
import { IntKeySet } from '../engine/intKeySet.js';
import { reserve } from '../engine/memoryBudget.js';
import { ExecutorState, type StepperState } from './dispatchSteps.js';

const enum Tag {
  Number = -1,
  Array = -2,
  Object = -3,
  Log = -4,
  Box = -5,
}

const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** Numbers below this stand for undefined, null, false, true, then the small non-negative integers. */
const SMALL = 4 + (1 << 20);

/** Values numbered by what they are (see the file comment); the first value seen for each number is kept. */
export class ValueTable {
  /** Structural keys of numbers that a Map cannot tell apart (-0), arrays, records, logs and boxes. */
  private readonly keys = new IntKeySet();
  /** Entry of `keys` → value number. */
  private readonly entries: number[] = [];
  /** Value number - SMALL → the value kept for it. */
  private readonly values: unknown[] = [];
  /** Strings, other numbers (but -0), symbols and bigints → their number. */
  private readonly texts = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly others = new Map<unknown, number>();
  /** Kept objects (and objects numbered by identity) → their number: a value seen again is not walked again. */
  private readonly known = new Map<unknown, number>();
  /** Scratch for the children of a value being numbered (one per nesting level). */
  private readonly scratch: number[][] = [];

  /** The number of `value`. */
  id(value: unknown, depth = 0): number {
    if (value === undefined) return 0;
    if (value === null) return 1;
    if (value === false) return 2;
    if (value === true) return 3;
    if (typeof value === 'string') return this.primitive(this.texts, value);
    if (typeof value === 'number') {
      if (value >= 0 && value < 1 << 20 && (value | 0) === value && !Object.is(value, -0)) return 4 + value;
      if (Object.is(value, -0)) {
        bits[0] = -0;
        return this.structural(this.keys.begin().push(Tag.Number).push(words[0]).push(words[1]), value);
      }
      return this.primitive(this.numbers, value);
    }
    if (typeof value !== 'object' && typeof value !== 'function') return this.primitive(this.others, value);
    const known = this.known.get(value);
    if (known !== undefined) return known;
    if (typeof value === 'function') return this.byIdentity(value);
    const children = (this.scratch[depth] ??= []);
    children.length = 0;
    let tag: Tag;
    if (value instanceof AppendLog) {
      tag = Tag.Log;
      for (let i = 0; i < value.length; i++) children.push(this.id(value.at(i), depth + 1));
    } else if (value instanceof Boxed) {
      tag = Tag.Box;
      children.push(this.id(value.value, depth + 1));
    } else if (Array.isArray(value)) {
      if (Reflect.ownKeys(value).length !== value.length + 1) return this.byIdentity(value);
      tag = Tag.Array;
      for (let i = 0; i < value.length; i++) children.push(this.id(value[i], depth + 1));
    } else if (hasPlainPrototype(value)) {
      tag = Tag.Object;
      for (const k in value) children.push(this.id(k, depth + 1), this.id((value as Record<string, unknown>)[k], depth + 1));
    } else return this.byIdentity(value);
    const key = this.keys.begin().push(tag).push(children.length);
    for (let i = 0; i < children.length; i++) key.push(children[i]);
    const id = this.structural(key, value);
    if (this.values[id - SMALL] === value) this.known.set(value, id);
    return id;
  }

  /** The value kept for number `id`. */
  value(id: number): unknown {
    if (id >= SMALL) return this.values[id - SMALL];
    return id >= 4 ? id - 4 : id === 0 ? undefined : id === 1 ? null : id === 3;
  }

  /** Bytes held by the typed tables. */
  bytes(): number {
    return this.keys.bytes();
  }

  private byIdentity(value: unknown): number {
    const id = this.add(value);
    this.known.set(value, id);
    return id;
  }

  private primitive<K>(table: Map<K, number>, value: K): number {
    let id = table.get(value);
    if (id === undefined) table.set(value, (id = this.add(value)));
    return id;
  }

  private add(value: unknown): number {
    this.values.push(value);
    return SMALL + this.values.length - 1;
  }

  /** The number of the value whose structural key is being built in `key`. */
  private structural(key: IntKeySet, value: unknown): number {
    const seen = key.intern();
    if (seen >= 0) return this.entries[seen];
    const id = this.add(value);
    this.entries.push(id);
    return id;
  }
}

/** An object made as a literal is: Object.prototype (or none). Its own enumerable string keys are what JSON and the rules see. */
function hasPlainPrototype(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain record whose own properties are all enumerable string keys (a context rebuilt from its keys is then the same). */
function isPlainRecord(value: object): boolean {
  return hasPlainPrototype(value) && Object.getOwnPropertySymbols(value).length === 0 && Object.getOwnPropertyNames(value).length === Object.keys(value).length;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds a context from its values in key order, as one object literal (one hidden class per key list). */
type Build = (values: readonly unknown[], plan: DispatchPlan) => DispatchState;

function literalBuilder(keys: readonly string[]): Build {
  const fields = keys.map((k, i) => `${JSON.stringify(k)}: ${k === 'plan' ? 'plan' : `v[${i}]`}`);
  return new Function('v', 'plan', `return { ${fields.join(', ')} };`) as Build;
}

/** Per shape: the key list number, the leaf, then per key its value (see `keep`). */
export class KeptStates {
  private readonly values = new ValueTable();
  private readonly keyLists = new Map<string, number>();
  private readonly builders: { keys: readonly string[]; build: Build }[] = [];
  // Small at first, so that they grow while the code is warming up (see intKeySet.ts).
  private data = new Int32Array(64);
  private starts = new Int32Array(16);
  private used = 0;
  private count = 0;
  /** States whose context is not a plain record: kept as they are (none for the dispatch machine). */
  private readonly whole = new Map<number, StepperState>();
  private readonly scratch: unknown[] = [];
  private lastList = -1;

  constructor() {
    markGrowable(this, 'data', 'starts');
  }

  /** Keeps the state of shape number `shape` (shapes are kept in order: `shape` is the count so far); undefined: none (a final shape). */
  keep(shape: number, state: StepperState | undefined): void {
    if (shape !== this.count) throw new Error(`kept states out of order: ${shape} after ${this.count}`);
    const at = this.used;
    if (this.count === this.starts.length) this.starts = grow(this.starts, grown(this.count));
    this.starts[this.count++] = at;
    if (state === undefined) return;
    const ds = state.context as unknown as Record<string, unknown>;
    if (state.status !== 'active' || typeof ds !== 'object' || ds === null || !isPlainRecord(ds) || Object.prototype.hasOwnProperty.call(ds, '__proto__')) {
      this.whole.set(shape, state);
      return;
    }
    const keys = Object.keys(ds);
    // The key list of the last state kept, most often; else by its text.
    let list = this.lastList;
    if (list < 0 || !sameKeys(this.builders[list].keys, keys)) {
      const text = keys.join('\n');
      list = this.keyLists.get(text) ?? -1;
      if (list < 0) {
        this.keyLists.set(text, (list = this.builders.length));
        this.builders.push({ keys, build: literalBuilder(keys) });
      }
      this.lastList = list;
    }
    if (this.used + 2 + keys.length > this.data.length) this.data = grow(this.data, Math.max(grown(this.data.length), this.used + 2 + keys.length));
    const data = this.data;
    data[at] = list;
    data[at + 1] = state.leaf;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = ds[k];
      // -1: the plan; a small non-negative integer n as -2 - n; anything else by its number
      data[at + 2 + i] = k === 'plan' ? -1 : typeof v === 'number' && v >= 0 && v < 0x40000000 && (v | 0) === v && !Object.is(v, -0) ? -2 - v : this.values.id(v);
    }
    this.used = at + 2 + keys.length;
  }

  /** The state kept for `shape`, rebuilt, with `plan` as its plan. */
  state(shape: number, plan: DispatchPlan): StepperState {
    const whole = this.whole.get(shape);
    if (whole !== undefined) return new ExecutorState(whole.leaf, { ...whole.context, plan }, 'active', undefined);
    const at = this.starts[shape];
    const data = this.data;
    const { keys, build } = this.builders[data[at]];
    const v = this.scratch;
    for (let i = 0; i < keys.length; i++) {
      const x = data[at + 2 + i];
      v[i] = x >= 0 ? this.values.value(x) : x === -1 ? undefined : -2 - x;
    }
    return new ExecutorState(data[at + 1], build(v, plan), 'active', undefined);
  }

  /** Bytes held by the typed tables. */
  bytes(): number {
    return this.data.byteLength + this.starts.byteLength + this.values.bytes();
  }
}

function grow(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  reserve(length * 4);
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
