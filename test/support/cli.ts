/**
 * Running the CLI in-process for tests: main(argv, io) with captured output, no colour, a fixed
 * version and a pinned clock.
 */
import { main } from '../../src/cli/program.js';

export interface Outcome {
  code: number;
  out: string;
  err: string;
}

export async function cli(...argv: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`),
    color: false,
    version: '0.0.0-test',
    now: () => new Date('2024-01-02T03:04:05.000Z'),
  });
  return { code, out: out.join(''), err: err.join('') };
}
