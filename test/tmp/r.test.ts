import { readFileSync } from 'node:fs';
import { recordDif } from '../../src/host/runDif.js';
import { replayJournal, transitionLog } from '../../src/journal/replay.js';
test('replay', () => {
  const doc = JSON.parse(readFileSync('examples/class-coinstaller-postprocessing.json', 'utf8'));
  const { result, journal } = recordDif(doc);
  expect(replayJournal(journal)).toEqual(result);
  console.log(transitionLog(journal).map((t) => `${t.seq} ${t.event} ${t.from} -> ${t.to} [${t.actions}]`).join('\n'));
  const lines = journal.trim().split('\n');
  for (const bad of [lines.slice(0, -1), [lines[0], lines[2], lines[1], ...lines.slice(3)], lines.slice(0, 3).concat(lines.slice(4)), [lines[0].replace('"machineVersion":1', '"machineVersion":2'), ...lines.slice(1)], [...lines.slice(0, -1), lines.at(-1)!.slice(0, 10)]]) {
    try { replayJournal(bad.join('\n')); console.log('NO ERROR'); } catch (e) { console.log((e as Error).message); }
  }
});
