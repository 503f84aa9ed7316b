/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Loaded through esbuild-register (see the docblock above): Node 20 cannot load a
// TypeScript config by itself and ts-node is not part of this project.
// Sources are ES modules with `.js` specifiers; @swc/jest compiles them to CommonJS
// for Jest, and the mapper strips the extension so Jest finds the `.ts` file.
const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const common: Config = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // xstate's `development` export condition adds warnings and slows property runs a lot
  // (its development build warns on every event sent to a stopped actor); the default conditions load the production build.
};

const config: Config = {
  // `npm test` leaves nothing in the work tree: the teardown fails the run if a test did.
  globalSetup: '<rootDir>/test/support/workTreeSetup.cjs',
  globalTeardown: '<rootDir>/test/support/workTreeTeardown.cjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.test.ts'] },
    {
      ...common,
      displayName: 'property',
      testMatch: ['<rootDir>/properties/**/*.property.ts'],
      setupFilesAfterEnv: ['<rootDir>/properties/setup.ts'],
    },
    // The viewer and the report in headless Chromium (playwright-core, system Chromium).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.ts'] },
  ],
};

export default config;
