/**
 * When a property fails: fast-check's report (seed, path, the shrunk counterexample) is printed as
 * usual, and the shrunk counterexample is written where it can be replayed:
 *
 *   <temporary folder>/devinst-out/counterexamples/<Invariant>-<profile>[-<mutant>]/
 *     scenario.json   the scenario document (with "dif" for a dispatch): `devinst run|install scenario.json`
 *     journal.jsonl   its journal (recordDif / recordInstall): `devinst replay journal.jsonl`
 *     report.json     invariant, profile, seed, path, the failure, how to re-run the property
 *
 * The folder is under os.tmpdir(), so `npm test` leaves nothing in the work tree; DEVINST_OUT moves it
 * (the failure message prints where it went).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { difLabel } from '../../src/domain/codes.js';
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import type { DispatchCase } from '../arbitraries/dispatch.js';
import { FIXED_NOW } from './observed.js';

export interface CounterexampleMeta {
  readonly invariant: string;
  readonly profile: string;
  /** A planted bug's name (the semantics override it ran with). */
  readonly mutant?: string;
}

export function counterexampleDir(meta: CounterexampleMeta): string {
  const out = process.env.DEVINST_OUT ?? join(tmpdir(), 'devinst-out');
  return join(out, 'counterexamples', [meta.invariant, meta.profile, ...(meta.mutant ? [meta.mutant] : [])].join('-'));
}

interface Found {
  readonly seed: number;
  readonly path: string | null;
  readonly failure: string;
}

function write(meta: CounterexampleMeta, scenario: unknown, journal: () => string, found: Found, replay: string): string {
  const dir = counterexampleDir(meta);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario, null, 2) + '\n');
  let journalNote = 'journal.jsonl replays the run';
  try {
    writeFileSync(join(dir, 'journal.jsonl'), journal());
    if (meta.mutant) journalNote = `journal.jsonl is the run under the unmodified ${meta.profile} profile: journals record no semantics override`;
  } catch (error) {
    journalNote = `no journal: ${error instanceof Error ? error.message : String(error)}`;
  }
  const report = {
    invariant: meta.invariant,
    profile: meta.profile,
    ...(meta.mutant ? { mutant: meta.mutant } : {}),
    seed: found.seed,
    path: found.path,
    failure: found.failure,
    run: replay,
    rerunProperty: `DEVINST_SEED=${found.seed} npm run properties -- -t '${meta.invariant}'`,
    journal: journalNote,
  };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  return dir;
}

const failureOf = (details: { readonly errorInstance?: unknown }): string =>
  details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance ?? 'the property returned false');

/** Writes a dispatch counterexample; returns its directory. */
export function writeDispatchCounterexample(meta: CounterexampleMeta, c: DispatchCase, found: Found): string {
  const scenario = { ...(c.doc as object), dif: difLabel(c.dif) };
  return write(meta, scenario, () => recordDif(scenario, c.dif, { now: FIXED_NOW }).journal, found, 'devinst run scenario.json --journal journal.jsonl');
}

/** Writes an installation counterexample; returns its directory. */
export function writeInstallCounterexample(meta: CounterexampleMeta, doc: unknown, found: Found): string {
  return write(meta, doc, () => recordInstall(doc, { now: FIXED_NOW }).journal, found, 'devinst install scenario.json --journal journal.jsonl');
}

function reporter<T>(meta: CounterexampleMeta, save: (value: T, found: Found) => string) {
  return (details: fc.RunDetails<[T]>): void => {
    if (!details.failed) return;
    const message = fc.defaultReportMessage(details) ?? 'property failed';
    let where = '';
    if (details.counterexample) {
      try {
        where = `\nShrunk counterexample written to ${save(details.counterexample[0], { seed: details.seed, path: details.counterexamplePath, failure: failureOf(details) })}`;
      } catch (error) {
        where = `\n(could not write the counterexample: ${error instanceof Error ? error.message : String(error)})`;
      }
    }
    throw new Error(`${message}\n\n${failureOf(details)}${where}`, { cause: details.errorInstance });
  };
}

/** fast-check parameters whose reporter writes a failing dispatch property's counterexample. */
export function reportingDispatch(meta: CounterexampleMeta): fc.Parameters<[DispatchCase]> {
  return { reporter: reporter<DispatchCase>(meta, (c, found) => writeDispatchCounterexample(meta, c, found)) };
}

/** fast-check parameters whose reporter writes a failing installation property's counterexample. */
export function reportingInstall<T>(meta: CounterexampleMeta): fc.Parameters<[T]> {
  return { reporter: reporter<T>(meta, (doc, found) => writeInstallCounterexample(meta, doc, found)) };
}
