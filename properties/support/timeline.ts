/** Moved to src/testing/timeline.ts (shipped in devinst/testing); re-exported here. */
export * from '../../src/testing/timeline.js';
