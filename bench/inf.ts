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
  // The fastest of several runs: the machine may be shared, and the minimum is the least disturbed.
  const repeat = Math.max(5, Math.round(4000 / copies));
  importInf({ file: 'bench.inf', bytes }); // warm-up
  let ms = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    importInf({ file: 'bench.inf', bytes });
    ms = Math.min(ms, Number(process.hrtime.bigint() - start) / 1e6);
  }
  const perByte = ms / bytes.length;
  if (copies === COPIES[0]) perByteAtFirst = perByte;
  rows.push(`| ${copies} | ${(bytes.length / 1024).toFixed(1)} KiB | ${ms.toFixed(3)} ms | ${((perByte * 1024 * 1024)).toFixed(1)} ms/MiB | ${(perByte / perByteAtFirst).toFixed(2)} |`);
}
console.log('| copies | size | import time (fastest run) | per MiB | per-byte time, ratio to 16 copies |\n|---|---|---|---|---|');
for (const row of rows) console.log(row);

/**
 * Pathological shapes (many Needs=, one AddReg section named many times, many strings on one line,
 * unclosed brackets, long continuations, many %strkey%, unterminated quotes): time at n and 4n
 * lines; a ratio near 4 is linear, near 16 would be quadratic.
 */
const HEAD = '[Version]\nSignature="$Windows NT$"\nClassGuid={B85B7C50-6A01-11d2-B841-00C04FAD5171}\n[Manufacturer]\nM=M\n[M]\nd=I,id\n[I]\n[I.CoInstallers]\n';
const SHAPES: Record<string, (n: number) => string> = {
  'Needs= lines': (n) => `${HEAD}${'Needs=X\n'.repeat(n)}Include=a.inf\n`,
  'AddReg= of one section': (n) => `${HEAD}${'AddReg=r\n'.repeat(n)}[r]\n${'HKR,,CoInstallers32,0x00010008,"a.dll"\n'.repeat(n)}`,
  'strings on one line': (n) => `${HEAD}AddReg=r\n[r]\nHKR,,CoInstallers32,0x00010000,${Array.from({ length: n }, (_, i) => `"d${i}.dll"`).join(',')}\n`,
  'unclosed [': (n) => HEAD + '[unclosed\n'.repeat(n),
  'continued lines': (n) => `${HEAD}AddReg=r\n[r]\nHKR,,CoInstallers32,0x00010000,\\\n${'"x.dll",\\\n'.repeat(n)}"y.dll"\n`,
  '%strkey% on one line': (n) => `${HEAD}a=${'%x%'.repeat(n)}\n`,
  'unterminated quotes': (n) => HEAD + 'a="\n'.repeat(n),
};
const time = (bytes: Buffer) => {
  const start = process.hrtime.bigint();
  importInf({ file: 'bench.inf', bytes });
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const N = 40_000;
console.log(`\n| shape | ${N} | ${4 * N} | ratio (4 = linear) |\n|---|---|---|---|`);
for (const [name, make] of Object.entries(SHAPES)) {
  const small = Buffer.from(make(N));
  const large = Buffer.from(make(4 * N));
  time(small);
  const a = Math.min(...Array.from({ length: 5 }, () => time(small)));
  const b = Math.min(...Array.from({ length: 5 }, () => time(large)));
  console.log(`| ${name} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(b / a).toFixed(1)} |`);
}
