/** Moved to src/testing/arbitraries/ (shipped in devinst/testing); one copy, re-exported here. */
export * from '../../src/testing/arbitraries/dispatch.js';
