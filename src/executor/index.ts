/** A fast executor derived from an XState v5 machine's own definition (see executor.ts). */
export { Executor, ExecutorState, executorFor, UnsupportedMachineError, type StepOptions } from './executor.js';
