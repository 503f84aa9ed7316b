/**
 * Headless Chromium for the browser tests, driven by playwright-core (no browser download): the
 * system's Chromium (DEVINST_CHROMIUM or the usual paths; `npm test`'s pretest installs Debian's
 * package where it can), a fresh profile directory, and guards that fail a test on any console
 * error or any request leaving 127.0.0.1.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../support/scenarios.js';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function executable(): string {
  // The same list as scripts/chromium-paths.mjs (kept in step; that file is plain JS for npm's pretest).
  const env = process.env.DEVINST_CHROMIUM ? [process.env.DEVINST_CHROMIUM] : [];
  const usual =
    process.platform === 'win32'
      ? [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean).flatMap((r) => [`${r}\\Chromium\\Application\\chrome.exe`, `${r}\\Google\\Chrome\\Application\\chrome.exe`, `${r}\\Microsoft\\Edge\\Application\\msedge.exe`])
      : process.platform === 'darwin'
        ? ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
        : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  const found = [...env, ...usual].find((p) => existsSync(p));
  if (!found) throw new Error('no Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set DEVINST_CHROMIUM to its executable');
  return found;
}

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly errors: string[];
  /** Requests the page tried to make to anywhere but 127.0.0.1 (and file: for reports); all were blocked. */
  readonly foreign: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Session> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'devinst-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable(),
    headless: true,
    args: FLAGS,
    viewport: { width: 1500, height: 1000 },
    deviceScaleFactor: 1,
  });
  const errors: string[] = [];
  const foreign: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'file:' || url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    errors,
    foreign,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Takes a screenshot of a key view. `npm run screenshots` (DEVINST_SCREENSHOTS=1) saves them under
 * docs/images/, which the README shows; a plain test run writes them to a temporary folder, so that
 * `npm test` leaves the work tree as it was.
 */
let scratch: string | undefined;
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir =
    process.env.DEVINST_SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'images') : (scratch ??= mkdtempSync(path.join(os.tmpdir(), 'devinst-screenshots-')));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage, animations: 'disabled' });
}

export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]');
}
