/**
 * `devinst explore` without the command line: the dispatch (dispatch/runDispatch.ts) and the
 * lifecycle (lifecycle/runLifecycle.ts), and what both report (report.ts).
 */
export { dispatchBoundsReport, runDispatchExplore, runDispatchExploreDriven, type DispatchExploreReport, type DispatchExploreRequest } from './dispatch/runDispatch.js';
export { runLifecycleExplore, type LifecycleExploreRequest } from './lifecycle/runLifecycle.js';
export { DEFAULT_OUT, jsonReport, type Counterexample, type ExploreReport, type InvariantReport } from './report.js';
