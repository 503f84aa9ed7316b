#!/usr/bin/env node
// `npm run docs`: rewrites the generated parts of docs/ (docs/profiles.md and the catalogue table of
// docs/invariants.md) by running their checks with DEVINST_WRITE_DOCS=1; `npm test` checks they are
// current. Plain Node, so it works the same from cmd.exe, PowerShell and POSIX shells.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const files = ['properties/profiles.doc.property.ts', 'test/invariants/catalogue.test.ts'];
const run = spawnSync(process.execPath, [jest, ...files], { stdio: 'inherit', env: { ...process.env, DEVINST_WRITE_DOCS: '1' } });
process.exit(run.status ?? 1);
