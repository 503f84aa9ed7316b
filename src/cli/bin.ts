#!/usr/bin/env node
/**
 * The `devinst` executable: connects main() to the process (streams, colour, version, exit code).
 */
import { readFileSync } from 'node:fs';
import { processInterrupts } from './interrupts.js';
import { main } from './program.js';

const packageJson = new URL('../../../package.json', import.meta.url);
const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
// A reader that stops early (`devinst … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
/** NO_COLOR wins; FORCE_COLOR (other than 0/false) turns colour on; else only a terminal gets colour. */
function colorWanted(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return terminal && env.TERM !== 'dumb';
}

const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

const code = await main(process.argv.slice(2), {
  stdout: line(process.stdout),
  stderr: line(process.stderr),
  // Colour only on a terminal (or with FORCE_COLOR), never with NO_COLOR (https://no-color.org).
  // Not picocolors' own isColorSupported: it also turns colour on whenever CI is set, which puts
  // escape codes into output that a CI job pipes into a file or another program.
  color: colorWanted(process.env, process.stdout.isTTY === true),
  version,
  interrupts: processInterrupts,
});
process.exitCode = code;
