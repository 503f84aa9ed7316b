/**
 * The viewer and the report in headless Chromium: a journal stepped through (buttons, slider,
 * arrow keys, the step kept in the URL) with the active state checked at every step against the
 * transition log replay derives on its own (no inspection involved), the timeline entry and the
 * swim lanes at several steps; a live --inspect run received; two profiles compared; report.html
 * opened from disk. No console error, no request leaving 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { recordDif } from '../../src/host/runDif.js';
import { recordInstall } from '../../src/host/runInstall.js';
import { transitionLog } from '../../src/journal/replay.js';
import { buildModel } from '../../src/view/model.js';
import { checkFile } from '../../src/log/checkFiles.js';
import { buildReport } from '../../src/view/report.js';
import { loadViewModels } from '../../src/view/sources.js';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { ROOT } from '../support/scenarios.js';
import { openBrowser, ready, screenshot, type Session } from './support/browser.js';

jest.setTimeout(90_000);

const example = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));

/** The state after each journal entry, from replay's own transition log. */
function statesBySeq(journal: string): string[] {
  const log = transitionLog(journal);
  const entries = journal.trim().split('\n').length - 2;
  const out: string[] = [];
  for (let seq = 0; seq <= entries; seq++) {
    const last = log.filter((t) => t.seq <= seq).pop();
    out.push(last!.to);
  }
  return out;
}

/** The active state's name as drawn: its text, whether it is inside the chart panel, its font size in screen pixels. */
async function activeLabel(page: Session['page'], id: string) {
  return page.locator(`.chart-wrap [data-state="${id}"] > text.name`).evaluate((el) => {
    const text = el as SVGTextElement;
    const r = text.getBoundingClientRect();
    const panel = text.closest('.chart-wrap')!.getBoundingClientRect();
    const ctm = text.getScreenCTM()!;
    return {
      text: text.textContent,
      inside: r.width > 0 && r.left >= panel.left && r.right <= panel.right && r.top >= panel.top && r.bottom <= panel.bottom,
      fontPx: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b),
    };
  });
}

let session: Session;
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  expect(session.errors).toEqual([]);
  expect(session.foreign).toEqual([]);
});

describe('a journal in the viewer', () => {
  let server: ViewServer;
  let journal: string;
  let model: Awaited<ReturnType<typeof buildModel>>;
  afterAll(() => server?.close());

  it('should show the right active state at every step of a finish-install journal', async () => {
    journal = recordInstall(example('finish-install-win7.json')).journal;
    model = await buildModel(journal, 'finish-install-win7.jsonl');
    server = await startViewServer({ title: model.title, data: { models: [model] } });
    const { page } = session;
    await page.goto(server.url);
    await ready(page);
    const expected = statesBySeq(journal);
    expect(expected.length).toBe(model.steps.length);
    for (let i = 0; i < expected.length; i++) {
      await page.waitForSelector(`body[data-ready="true"][data-step="${i}"]`);
      expect(await page.textContent('#active-deviceInstall')).toBe(expected[i]);
      expect(await page.getAttribute('.entry.current', 'data-step')).toBe(String(i));
      expect(new URL(page.url()).hash).toBe(`#step=${i}`);
      // The highlighted leaf in the diagram is that state's node.
      expect(await page.getAttribute('.chart-wrap[data-machine="deviceInstall"]', 'data-active')).toBe(`deviceInstall.${expected[i]}`);
      expect(await page.locator(`.chart-wrap [data-state="deviceInstall.${expected[i]}"].leaf-active`).count()).toBe(1);
      // A person can read it: the active state's name is inside the panel, at 10 px or more on screen.
      const label = await activeLabel(page, `deviceInstall.${expected[i]}`);
      expect(label.text).toBe(expected[i].split('.').pop());
      expect(label.inside).toBe(true);
      expect(label.fontPx).toBeGreaterThanOrEqual(10);
      await page.keyboard.press('ArrowRight');
    }
    // Past the end it stays on the last step.
    expect(await page.textContent('#step-counter')).toBe(`step ${expected.length - 1} / ${expected.length - 1}`);
    // Finish-install attempts across re-enumerations: three, the last one succeeding.
    expect(await page.locator('#finish-install li.attempt').count()).toBe(3);
    await page.goto(`${server.url}#step=12`);
    await page.reload();
    await ready(page);
    await screenshot(page, 'viewer-finish-install.png');
  });

  it('should open a collapsed state on click, zoom with the buttons and the wheel, and show the full chart', async () => {
    const { page } = session;
    await page.goto(`${server.url}#step=12`);
    await page.reload();
    await ready(page);
    const chart = '.chart-wrap[data-machine="deviceInstall"]';
    const scale = async () => Number(await page.getAttribute(`${chart} svg`, 'data-scale'));
    // finishInstallRunning (the mount with id finishInstallDif) is off the active path: one box.
    const mount = `${chart} [data-state="finishInstallDif"]`;
    expect(await page.getAttribute(mount, 'class')).toContain('collapsed');
    expect(await page.textContent(`${mount} .note`)).toBe('+ difDispatch · 14 states');
    await page.click(`${mount} > rect`);
    await page.waitForSelector(`${mount}.compound`);
    await ready(page);
    expect(await page.locator(`${chart} [data-state="deviceInstall.finishInstallRunning.preprocessing"]`).count()).toBe(1);
    const before = await scale();
    await page.click('[data-action="zoom-in"]');
    expect(await scale()).toBeCloseTo(before * 1.25, 2);
    expect(await page.getAttribute(chart, 'data-follow')).toBe('false');
    const box = (await page.locator(chart).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    expect(await scale()).toBeLessThan(before * 1.25);
    await page.click('[data-action="fit"]');
    await ready(page);
    expect(await page.getAttribute(chart, 'data-follow')).toBe('true');
    await page.click('[data-action="full"]');
    await ready(page);
    // Every state but the root is drawn, and the active one is still highlighted.
    expect(await page.locator(`${chart} g[data-state]`).count()).toBe(model.charts[0].ids.length - 1);
    expect(await page.locator(`${chart} [data-state="deviceInstall.finishInstallPending"].leaf-active`).count()).toBe(1);
    expect(await page.textContent('[data-action="full"]')).toBe('active path');
    await page.click('[data-action="full"]');
    await ready(page);
    expect(await page.getAttribute(mount, 'class')).toContain('collapsed');
    // The keyboard opens a collapsed state too.
    await page.focus(mount);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${mount}.compound`);
  });

  it('should step with buttons, slider and Home/End, and show the swim lanes of each step', async () => {
    // The toaster's installation as README shows it: DIF_SELECTBESTCOMPATDRV answered by its
    // default handler (step 1), ... DIF_INSTALLDEVICE: device co-installer 1 in preprocessing
    // (step 6), then SetupDiInstallDevice (step 7).
    const toaster = recordInstall(example('toaster.json')).journal;
    const model = await buildModel(toaster, 'toaster.jsonl');
    const local = await startViewServer({ title: model.title, data: { models: [model] } });
    try {
      const { page } = session;
      await page.goto(`${local.url}#step=1`);
      await ready(page);
      const lanes = async () => ({
        dif: await page.getAttribute('.dif.current', 'data-dif-name'),
        lane: await page.locator('.call.current').first().evaluate((el) => el.closest('[data-lane]')?.getAttribute('data-lane')),
        called: await page.textContent('#detail-called'),
      });
      expect(await lanes()).toEqual({ dif: 'DIF_SELECTBESTCOMPATDRV', lane: 'defaultHandler', called: 'the default handler SetupDiSelectBestCompatDrv' });
      await page.fill('#step-slider', '6');
      expect(await lanes()).toEqual({ dif: 'DIF_INSTALLDEVICE', lane: 'deviceCoInstaller', called: 'deviceCoInstaller 1 (tostrco2.dll,ToasterCoInstaller) in preprocessing' });
      expect(await page.textContent('#detail-answer')).toContain('NO_ERROR');
      await page.click('#step-next');
      expect(await lanes()).toEqual({ dif: 'DIF_INSTALLDEVICE', lane: 'defaultHandler', called: 'the default handler SetupDiInstallDevice' });
      await page.click('#step-prev');
      expect(await page.getAttribute('body', 'data-step')).toBe('6');
      await page.keyboard.press('End');
      expect(await page.getAttribute('body', 'data-step')).toBe(String(model.steps.length - 1));
      await page.keyboard.press('Home');
      expect(await page.getAttribute('body', 'data-step')).toBe('0');
      await page.click('#step-last');
      expect(await page.textContent('#active-deviceInstall')).toBe('done');
      // The nested DIF_DESTROYPRIVATEDATA shows in its parent's nested lane.
      expect(await page.locator('[data-dif-name="DIF_REGISTER_COINSTALLERS"] [data-lane="nested"] .nested-name').textContent()).toContain('DIF_DESTROYPRIVATEDATA');
      await page.goto(`${local.url}#step=6`);
      await ready(page);
      await page.locator('#lanes-panel').scrollIntoViewIfNeeded();
      await screenshot(page, 'viewer-lanes.png', true);
    } finally {
      await local.close();
    }
  });
});

describe('every example in the viewer', () => {
  it('should open each example installation with the right state at its first and last step, violations marked', async () => {
    const dir = path.join(ROOT, 'examples');
    const files = [...readdirSync(dir).filter((f) => f.endsWith('.json')), ...readdirSync(path.join(dir, 'violations')).map((f) => `violations/${f}`)];
    const models = [];
    const journals: string[] = [];
    for (const f of files) {
      const { journal } = recordInstall(example(f));
      journals.push(journal);
      models.push(await buildModel(journal, f));
    }
    const { page } = session;
    for (let i = 0; i < models.length; i++) {
      const server = await startViewServer({ title: files[i], data: { models: [models[i]] } });
      try {
        const states = statesBySeq(journals[i]);
        await page.goto(`${server.url}#step=0`);
        await ready(page);
        expect(await page.textContent('#active-deviceInstall')).toBe(states[0]);
        expect((await activeLabel(page, `deviceInstall.${states[0]}`)).fontPx).toBeGreaterThanOrEqual(10);
        await page.keyboard.press('End');
        await page.waitForSelector(`body[data-ready="true"][data-step="${states.length - 1}"]`);
        expect(await page.textContent('#active-deviceInstall')).toBe(states[states.length - 1]);
        const last = await activeLabel(page, `deviceInstall.${states[states.length - 1]}`);
        expect(last.inside).toBe(true);
        expect(last.fontPx).toBeGreaterThanOrEqual(10);
        expect(await page.locator('#violations .violation').count()).toBe(models[i].violations.length);
        expect(await page.locator('.entry.violation').count()).toBe(new Set(models[i].violations.map((v) => v.step)).size);
        if (files[i] === 'violations/process-outside-finish-install.json') {
          await page.goto(`${server.url}#step=${models[i].violations[0].step}`);
          await page.reload();
          await ready(page);
          await screenshot(page, 'viewer-violation.png', true);
        }
      } finally {
        await server.close();
      }
    }
  });
});

describe('a live --inspect run', () => {
  it('should arrive in the viewer step by step, and the process should end by itself', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/cli/bin.js'), 'install', 'examples/toaster.json', '--inspect', '--no-open', '--step-ms', '20', '--inspect-timeout', '30'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let err = '';
    const url = await new Promise<string>((resolve) =>
      child.stderr!.on('data', (c: Buffer) => {
        err += c;
        const m = /live inspection at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
        if (m) resolve(m[1]);
      }),
    );
    const { page } = session;
    await page.goto(url);
    await page.waitForSelector('body[data-live="complete"]');
    expect(await page.textContent('#active-deviceInstall')).toBe('done');
    expect(Number(await page.getAttribute('body', 'data-step'))).toBe(await page.locator('.entry').count() - 1);
    expect(await exited).toBe(0);
  });
});

describe('comparing profiles', () => {
  it('should show windows and reactos side by side with the first divergence marked', async () => {
    const runAs = (profile: string) => buildModel(recordDif({ ...example('class-coinstaller-postprocessing.json'), profile }, 'DIF_INSTALLDEVICE').journal, `class-coinstaller-postprocessing.json (${profile})`);
    const models = await Promise.all(['windows', 'reactos', 'wine'].map(runAs));
    const server = await startViewServer({ title: 'compare', data: { models } });
    try {
      const { page } = session;
      await page.goto(server.url);
      await ready(page);
      expect(await page.locator('table.cmp thead th').count()).toBe(4);
      expect(await page.locator('tr.first-divergence').count()).toBe(1);
      // Windows calls postprocessing in reverse order (co-installer 2 first); ReactOS front to back.
      const text = await page.textContent('#first-divergence');
      expect(text).toContain('windows: classCoInstaller 2 post');
      expect(text).toContain('reactos: classCoInstaller 1 post');
      expect(await page.locator('li.diverging-call').count()).toBe(2);
      await page.click('nav.runs button[data-run="1"]');
      expect(new URL(page.url()).hash).toBe('#run=1&step=0');
      await page.goto(`${server.url}#run=1&step=6`);
      await page.reload();
      await ready(page);
      await page.setViewportSize({ width: 1500, height: 700 });
      await screenshot(page, 'compare-profiles.png');
      await page.setViewportSize({ width: 1500, height: 1000 });
    } finally {
      await server.close();
    }
  });
});

describe('report.html', () => {
  it('should open from disk with no server and no network', async () => {
    const { journal } = recordInstall(example('finish-install-win10.json'));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'devinst-report-')), 'report.html');
    writeFileSync(file, await buildReport([await buildModel(journal, 'finish-install-win10.jsonl')]));
    const { page } = session;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${pathToFileURL(file).href}#step=3`);
    await ready(page);
    expect(await page.getAttribute('body', 'data-step')).toBe('3');
    expect(await page.textContent('#active-deviceInstall')).toBe(statesBySeq(journal)[3]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });
});

describe('a setupapi.dev.log in the viewer', () => {
  it('should show the sections and DIF blocks of the plaso log as swim lanes with the check verdict of each', async () => {
    const file = path.join(ROOT, 'test/fixtures/logs/plaso-win10-setupapi.dev.log');
    const models = await loadViewModels([file]);
    // The verdicts are devinst log check's own (test/log checks them against the log).
    const checked = [...checkFile(file, { profile: 'windows' })];
    const server = await startViewServer({ title: 'log', data: { models } });
    try {
      const { page } = session;
      await page.goto(`${server.url}#step=3`);
      await ready(page);
      expect(await page.locator('.dif').count()).toBe(checked.filter((r) => !r.nestedIn).length);
      expect(await page.locator('.verdict').count()).toBe(checked.length);
      // Step 3: the DIF_SELECTBESTCOMPATDRV of section #5 (line 285), answered by its default handler.
      const current = page.locator('.dif.current');
      expect(await current.getAttribute('data-dif-name')).toBe('DIF_SELECTBESTCOMPATDRV');
      expect(await current.locator('.tag').first().textContent()).toContain('#5 Device Install (UpdateDriverForPlugAndPlayDevices)');
      expect(await current.locator('.verdict').textContent()).toBe(checked.find((r) => r.line === 285)!.verdict);
      expect(await current.locator('[data-lane="defaultHandler"] .call').count()).toBe(1);
      expect(await page.locator('#sections li.section').count()).toBe(models[0].sections!.length);
      expect(await page.textContent('#log pre.log')).toContain('{DIF_SELECTBESTCOMPATDRV}');
      await page.click('#sections li.section[data-section="5"] button');
      expect(await page.getAttribute('body', 'data-step')).toBe('3');
      // The block's own lines, numbered as in the file.
      expect((await page.textContent('#log-excerpt'))!.split('\n')[0]).toMatch(/^285 {2}.*\{DIF_SELECTBESTCOMPATDRV\}/);
      await page.setViewportSize({ width: 1500, height: 1250 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'viewer-setupapi-log.png');
      await page.setViewportSize({ width: 1500, height: 1000 });
    } finally {
      await server.close();
    }
  });

  it('should show a journal\'s run rendered as setupapi.dev.log text', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'devinst-view-log-'));
    const journalFile = path.join(dir, 'toaster.jsonl');
    writeFileSync(journalFile, recordInstall(example('toaster.json')).journal);
    const models = await loadViewModels([journalFile]);
    const server = await startViewServer({ title: 'journal', data: { models } });
    try {
      const { page } = session;
      await page.goto(server.url);
      await ready(page);
      const text = await page.textContent('#log pre.log');
      expect(text).toContain('>>>  [Device Install');
      expect(text).toContain('{DIF_INSTALLDEVICE}');
    } finally {
      await server.close();
    }
  });
});

describe('a generated diagram', () => {
  it('should render docs/diagrams/difDispatch.svg as an image', async () => {
    const { page } = session;
    await page.goto(pathToFileURL(path.join(ROOT, 'docs/diagrams/difDispatch.svg')).href);
    const box = await page.locator('svg').boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await page.setViewportSize({ width: Math.ceil(box!.width), height: Math.ceil(box!.height) });
    await screenshot(page, 'diagram-difDispatch.png');
    await page.setViewportSize({ width: 1500, height: 1000 });
    await page.goto(pathToFileURL(path.join(ROOT, 'docs/diagrams/deviceInstall.overview.svg')).href);
    const overview = (await page.locator('svg').boundingBox())!;
    // The overview is drawn at its own size with 13 px state names: no zoom needed to read it.
    expect(overview.width).toBeLessThan(1500);
    await page.setViewportSize({ width: Math.ceil(overview.width), height: Math.ceil(overview.height) });
    await screenshot(page, 'diagram-deviceInstall-overview.png');
    await page.setViewportSize({ width: 1500, height: 1000 });
  });
});
