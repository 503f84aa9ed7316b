/**
 * devinst as its users get it: the current tree built into a staging folder and packed with
 * `npm pack` (nothing is written to the work tree), and a user's project installed from that
 * tarball. The install is offline: its lockfile is derived from devinst's own (every package the
 * example suite needs — jest, fast-check, devinst's dependencies — is one devinst's `npm ci` already
 * put in the npm cache; each entry gets its tarball's registry address, so no registry metadata is
 * needed), plus the tarball. Node and npm are run as `node <script>`, so nothing
 * depends on a shell.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** npm's CLI script: the one running this test (npm_execpath), else the one installed beside node. */
export function npmCli(): string {
  const candidates = [
    process.env.npm_execpath,
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ].filter((p): p is string => typeof p === 'string' && /npm-cli\.js$/.test(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`cannot find npm's npm-cli.js (looked at ${candidates.join(', ')})`);
  return found;
}

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Builds the current tree into `stage` and packs it there; returns the tarball's path. */
export function packDevinst(stage: string): string {
  mkdirSync(stage, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'docs', 'examples']) cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
  rmSync(path.join(stage, 'examples', 'user-suite'), { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  check(run(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')], ROOT), 'tsc (build)');
  // The schema writer imports zod: let it find devinst's own node_modules (never packed).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'junction');
  check(run(process.execPath, [path.join(stage, 'dist', 'scripts', 'writeSchema.js'), path.join(stage, 'dist', 'scenario.schema.json')], stage), 'writeSchema');
  const packed = check(run(process.execPath, [npmCli(), 'pack', '--ignore-scripts', '--json', '--pack-destination', stage], stage), 'npm pack');
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  return path.join(stage, filename);
}

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The public registry's address of a package's tarball (where npm ci would have fetched it from). */
function tarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

/**
 * Copies the example suite into `project` (without its node_modules) with devinst taken from the
 * tarball, writes its lockfile from devinst's own, and installs it offline.
 */
export function installSuite(suite: string, project: string, tarball: string): void {
  mkdirSync(project, { recursive: true });
  for (const entry of readdirSync(suite)) {
    if (entry === 'node_modules' || entry === 'package-lock.json') continue;
    cpSync(path.join(suite, entry), path.join(project, entry), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
  const spec = `file:${path.relative(project, tarball).split(path.sep).join('/')}`;
  manifest.devDependencies.devinst = spec;
  writeFileSync(path.join(project, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const rootLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };
  const devinstManifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string; dependencies: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, unknown>; bin?: Record<string, string>; engines?: Record<string, string> };
  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, version: manifest.version, devDependencies: manifest.devDependencies },
  };
  for (const [key, entry] of Object.entries(rootLock.packages)) {
    if (!key.startsWith('node_modules/') || entry.link) continue;
    // With the tarball's address npm needs no registry metadata: the tarball itself comes from the cache, by integrity.
    packages[key] = entry.resolved || !entry.version ? { ...entry } : { ...entry, resolved: tarballUrl(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.version) };
  }
  packages['node_modules/devinst'] = {
    version: devinstManifest.version,
    resolved: spec,
    integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
    dev: true,
    license: devinstManifest.license,
    dependencies: devinstManifest.dependencies,
    ...(devinstManifest.bin ? { bin: devinstManifest.bin } : {}),
    ...(devinstManifest.engines ? { engines: devinstManifest.engines } : {}),
    ...(devinstManifest.peerDependencies ? { peerDependencies: devinstManifest.peerDependencies } : {}),
    ...(devinstManifest.peerDependenciesMeta ? { peerDependenciesMeta: devinstManifest.peerDependenciesMeta } : {}),
  };
  writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: rootLock.lockfileVersion, requires: true, packages }, null, 2) + '\n');
  check(run(process.execPath, [npmCli(), 'install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], project), 'npm install --offline');
}

/** Runs the suite's tests as its package.json says (`npm test` is `node --experimental-vm-modules …jest`), with extra arguments. */
export function runSuite(project: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return run(process.execPath, ['--experimental-vm-modules', path.join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...args], project, { NODE_OPTIONS: '', ...env });
}
