/**
 * `--inspect` as a user runs it (the built executable, dist/): the run waits for a viewer, streams
 * its inspection messages, and the process ends by itself; with no viewer it gives up after
 * --inspect-timeout with one line and exit code 2. `devinst view` stops on Ctrl-C (SIGINT).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';
import { ROOT } from '../support/scenarios.js';

const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function start(args: string[]): { child: ChildProcess; ended: Promise<Ended>; line: (re: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
    waiters.forEach((w) => w());
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c;
    waiters.forEach((w) => w());
  });
  // Bounded: a process that does not end by itself fails the test, and is then killed.
  const ended = new Promise<Ended>((resolve) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, out, err });
    });
  });
  const line = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve) => {
      const check = () => {
        const m = re.exec(out + err);
        if (m) resolve(m);
      };
      waiters.push(check);
      check();
    });
  return { child, ended, line };
}

describe('live inspection and the viewer process', () => {
  beforeAll(() => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  });

  it('should stream devinst install examples/toaster.json --inspect to a viewer and then exit by itself', async () => {
    const run = start(['install', 'examples/toaster.json', '--inspect', '--no-open', '--step-ms', '5', '--inspect-timeout', '20']);
    const [, url] = await run.line(/live inspection at (http:\/\/127\.0\.0\.1:\d+\/)/);
    const ws = new WebSocket(`${url.replace('http', 'ws')}live`, { headers: { Origin: url.slice(0, -1) } });
    const types: string[] = [];
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { type: string };
        types.push(m.type);
        if (m.type === 'devinst.complete') {
          ws.send(JSON.stringify({ type: 'devinst.received' }));
          resolve();
        }
      });
    });
    const ended = await run.ended;
    ws.terminate();
    expect(ended.signal).toBeNull();
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('outcome  installed');
    expect(new Set(types)).toEqual(new Set(['@xstate.actor', '@xstate.event', '@xstate.snapshot', '@xstate.microstep', '@xstate.action', 'devinst.complete']));
  }, 45_000);

  it('should relay a run to the Stately inspector (--inspect=stately) on 127.0.0.1 and exit by itself', async () => {
    const run = start(['run', 'examples/toaster.json', '--inspect=stately', '--no-open', '--step-ms', '0', '--inspect-timeout', '20']);
    const [, url] = await run.line(/relay at (http:\/\/127\.0\.0\.1:\d+\/)/);
    // The relay's page would hand these to the hosted inspector; here a client stands in for it.
    const ws = new WebSocket(url.replace('http', 'ws'));
    const messages: { type: string; _version?: string }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    const ended = await run.ended;
    ws.terminate();
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('DIF_INSTALLDEVICE');
    expect(messages.map((m) => m.type)).toEqual(expect.arrayContaining(['@xstate.actor', '@xstate.event', '@xstate.snapshot']));
    // Sent by @statelyai/inspect itself (its messages carry the package version).
    expect(messages.every((m) => typeof m._version === 'string')).toBe(true);
  }, 45_000);

  it('should give up after --inspect-timeout with one line and exit code 2 when no viewer comes', async () => {
    const run = start(['run', 'examples/toaster.json', '--inspect', '--no-open', '--inspect-timeout', '0.5']);
    const ended = await run.ended;
    expect(ended.code).toBe(2);
    const lines = ended.err.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^devinst: no viewer opened http:\/\/127\.0\.0\.1:\d+\/ within 0\.5 s \(open it in a browser, or raise --inspect-timeout\)$/);
    expect(ended.out).toBe('');
  }, 45_000);

  it('should stop devinst view on Ctrl-C (SIGINT)', async () => {
    const run = start(['view', 'examples/toaster.json', '--no-open']);
    await run.line(/devinst viewer: http:\/\/127\.0\.0\.1:\d+\//);
    run.child.kill('SIGINT');
    const ended = await run.ended;
    expect({ code: ended.code, signal: ended.signal, err: ended.err }).toEqual({ code: 0, signal: null, err: '' });
    expect(ended.out).toContain('devinst viewer stopped');
  }, 45_000);
});
