/** `devinst report`, `devinst diagram` and `--format sequence`, in-process. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'devinst-view-'));

describe('devinst report', () => {
  it('should write one self-contained HTML file with the run in it, and not overwrite it', async () => {
    const dir = tmp();
    const out = path.join(dir, 'report.html');
    const first = await cli('report', 'examples/toaster.json', '-o', out);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<script type="application/json" id="devinst-data">');
    // Nothing to fetch: no external script, stylesheet or src of any kind.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|\ssrc="http/i);
    const data = JSON.parse(/<script type="application\/json" id="devinst-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(data.models).toHaveLength(1);
    expect(data.models[0].summary).toBe('hardware-first · win10 · windows → installed');
    const again = await cli('report', 'examples/toaster.json', '-o', out);
    expect(again.code).toBe(2);
    expect(again.err).toBe(`devinst: ${out}: already exists; not overwritten (use --force to replace it)\n`);
  });

  it('should write a report of a setupapi.dev.log', async () => {
    const out = path.join(tmp(), 'log.html');
    const r = await cli('report', 'test/fixtures/logs/plaso-win10-setupapi.dev.log', '-o', out);
    expect(r.code).toBe(0);
    const data = JSON.parse(/<script type="application\/json" id="devinst-data">([\s\S]*?)<\/script>/.exec(readFileSync(out, 'utf8'))![1]);
    expect(data.models[0].kind).toBe('setupapi-log');
    expect(data.models[0].difs.every((d: { check?: unknown }) => d.check !== undefined)).toBe(true);
  });

  it('should write a report of an INF: its installation run as the scenario devinst install <file.inf> imports', async () => {
    const out = path.join(tmp(), 'inf.html');
    const r = await cli('report', 'test/fixtures/inf/01-ms-toastpkg-tostrco2-device-coinstaller.inf', '-o', out);
    expect(r.code).toBe(0);
    const data = JSON.parse(/<script type="application\/json" id="devinst-data">([\s\S]*?)<\/script>/.exec(readFileSync(out, 'utf8'))![1]);
    // The INF's CoInstallers32 registers tostrco2.dll,ToasterCoInstaller: it is called during DIF_INSTALLDEVICE.
    const install = data.models[0].difs.find((d: { dif: string }) => d.dif === 'DIF_INSTALLDEVICE');
    expect(install.calls.map((c: { who: string; name?: string }) => `${c.who} ${c.name ?? ''}`.trim())).toContain('deviceCoInstaller tostrco2.dll,ToasterCoInstaller');
    expect(data.models[0].log.text).toContain('{DIF_INSTALLDEVICE}');
    const missing = await cli('report', path.join(tmp(), 'none.inf'), '-o', path.join(tmp(), 'x.html'));
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
  });

  it('should compare profiles of one scenario', async () => {
    const out = path.join(tmp(), 'cmp.html');
    const r = await cli('report', 'examples/class-coinstaller-postprocessing.json', '--profiles', 'windows,reactos', '--dif', 'DIF_INSTALLDEVICE', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(2 runs)');
  });

  it('should refuse a broken journal in one line naming the file and line', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.jsonl');
    const { journal } = await import('../../src/host/runDif.js').then((m) => m.recordDif(JSON.parse(readFileSync('examples/toaster.json', 'utf8'))));
    const lines = journal.trim().split('\n');
    writeFileSync(file, [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n');
    const r = await cli('report', file, '-o', path.join(dir, 'x.html'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`^devinst: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(existsSync(path.join(dir, 'x.html'))).toBe(false);
  });

  it('should refuse an unknown profile', async () => {
    const r = await cli('report', 'examples/toaster.json', '--profiles', 'windows,beos', '-o', path.join(tmp(), 'x.html'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown profile "beos"');
  });
});

describe('devinst diagram', () => {
  it('should print the Mermaid chart of difDispatch by default', async () => {
    const r = await cli('diagram');
    expect(r.code).toBe(0);
    expect(r.out.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(r.out).toContain('state "postprocessing" as difDispatch_postprocessing {');
  });

  it('should write the same SVG docs/diagrams holds', async () => {
    const out = path.join(tmp(), 'd.svg');
    const r = await cli('diagram', 'deviceInstall', '--format', 'svg', '-o', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync('docs/diagrams/deviceInstall.svg', 'utf8'));
  });

  it('should refuse an unknown machine', async () => {
    const r = await cli('diagram', 'nope');
    expect(r.code).toBe(2);
  });
});

describe('--format sequence', () => {
  it('should print the calls of a run as a Mermaid sequence diagram, in call order', async () => {
    // Windows: preprocessing in list order, postprocessing in reverse (MicrosoftDocs/windows-driver-docs
    // install/co-installer-operation.md).
    const r = await cli('run', 'examples/class-coinstaller-postprocessing.json', '--format', 'sequence');
    expect(r.code).toBe(0);
    const arrows = r.out.split('\n').filter((l) => l.includes('SetupAPI->>')).map((l) => l.trim().split(':')[0]);
    expect(arrows).toEqual(['SetupAPI->>C1', 'SetupAPI->>C2', 'SetupAPI->>C3', 'SetupAPI->>CI', 'SetupAPI->>DH', 'SetupAPI->>C2', 'SetupAPI->>C1']);
    expect(r.out.startsWith('sequenceDiagram\n')).toBe(true);
  });

  it('should show nested DIFs of an installation', async () => {
    const r = await cli('install', 'examples/toaster.json', '--format', 'sequence');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Note over SetupAPI: DIF_DESTROYPRIVATEDATA inside DIF_REGISTER_COINSTALLERS');
  });
});
