// npm run screenshots: runs the browser tests with DEVINST_SCREENSHOTS=1, so that they save the
// key views under docs/images/ (the README shows them). Plain `npm test` writes them to a
// temporary folder instead. (A script rather than `VAR=1 jest` so that it works on Windows too.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jest, '--selectProjects', 'browser'], {
  stdio: 'inherit',
  env: { ...process.env, DEVINST_SCREENSHOTS: '1' },
});
process.exit(run.status ?? 1);
