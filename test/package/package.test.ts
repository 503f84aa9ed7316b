/**
 * What `npm publish` would ship, and the library's contract with its callers:
 * - the LICENSE file package.json promises (MIT);
 * - a tarball (`npm pack --dry-run`) with no test or bench code that imports dev dependencies, no
 *   build scripts, and no source maps pointing at TypeScript files it does not ship;
 * - `engines` at the Node version whose require() loads this ES module package: require(esm) is
 *   on by default from Node 20.19.0 (https://nodejs.org/en/blog/release/v20.19.0);
 * - runDif typed with ScenarioDocument, and a clear error for a wrong `options.inspect`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runDif, runInstall, recordDif } from '../../src/index.js';
import { InputError } from '../../src/errors.js';

const ROOT = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  engines: { node: string };
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: unknown }> };

describe('the published package', () => {
  test('has the MIT LICENSE file package.json promises', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license.startsWith('MIT License\n')).toBe(true);
    expect(license).toContain('Permission is hereby granted, free of charge');
  });

  test('engines says Node 20.19.0, the first 20.x whose require() loads ES modules, as the lockfile does', () => {
    expect(pkg.engines.node).toBe('>=20.19.0');
    expect(lock.packages[''].engines).toEqual(pkg.engines);
  });

  test('npm pack ships the library, the CLI, examples and docs, and nothing that is test, bench or build code', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/src/cli/bin.js', 'dist/scenario.schema.json', 'examples/toaster.json', 'docs/tutorial.md']));
    const unwanted = files.filter((f) => /^dist\/(bench|properties|scripts|test)\//.test(f) || /^(test|properties|bench|scripts|src|machines)\//.test(f) || f.endsWith('.map'));
    expect(unwanted).toEqual([]);
    // Every shipped module imports only Node built-ins, dependencies, or files that are shipped too.
    const shipped = new Set(files);
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      if (/sourceMappingURL=/.test(text)) problems.push(`${file}: points at a source map`);
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2];
        if (spec.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
          if (!shipped.has(target)) problems.push(`${file}: imports ${spec}, which is not shipped`);
        } else if (!spec.startsWith('node:')) {
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          // A peer dependency is the user's to install (fast-check for devinst/testing; docs/testing.md).
          if (!(name in pkg.dependencies) && !(name in (pkg.peerDependencies ?? {}))) problems.push(`${file}: imports ${name}, which is not a dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the library contract', () => {
  test('runDif takes a ScenarioDocument: a misspelt key is a type error (and an InputError at run time)', () => {
    // @ts-expect-error deviceCoInstalers is not a scenario key
    expect(() => runDif({ deviceCoInstalers: [] })).toThrow(InputError);
    // @ts-expect-error "win12" is not an os
    expect(() => runInstall({ os: 'win12' })).toThrow(InputError);
    expect(runDif({ classCoInstallers: [{ name: 'c.dll' }] }).result.name).toBe('NO_ERROR');
  });

  test.each([
    [{ next: 1 }, 'an object without a next() method (keys: next)'],
    ['inspector', 'a string'],
    [null, 'null'],
  ])('a wrong options.inspect (%p) is a TypeError that says what is expected', (inspect, got) => {
    const call = () => runDif({}, undefined, { inspect: inspect as never });
    expect(call).toThrow(TypeError);
    expect(call).toThrow(`runDif: options.inspect must be an inspection observer — a function (event) => void or an object with next(event), such as inspector.inspect from @statelyai/inspect — got ${got}`);
    expect(() => recordDif({}, undefined, { inspect: inspect as never })).toThrow('recordDif: options.inspect must be an inspection observer');
  });

  test('a function or an observer object is accepted', () => {
    const seen: string[] = [];
    runDif({}, undefined, { inspect: (e) => seen.push(e.type) });
    runDif({}, undefined, { inspect: { next: (e) => seen.push(e.type) } });
    expect(seen.length).toBeGreaterThan(0);
  });
});
