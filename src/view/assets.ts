/**
 * The page's assets: the script esbuild bundled at build time (dist/view/page.js, with the
 * stylesheet next to it; `npm run build`, which `npm install` runs). From the TypeScript sources (the
 * project's own tests) the same built files are read from dist/. Nothing is fetched from anywhere
 * else, and nothing is bundled at run time (esbuild is a build tool, not a dependency).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PageAssets {
  readonly script: string;
  readonly style: string;
}

let cached: Promise<PageAssets> | undefined;

const here = new URL('.', import.meta.url);

export function pageAssets(): Promise<PageAssets> {
  cached ??= load();
  return cached;
}

async function load(): Promise<PageAssets> {
  const fromSources = fileURLToPath(import.meta.url).endsWith('.ts');
  // dist/src/view/assets.js → dist/view/; src/view/assets.ts → dist/view/
  const dir = new URL(fromSources ? '../../dist/view/' : '../../view/', here);
  const script = new URL('page.js', dir);
  if (!existsSync(script)) throw new Error(`the viewer page is missing (${fileURLToPath(script)}): run npm run build`);
  return { script: readFileSync(script, 'utf8'), style: readFileSync(new URL('page.css', dir), 'utf8') };
}
