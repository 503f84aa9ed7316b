/**
 * The one file through which exploration around a scenario uses the generic explorer (src/explore/).
 * When the explorer's internals move, only these imports change.
 */
export { codeText } from '../explore/dispatch/dispatchSpace.js';
export { DEFAULT_OUT } from '../explore/run.js';
