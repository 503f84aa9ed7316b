/**
 * Call timelines for failure reports (the Jest matchers), counterexample files and docs/profiles.md: one line per
 * installer call, in order, as `devinst run` shows them.
 */
import { statusLabel } from '../domain/codes.js';
import type { CallRecord } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';

const label = (hexText: string): string => statusLabel(Number.parseInt(hexText, 16) >>> 0);

export function callLine(call: CallRecord): string {
  switch (call.who) {
    case 'classInstaller':
      return `class installer ${call.name} → ${label(call.returned)}`;
    case 'defaultHandler':
      return `default handler ${call.function ?? '(none: "Default installer" step only)'} → ${label(call.returned)}`;
    default: {
      const who = `${call.who === 'classCoInstaller' ? 'class' : 'device'} co-installer ${call.index} ${call.name}`;
      if (call.phase === 'pre') return `${who} pre → ${label(call.returned)}`;
      return `${who} post (InstallResult ${label(call.installResult!)}, PrivateData ${JSON.stringify(call.privateData ?? null)}) → ${label(call.returned)}`;
    }
  }
}

export function dispatchTimeline(result: RunResult, indent = '  '): string {
  const lines = result.calls.map((call, i) => `${indent}${i + 1}. ${callLine(call)}`);
  if (lines.length === 0) lines.push(`${indent}(no call)`);
  lines.push(`${indent}⇒ ${result.dif} returns ${result.result.success ? 'TRUE' : 'FALSE'}, ${label(result.result.hex)}`);
  for (const note of result.notes) lines.push(`${indent}  note: ${note}`);
  return lines.join('\n');
}

export function installTimeline(result: InstallResult, indent = '  '): string {
  const lines: string[] = [];
  for (const dif of result.difs) {
    const pad = dif.nestedIn ? `${indent}    ` : indent;
    lines.push(`${pad}${dif.dif} [${dif.context}${dif.nestedIn ? `, inside ${dif.nestedIn}` : ''}] → ${label(dif.result.hex)}`);
    for (const call of dif.calls) lines.push(`${pad}    ${callLine(call)}`);
  }
  lines.push(`${indent}⇒ outcome ${result.outcome}; finish-install ${JSON.stringify(result.finishInstall)}; driver key ${JSON.stringify(result.driverKey)}`);
  for (const v of result.violations) lines.push(`${indent}  violation ${v.rule}: ${v.message}`);
  return lines.join('\n');
}
