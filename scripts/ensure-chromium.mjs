#!/usr/bin/env node
// Makes sure a Chromium is there for the browser tests (npm's `pretest`, and .ci/run): found
// through DEVINST_CHROMIUM or the usual places; on Debian/Ubuntu, as root, Debian's `chromium`
// package is installed when missing. Otherwise one line says how, and the tests do not start.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumCandidates } from './chromium-paths.mjs';

const found = () => chromiumCandidates().find((p) => existsSync(p));
if (process.env.DEVINST_CHROMIUM && !existsSync(process.env.DEVINST_CHROMIUM)) {
  console.error(`devinst: DEVINST_CHROMIUM=${process.env.DEVINST_CHROMIUM} does not exist; point it at a Chromium or Chrome executable`);
  process.exit(1);
}
if (!found()) {
  const canApt = process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (canApt) {
    console.log('devinst: installing Debian\'s chromium package for the browser tests (apt-get install chromium)');
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch {
      // Reported just below.
    }
  }
  if (!found()) {
    console.error('devinst: the browser tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set DEVINST_CHROMIUM to a Chromium or Chrome executable');
    process.exit(1);
  }
}
