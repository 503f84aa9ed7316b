/**
 * A loop to profile one engine of dispatch() on the benchmark's chains (bench/dispatch.ts):
 *
 *   node --cpu-prof --cpu-prof-dir=prof dist/bench/profileDispatch.js [co-installers] [executor|xstate|actor] [seconds]
 *
 * (defaults: 0, executor, 3). Prints dispatches per second; the profile goes to `prof/`.
 */
import { dispatch } from '../src/host/runDif.js';
import { validateScenario } from '../src/scenario/load.js';
import { chain } from './dispatch.js';

const [sizeArg = '0', engine = 'executor', secondsArg = '3'] = process.argv.slice(2);
const size = Number(sizeArg);
const seconds = Number(secondsArg);
if (!Number.isInteger(size) || size < 0 || !['executor', 'xstate', 'actor'].includes(engine) || !(seconds > 0)) {
  process.stderr.write(`profileDispatch: expected [co-installers ≥ 0] [executor|xstate|actor] [seconds > 0], got ${process.argv.slice(2).join(' ')}\n`);
  process.exit(2);
}
const { scenario } = validateScenario(chain(size));
const inspect = () => {};
const run =
  engine === 'actor' ? () => dispatch(scenario, 0x02, { inspect }) : () => dispatch(scenario, 0x02, { engine: engine as 'executor' | 'xstate' });
let count = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  for (let i = 0; i < 100; i++) run();
  count += 100;
}
process.stdout.write(`${engine}, ${size} co-installers: ${Math.round(count / seconds).toLocaleString('en-US')} dispatches/s\n`);
