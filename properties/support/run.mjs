#!/usr/bin/env node
/**
 * `npm run properties -- [--runs N] [--seed S] [jest options…]`: runs the property project
 * (jest --selectProjects property) with DEVINST_RUNS=N and DEVINST_SEED=S (properties/support/runs.ts);
 * every other option goes to Jest, e.g. `-t PostIsReverseOfPre` or a file path.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = { ...process.env };
const rest = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
  if (flag === '--runs' || flag === '--seed') {
    const value = inline ?? args[++i];
    if (value === undefined || !/^-?\d+$/.test(value)) {
      console.error(`npm run properties: ${flag} needs an integer`);
      process.exit(2);
    }
    env[flag === '--runs' ? 'DEVINST_RUNS' : 'DEVINST_SEED'] = value;
  } else {
    rest.push(arg);
  }
}
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jest, '--selectProjects', 'property', ...rest], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
