/**
 * `--format sequence`: the calls of a run as a Mermaid sequence diagram
 * (https://mermaid.js.org/syntax/sequenceDiagram.html): SetupAPI calling each installer in turn,
 * each answer returned, each DIF a box of its own, nested DIFs inside their parent's.
 */
import type { CallRecord } from '../domain/dispatchRules.js';
import type { InstallResult } from '../domain/lifecycle/installResult.js';
import type { RunResult } from '../domain/runResult.js';
import { describeStatus, parseStatus } from '../domain/codes.js';

const clean = (s: string): string => s.replace(/[;#\r\n]/g, ' ').trim();
const statusText = (hex: string): string => {
  try {
    return describeStatus(parseStatus(hex)).name ?? hex;
  } catch {
    return hex;
  }
};

function participantOf(call: CallRecord): { id: string; label: string } {
  switch (call.who) {
    case 'classCoInstaller':
      return { id: `C${call.index}`, label: `class co-installer ${call.index}: ${call.name ?? ''}` };
    case 'deviceCoInstaller':
      return { id: `D${call.index}`, label: `device co-installer ${call.index}: ${call.name ?? ''}` };
    case 'classInstaller':
      return { id: 'CI', label: `class installer: ${call.name ?? ''}` };
    default:
      return { id: 'DH', label: 'default handler' };
  }
}

export function sequenceDiagram(result: RunResult | InstallResult): string {
  const difs = 'outcome' in result ? result.difs : [{ ...result, context: undefined, nestedIn: undefined }];
  const participants = new Map<string, string>();
  const body: string[] = [];
  for (const dif of difs) {
    const where = dif.context ? ` (${dif.context})` : '';
    body.push(`  rect rgba(120, 140, 170, 0.08)`);
    body.push(`    Note over SetupAPI: ${dif.nestedIn ? `${dif.dif} inside ${dif.nestedIn}` : dif.dif}${where}`);
    for (const call of dif.calls) {
      const p = participantOf(call);
      participants.set(p.id, clean(p.label));
      const what = call.who === 'defaultHandler' ? (call.function ?? 'no default handler') : `${dif.dif}${call.phase ? ` ${call.phase === 'pre' ? 'preprocessing' : 'postprocessing'}` : ''}`;
      const input = call.installResult ? `, InstallResult ${statusText(call.installResult)}` : '';
      body.push(`    SetupAPI->>${p.id}: ${clean(what + input)}`);
      body.push(`    ${p.id}-->>SetupAPI: ${statusText(call.returned)}`);
    }
    body.push(`    Note over SetupAPI: returns ${statusText(dif.result.hex)}`);
    body.push('  end');
  }
  const order = ['C', 'D', 'CI', 'DH'];
  const ids = [...participants.keys()].sort((a, b) => order.indexOf(a.replace(/\d+$/, '')) - order.indexOf(b.replace(/\d+$/, '')) || a.localeCompare(b, 'en', { numeric: true }));
  return ['sequenceDiagram', '  participant SetupAPI as SetupDiCallClassInstaller', ...ids.map((id) => `  participant ${id} as ${participants.get(id)}`), ...body].join('\n') + '\n';
}
