/**
 * Live inspection of a run (`devinst run|install … --inspect[=local|stately]`): wait for a viewer,
 * run the machine as a live actor under inspection, deliver its inspection messages step by step
 * at a person's pace, then close every socket and timer so the process ends by itself.
 */
import { InputError } from '../errors.js';
import { groupBySteps, wireObserver, type WireMessage } from './adapter.js';
import { buildModel, chartsFor } from './model.js';
import { openBrowser } from './open.js';
import { startViewServer } from './server.js';
import { startRelay } from './stately.js';

export type InspectMode = 'local' | 'stately';

export interface LiveOptions {
  readonly mode: InspectMode;
  readonly timeoutMs: number;
  readonly stepMs: number;
  readonly open: boolean;
  readonly port?: number;
  /** Progress lines (to stderr, so --json output stays clean). */
  readonly say: (line: string) => void;
}

/** A recorded run whose `inspect` option is the live observer. */
export type InspectedRun<T> = (inspect: (event: unknown) => void) => { result: T; journal: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function runInspected<T>(machineId: string, title: string, run: InspectedRun<T>, options: LiveOptions): Promise<{ result: T; journal: string }> {
  return options.mode === 'stately' ? runStately(run, options) : runLocal(machineId, title, run, options);
}

async function runLocal<T>(machineId: string, title: string, run: InspectedRun<T>, options: LiveOptions) {
  const server = await startViewServer({ title, data: { models: [], live: { charts: await chartsFor([machineId]), title } }, ...(options.port !== undefined ? { port: options.port } : {}) });
  try {
    options.say(`devinst: live inspection at ${server.url} (waiting up to ${seconds(options.timeoutMs)} for a viewer)`);
    if (options.open) openBrowser(server.url);
    try {
      await server.waitForClient(options.timeoutMs);
    } catch {
      throw new InputError(`no viewer opened ${server.url} within ${seconds(options.timeoutMs)} (open it in a browser, or raise --inspect-timeout)`);
    }
    const messages: WireMessage[] = [];
    const recorded = run(wireObserver((m) => messages.push(m)));
    for (const [i, group] of groupBySteps(messages).entries()) {
      if (i > 0 && options.stepMs > 0) await sleep(options.stepMs);
      for (const m of group) server.broadcast(m);
    }
    server.broadcast({ type: 'devinst.complete', models: [await buildModel(recorded.journal, title)] });
    await server.nextMessage(Math.max(2000, options.stepMs));
    options.say(`devinst: ${messages.length} inspection messages sent to the viewer`);
    return recorded;
  } finally {
    await server.close();
  }
}

async function runStately<T>(run: InspectedRun<T>, options: LiveOptions) {
  const relay = await startRelay(options.port ?? 0);
  // ESM-only, and needed only here: loaded on demand.
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  let inspector: ReturnType<typeof createWebSocketInspector> | undefined;
  try {
    options.say(`devinst: Stately inspector relay at ${relay.url} (open it; the inspector UI itself is loaded from stately.ai). Waiting up to ${seconds(options.timeoutMs)}`);
    if (options.open) openBrowser(relay.url);
    if (!(await relay.waitForClients(1, options.timeoutMs))) {
      throw new InputError(`no viewer opened ${relay.url} within ${seconds(options.timeoutMs)} (open it in a browser, or raise --inspect-timeout)`);
    }
    inspector = createWebSocketInspector({ url: relay.wsUrl });
    if (!(await relay.waitForClients(2, 5000))) throw new Error(`the inspector could not reach the relay at ${relay.wsUrl}`);
    const events: unknown[] = [];
    const recorded = run((event) => events.push(event));
    const observer = inspector.inspect as { next: (event: unknown) => void };
    for (const [i, group] of groupBySteps(events).entries()) {
      if (i > 0 && options.stepMs > 0) await sleep(options.stepMs);
      for (const e of group) observer.next(e);
    }
    // The inspector converts and sends on the next tick; let it drain before closing.
    await sleep(100);
    options.say(`devinst: ${events.length} inspection events sent to the Stately inspector`);
    return recorded;
  } finally {
    inspector?.stop();
    await relay.close();
  }
}
