/**
 * devinst/testing: property-based regression testing of your own installers (docs/testing.md).
 *
 * - `invariants`, `rules`: the catalogue by name, each with its sentence and source;
 * - `runScenario`, `checkInvariants`: run a scenario through the real machines and get what breaks;
 * - `scenarioVariations`: fast-check arbitraries around your scenario; `scenarioArbitrary`,
 *   `wellBehavedScenarioArbitrary`, `dispatchCaseArbitrary`, `installationArbitrary`, `difArbitrary`: from scratch;
 * - `devinstMatchers` (`toSatisfyInvariants`, `toBreak`): Jest matchers (devinst/testing/jest registers them);
 * - `exploreScenario`: the exhaustive search of `devinst explore <scenario>`;
 * - `regressionTest`, `writeRegressionTest`: a shrunk counterexample as a regression test file.
 *
 * Needs fast-check 4 (an optional peer dependency of devinst); the main entry does not.
 */
export { INVARIANTS as invariants, RULES as rules, type CatalogueEntry, type CatalogueKind } from '../invariants/catalogue.js';
export { runScenario, checkInvariants, isScenarioRun, type ScenarioRun, type RunScenarioOptions, type Judgeable, type Breach } from './run.js';
export { scenarioVariations, variationSpace, type VariationOptions } from './variations.js';
export { scenarioDocArb as scenarioArbitrary, difArb as difArbitrary, COMMON_DIFS, type ScenarioDoc } from './arbitraries/scenario.js';
export { lifecycleDocArb as installationArbitrary, type LifecycleDoc } from './arbitraries/lifecycle.js';
export { wellBehavedDocArb as wellBehavedScenarioArbitrary, dispatchCaseArb as dispatchCaseArbitrary, type DispatchCase } from './arbitraries/dispatch.js';
export { devinstMatchers, toSatisfyInvariants, toBreak, type DevinstMatchers, type MatcherResult } from './matchers.js';
export { regressionTest, writeRegressionTest, regressionOnFailure, type RegressionTestOptions, type RegressionCase, type RunDetailsLike } from './regression.js';
export { dispatchTimeline, installTimeline } from './timeline.js';
export { exploreAround as exploreScenario, DEFAULT_LIMIT, type AroundReport, type AroundRequest, type AroundCounterexample } from '../around/explore.js';
export { VARY_AXES, DOCUMENTED_ALPHABETS, type VaryAxis, type Space } from '../around/space.js';
