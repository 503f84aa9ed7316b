/**
 * `npm run build && node dist/bench/inf.js`: INF import time against file size, side by side, to
 * show it grows linearly. The INF is the vendored toaster INF with its device sections repeated
 * n times under new names (so every copy is parsed, substituted and checked), n = 16, 256, 4096,
 * after a warm-up, so the JIT has compiled the importer before the first figure.
 */
import { readFileSync } from 'node:fs';
import { importInf } from '../src/inf/import.js';

const base = readFileSync('test/fixtures/inf/01-ms-toastpkg-tostrco2-device-coinstaller.inf', 'utf8');
const body = base.slice(base.indexOf('[Toaster_Device.NT]'), base.indexOf('[Strings]'));
const strings = base.slice(base.indexOf('[Strings]'));

function inf(copies: number): Buffer {
  const parts = [base.slice(0, base.indexOf('[Toaster_Device.NT]'))];
  for (let i = 0; i < copies; i++) parts.push(body.replace(/Toaster_Device|CoInstaller_AddReg|CoInstaller_CopyFiles|toaster_Service_Inst/g, (m) => `${m}_${i}`));
  parts.push(strings);
  return Buffer.from(parts.join(''));
}

const rows: string[] = [];
let perByteAtFirst = 0;
for (let i = 0; i < 200; i++) importInf({ file: 'warm.inf', bytes: inf(4) });
const COPIES = [16, 256, 4096];
for (const copies of COPIES) {
  const bytes = inf(copies);
  const repeat = Math.max(3, Math.round(4000 / copies));
  importInf({ file: 'bench.inf', bytes }); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeat; i++) importInf({ file: 'bench.inf', bytes });
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / repeat;
  const perByte = ms / bytes.length;
  if (copies === COPIES[0]) perByteAtFirst = perByte;
  rows.push(`| ${copies} | ${(bytes.length / 1024).toFixed(1)} KiB | ${ms.toFixed(3)} ms | ${((perByte * 1024 * 1024)).toFixed(1)} ms/MiB | ${(perByte / perByteAtFirst).toFixed(2)} |`);
}
console.log('| copies | size | import time | per MiB | per-byte time, ratio to 16 copies |\n|---|---|---|---|---|');
for (const row of rows) console.log(row);
