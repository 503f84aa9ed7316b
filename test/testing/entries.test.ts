/**
 * The package's entries as the build ships them: the main entry never loads a dev dependency or
 * an optional peer (fast-check, jest), so `import 'devinst'` works in a project that has neither;
 * devinst/testing loads fast-check (its optional peer) and no other non-runtime package; and every
 * entry of package.json `exports` maps to a source file that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

/** Every bare package a module loads, following its relative imports (static and dynamic). */
function packagesLoaded(entry: string): Set<string> {
  const seen = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)|(?:^|\n)import\s+'([^']+)'/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (/^import\s+type\s/.test(m[0].trim()) || /^export\s+type\s/.test(m[0].trim())) continue;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(path.resolve(entry));
  return bare;
}

const source = (dist: string) => dist.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');

describe('package entries', () => {
  it('the main entry loads only runtime dependencies', () => {
    const loaded = [...packagesLoaded('index.ts')];
    expect(loaded.length).toBeGreaterThan(0);
    for (const name of loaded) expect(Object.keys(manifest.dependencies)).toContain(name);
  });

  it('devinst/testing and devinst/testing/jest load runtime dependencies and fast-check, an optional peer; never jest', () => {
    for (const entry of ['./testing', './testing/jest']) {
      const target = manifest.exports[entry] as { types: string; default: string };
      const loaded = packagesLoaded(source(target.default));
      for (const name of loaded) expect([...Object.keys(manifest.dependencies), 'fast-check']).toContain(name);
    }
    expect(packagesLoaded(source((manifest.exports['./testing'] as { default: string }).default)).has('fast-check')).toBe(true);
    expect(manifest.peerDependencies['fast-check']).toBe('^4.0.0');
    expect(manifest.peerDependenciesMeta['fast-check'].optional).toBe(true);
    expect(manifest.peerDependenciesMeta.jest.optional).toBe(true);
  });

  it('every export points at a built file of a source that exists', () => {
    for (const [key, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      expect([key, existsSync(source(target.default))]).toEqual([key, true]);
      expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
    }
  });
});
