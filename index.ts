/**
 * devinst — the package entry (dist/index.js). Re-exports the library API from src/index.ts.
 */
export * from './src/index.js';
