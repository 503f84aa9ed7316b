/**
 * `devinst codes`: every table as JSON, flags found by value, and an unknown name answered with the
 * `devinst codes`: every table as JSON, flags found by value, and an unknown name answered with the
 * names near it. Values: Wine include/setupapi.h and include/winerror.h.
 */
import { cli } from '../support/cli.js';

describe('devinst codes', () => {
  test('--json with no argument prints every table as JSON', async () => {
    const o = await cli('codes', '--json');
    expect(o.code).toBe(0);
    const all = JSON.parse(o.out) as Record<string, { name: string; value: number }[]>;
    expect(Object.keys(all)).toEqual(['difCodes', 'statusCodes', 'flags', 'flagsEx']);
    // Wine include/setupapi.h: DIF_INSTALLDEVICE 0x02; include/winerror.h: ERROR_DI_DO_DEFAULT 0xE000020E
    expect(all.difCodes.find((d) => d.name === 'DIF_INSTALLDEVICE')?.value).toBe(0x02);
    expect(all.statusCodes.find((s) => s.name === 'ERROR_DI_DO_DEFAULT')?.value).toBe(0xe000020e);
  });

  test('a value finds the flags that have it: 0x00200000 is DI_NODI_DEFAULTACTION', async () => {
    // Wine include/setupapi.h: #define DI_NODI_DEFAULTACTION 0x00200000
    const o = await cli('codes', '0x00200000', '--json');
    expect(o.code).toBe(0);
    const matches = JSON.parse(o.out) as { kind: string; info?: { name: string } }[];
    expect(matches.map((m) => [m.kind, m.info?.name])).toContainEqual(['flag', 'DI_NODI_DEFAULTACTION']);
    expect((await cli('codes', '0x00200000')).out).toContain('DI_NODI_DEFAULTACTION  0x00200000  SP_DEVINSTALL_PARAMS.Flags flag');
  });

  test('a value lists every match of every kind', async () => {
    // 0x00000004: DIF_PROPERTIES (Wine include/setupapi.h: DIF_ASSIGNRESOURCES is 3, DIF_PROPERTIES 4), DI_SHOWCLASS and DI_FLAGSEX_CI_FAILED (both 0x00000004 there)
    const o = await cli('codes', '4', '--json');
    const kinds = (JSON.parse(o.out) as { kind: string; info: { name: string } }[]).map((m) => `${m.kind}:${m.info.name}`);
    expect(kinds).toEqual(expect.arrayContaining(['dif:DIF_PROPERTIES', 'flag:DI_SHOWCLASS', 'flagEx:DI_FLAGSEX_CI_FAILED']));
  });

  test('an unknown name says no kind has it and offers the names near it', async () => {
    const o = await cli('codes', 'INSTALL');
    expect(o.code).toBe(2);
    const line = o.err.trim();
    expect(line.startsWith('devinst: unknown code name "INSTALL": no DIF code, status code, DI_ flag or DI_FLAGSEX_ flag has this name (did you mean ')).toBe(true);
    expect(line).not.toContain('unknown status code name');
    expect(line).toContain('DIF_INSTALLDEVICE');
  });

  test('names are found whatever their kind and case', async () => {
    expect((await cli('codes', 'di_flagsex_ci_failed')).out).toContain('DI_FLAGSEX_CI_FAILED');
    expect((await cli('codes', 'dif_remove')).out).toContain('DIF_REMOVE  0x00000005');
  });
});
