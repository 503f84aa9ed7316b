/**
 * devinst/testing/jest: registers the devinst matchers on the global `expect` (Jest's, in CommonJS
 * and in native ESM tests) and declares their types for `@types/jest`. Use it from Jest's
 * `setupFilesAfterEnv`, or import it at the top of a test file.
 */
import { devinstMatchers, type DevinstMatchers } from './matchers.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends DevinstMatchers<R> {}
  }
}

const runner = globalThis as { expect?: { extend?: (matchers: object) => void } };
if (typeof runner.expect?.extend !== 'function') {
  throw new Error('devinst/testing/jest: no global expect to extend (run it under Jest, or call expect.extend(devinstMatchers) from devinst/testing yourself)');
}
runner.expect.extend(devinstMatchers);

export { devinstMatchers };
