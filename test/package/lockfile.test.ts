/**
 * package-lock.json must be what `npm ci` accepts: npm ci refuses a lockfile whose root entry differs
 * from package.json, or that lacks a package some locked package depends on — including the optional,
 * platform-specific binaries (@swc/core-darwin-arm64, @unrs/resolver-binding-*) that an install on
 * one platform may leave out (npm documents the check: https://docs.npmjs.com/cli/commands/npm-ci,
 * "If dependencies in the package lock do not match those in package.json, npm ci will exit with an
 * error"). The check is offline, so it runs everywhere `npm test` runs; .ci/run also runs plain
 * `npm ci`, and checks that the quick start leaves the lockfile unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as LockEntry & { name: string; version: string };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { name: string; version: string; lockfileVersion: number; packages: Record<string, LockEntry & { name?: string }> };

/** Where Node (and npm) would find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolve(from: string, name: string): string | undefined {
  let at = from;
  for (;;) {
    const candidate = `${at === '' ? '' : `${at}/`}node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (at === '') return undefined;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut === -1 ? '' : at.slice(0, cut);
  }
}

/** Every dependency of a locked package (optional ones included) that the lockfile does not record. */
function missingFromLock(): string[] {
  const missing: string[] = [];
  for (const [at, entry] of Object.entries(lock.packages)) {
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies, ...(at === '' ? entry.devDependencies : {}) };
    for (const name of Object.keys(wanted)) if (resolve(at, name) === undefined) missing.push(`${at || '(root)'} → ${name}`);
  }
  return missing;
}

describe('package-lock.json is in sync with package.json', () => {
  test('it is a lockfile npm 7+ writes (lockfileVersion 3), for this package', () => {
    expect({ lockfileVersion: lock.lockfileVersion, name: lock.name, version: lock.version }).toEqual({ lockfileVersion: 3, name: pkg.name, version: pkg.version });
  });

  test("its root entry lists exactly package.json's dependencies and devDependencies", () => {
    const rootEntry = lock.packages[''];
    expect({ dependencies: rootEntry.dependencies ?? {}, devDependencies: rootEntry.devDependencies ?? {} }).toEqual({
      dependencies: pkg.dependencies ?? {},
      devDependencies: pkg.devDependencies ?? {},
    });
  });

  test('every direct dependency is locked at the exact version package.json pins', () => {
    const pinned = { ...pkg.dependencies, ...pkg.devDependencies };
    const locked = Object.fromEntries(Object.keys(pinned).map((name) => [name, lock.packages[`node_modules/${name}`]?.version]));
    expect(locked).toEqual(pinned);
  });

  test("every package's dependencies, the other platforms' optional binaries included, are recorded", () => {
    expect(missingFromLock()).toEqual([]);
  });
});

describe('.ci/run', () => {
  const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
  test('installs with plain `npm ci` and has no fallback to `npm install --no-save`', () => {
    expect(ci).toMatch(/^if ! npm ci --no-audit --no-fund; then$/m);
    expect(ci).not.toMatch(/--no-save/);
  });
  test('checks that the quick start (npm install && npm start) leaves package-lock.json unchanged', () => {
    expect(ci).toMatch(/npm install --no-audit --no-fund[^\n]*npm start/);
    expect(ci).toMatch(/cmp -s package-lock\.json/);
  });
});
