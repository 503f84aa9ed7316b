/**
 * `devinst run` applies the effects of the DIF it dispatches with the consequences `devinst
 * install` gives them (src/host/difEffects.ts): the same guideline violations for that DIF, a dialog
 * in the non-interactive server context hangs the call, and effects whose meaning lies in another
 * DIF get a note. Guidelines: WDD writing-class-installers-and-co-installers.md (no UI in the
 * server-side installation, no state kept in the DLL, no default handler called by a co-installer).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../support/cli.js';

const VIOLATIONS = path.join(process.cwd(), 'examples', 'violations');
const EXAMPLES = path.join(process.cwd(), 'examples');

interface V {
  rule: string;
  dif: string;
}

async function json(...argv: string[]) {
  const o = await cli(...argv, '--json');
  expect({ argv, code: o.code, err: o.err }).toEqual({ argv, code: 0, err: '' });
  return JSON.parse(o.out) as { dif: string; violations: V[]; notes: string[]; hung?: boolean; outcome?: string; result: { hex: string } };
}

describe('devinst run applies the DIF\'s effects like devinst install', () => {
  test('coinstaller-called-default-handler.json: run reports the violation install reports', async () => {
    const run = await json('run', path.join(VIOLATIONS, 'coinstaller-called-default-handler.json'));
    expect(run.violations.map((v) => v.rule)).toEqual(['coinstaller-called-default-handler']);
  });

  test('ui-in-noninteractive-context.json: the DIF hangs under run as under install', async () => {
    const file = path.join(VIOLATIONS, 'ui-in-noninteractive-context.json');
    const run = await json('run', file);
    const install = await json('install', file);
    expect(install.outcome).toBe('hung');
    expect(run.hung).toBe(true);
    expect(run.violations.map((v) => v.rule)).toEqual(['ui-in-noninteractive-context']);
    const text = await cli('run', file);
    expect(text.out).toMatch(/^result {2}hung/m);
    expect(text.out).toContain('widgetco.dll,WidgetCoInstaller → never returns');
    expect(text.out).not.toContain('NO_ERROR (0x00000000)  SetupDiCallClassInstaller returns TRUE');
  });

  test('every violation example: run reports for its DIF exactly what install reports for that DIF, or notes why not', async () => {
    for (const name of fs.readdirSync(VIOLATIONS)) {
      const file = path.join(VIOLATIONS, name);
      const run = await json('run', file);
      const install = await json('install', file);
      const expected = install.violations.filter((v) => v.dif === run.dif).map((v) => v.rule);
      const got = run.violations.map((v) => v.rule);
      if (name === 'state-kept-in-dll.json') {
        // The value was kept in an earlier DIF: only a whole installation can show the breach.
        expect(got).toEqual([]);
        expect(run.notes.some((n) => n.includes('readFromDll') && n.includes('earlier DIF'))).toBe(true);
      } else expect({ name, rules: got }).toEqual({ name, rules: expected });
    }
  });

  test('an effect that only means something in a later DIF is named in a note', async () => {
    const run = await json('run', path.join(VIOLATIONS, 'finish-install-flag-outside-finishinstall-dif.json'));
    expect(run.notes.some((n) => n.includes('setFlagsEx') && n.includes('takes effect from the next DIF'))).toBe(true);
  });

  test('a journal of a run with effects replays to the same result (hang included)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devinst-runfx-'));
    try {
      for (const name of ['ui-in-noninteractive-context.json', 'coinstaller-called-default-handler.json']) {
        const journal = path.join(dir, `${name}.jsonl`);
        const run = await json('run', path.join(VIOLATIONS, name), '--journal', journal);
        expect(await json('replay', journal)).toEqual(run);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('devinst run picks the sequence\'s main DIF and says so', () => {
  test('remove.json (sequence remove, no "dif") dispatches DIF_REMOVE and says why', async () => {
    const file = path.join(EXAMPLES, 'remove.json');
    expect((await json('run', file)).dif).toBe('DIF_REMOVE');
    const o = await cli('run', file);
    expect(o.out.split('\n')[0]).toBe('DIF_REMOVE: the main DIF of the scenario\'s sequence remove (--dif runs another)');
  });

  test('properties.json dispatches DIF_ADDPROPERTYPAGE_ADVANCED; --dif still wins', async () => {
    const file = path.join(EXAMPLES, 'properties.json');
    expect((await json('run', file)).dif).toBe('DIF_ADDPROPERTYPAGE_ADVANCED');
    expect((await json('run', file, '--dif', 'DIF_PROPERTYCHANGE')).dif).toBe('DIF_PROPERTYCHANGE');
  });
});
