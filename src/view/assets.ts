/**
 * The page's assets: the script esbuild bundled at build time (dist/view/page.js, with the
 * stylesheet next to it), or, when devinst runs from its TypeScript sources (its own tests), the
 * same bundle built on the spot. Nothing is fetched from anywhere else.
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
  if (!fromSources) {
    const dir = new URL('../../view/', here);
    const script = new URL('page.js', dir);
    if (!existsSync(script)) throw new Error(`the viewer page is missing (${fileURLToPath(script)}): run npm run build`);
    return { script: readFileSync(script, 'utf8'), style: readFileSync(new URL('page.css', dir), 'utf8') };
  }
  const { bundlePage } = await import('../../scripts/bundlePage.js');
  return bundlePage();
}
