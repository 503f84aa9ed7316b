#!/usr/bin/env node
/**
 * The `devinst` executable: connects main() to the process (streams, colour, version, exit code).
 */
import { readFileSync } from 'node:fs';
import pc from 'picocolors';
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
const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

const code = await main(process.argv.slice(2), {
  stdout: line(process.stdout),
  stderr: line(process.stderr),
  // picocolors honours NO_COLOR, FORCE_COLOR and whether stdout is a terminal.
  color: pc.isColorSupported,
  version,
});
process.exitCode = code;
