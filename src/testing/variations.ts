/**
 * fast-check arbitraries that vary a given scenario over the space `devinst explore <scenario>`
 * searches (src/around/space.ts): each installer's answers over the documented alphabets plus the
 * codes the scenario uses, and on request the order of the co-installers, DI_NODI_DEFAULTACTION,
 * the OS and the profile. A value is one choice per position; every position shrinks to the
 * user's own choice, so a shrunk counterexample differs from the scenario as little as it can.
 */
import fc from 'fast-check';
import { parseDif, type CodeInput } from '../domain/codes.js';
import { sequencePlan } from '../domain/lifecycle/sequences.js';
import type { SequenceName } from '../domain/lifecycle/types.js';
import { documentAt } from '../around/points.js';
import { buildSpace, resolveRequest, type Space, type VaryAxis } from '../around/space.js';
import { validateScenario } from '../scenario/load.js';
import { difLabel, parseStatus } from '../domain/codes.js';

export interface VariationOptions {
  /** What varies (default ["answers"]). */
  readonly vary?: readonly VaryAxis[];
  /** Vary the answers to this DIF (default: the scenario's "dif", else DIF_INSTALLDEVICE) … */
  readonly dif?: CodeInput;
  /** … or to the key DIF of this installation sequence (and the DIFs the scenario names for an installer). */
  readonly sequence?: SequenceName;
  /** Replaces the documented answer alphabets (status names or values). */
  readonly codes?: readonly CodeInput[];
}

/** The space a scenario's variations are drawn from (its size, its positions). */
export function variationSpace(scenario: unknown, given: VariationOptions = {}): Space {
  const document = { ...(scenario as Record<string, unknown>) };
  delete document.$schema;
  validateScenario(document);
  const options = resolveRequest(document, given);
  const sequenceDifs = options.sequence ? new Set(sequencePlan(options.sequence).steps.map((s) => s.dif)) : new Set<number>();
  return buildSpace(
    document,
    {
      ...(options.vary ? { vary: options.vary } : {}),
      ...(options.dif !== undefined ? { dif: parseDif(options.dif) } : {}),
      ...(options.sequence ? { sequence: options.sequence } : {}),
      ...(options.codes ? { codes: options.codes.map((c) => parseStatus(c)) } : {}),
    },
    sequenceDifs,
  );
}

/**
 * Scenario documents around `scenario`: for a dispatch each has "dif" set (runScenario dispatches
 * it); with `sequence`, "sequence" is set and "dif" removed (runScenario runs the installation).
 */
export function scenarioVariations(scenario: unknown, options: VariationOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  const space = variationSpace(scenario, options);
  const choices = space.positions.map((p) => fc.nat({ max: p.choices.length - 1 }));
  return fc.tuple(...choices).map((point) => {
    const doc: Record<string, unknown> = { ...documentAt(space, point) };
    if (space.mode === 'dispatch') doc.dif = difLabel(space.dif);
    else {
      doc.sequence = space.sequence;
      delete doc.dif;
    }
    return doc;
  });
}
