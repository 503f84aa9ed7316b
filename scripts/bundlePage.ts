/**
 * Bundles the viewer page (src/view/page/main.ts and everything it imports) into one script with
 * esbuild: no CDN, nothing loaded at run time. `node dist/scripts/bundlePage.js` writes
 * dist/view/page.js and dist/view/page.css (the build does this); tests bundle in memory.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(import.meta.url).endsWith('.ts') ? '..' : '../..');

export async function bundlePage(): Promise<{ script: string; style: string }> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/view/page/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return { script: out.outputFiles[0].text, style: readFileSync(path.join(ROOT, 'src/view/page/style.css'), 'utf8') };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  void bundlePage().then(({ script, style }) => {
    const dir = path.join(ROOT, 'dist/view');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'page.js'), script);
    writeFileSync(path.join(dir, 'page.css'), style);
    console.log(`viewer page bundled: dist/view/page.js (${script.length} bytes)`);
  });
}
