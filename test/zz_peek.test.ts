import { runInstall } from '../src/host/runInstall.js';
import { readFileSync } from 'node:fs';
it('peek', () => {
  const doc = JSON.parse(readFileSync('examples/toaster.json', 'utf8'));
  const r = runInstall({ ...doc, classCoInstallers: [{ name: 'cc.dll,Cc' }] });
  console.log(JSON.stringify(r, null, 1));
});
