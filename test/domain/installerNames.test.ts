/**
 * Installer registration strings resolved to the function called (src/domain/installerNames.ts):
 * Windows defaults the entry point (MicrosoftDocs/windows-driver-docs
 * windows-driver-docs-pr/install/registering-a-class-co-installer.md), ReactOS requires a comma
 * (reactos/reactos dll/win32/setupapi/misc.c GetFunctionPointer), Wine splits at the first comma
 * untrimmed (wine-mirror/wine dlls/setupapi/devinst.c). The names are compared with the plain
 * "dll,entry" concatenation of the parts, whichever way the string is built.
 */
import fc from 'fast-check';
import { DEFAULT_ENTRY, resolveInstallerName, type InstallerRole } from '../../src/domain/installerNames.js';
import { PROFILES } from '../../src/domain/profiles.js';

/** The parts as each profile reads them, joined by a comma (the resolution written out once more). */
function expected(declared: string, role: InstallerRole, profile: keyof typeof PROFILES): string | null {
  const comma = declared.indexOf(',');
  const dll = (comma < 0 ? declared : declared.slice(0, comma)).trim();
  const entryPart = comma < 0 ? undefined : declared.slice(comma + 1);
  if (dll === '') return null;
  if (profile === 'windows') return dll + ',' + (entryPart?.trim() || DEFAULT_ENTRY[role]);
  if (profile === 'reactos') {
    if (entryPart === undefined) return null;
    const entry = entryPart.replace(/^[\s,]+/, '').trim();
    return entry === '' ? null : dll + ',' + entry;
  }
  if (entryPart === undefined) return dll + ',' + DEFAULT_ENTRY[role];
  return entryPart === '' || entryPart !== entryPart.trim() ? null : dll + ',' + entryPart;
}

describe('installer names', () => {
  it('should resolve every registration string to its DLL and entry point, under every profile', () => {
    const part = fc.stringMatching(/^[ a-z.,\t]{0,6}$/);
    fc.assert(
      fc.property(fc.oneof(part, fc.tuple(part, part).map(([a, b]) => `${a},${b}`), fc.constantFrom('c1.dll', 'c1.dll,Entry', ' c1.dll , Entry ', 'c1.dll,', 'c1.dll,' + ' '.repeat(15), ',x')), fc.constantFrom<InstallerRole>('coInstaller', 'classInstaller'), fc.constantFrom('windows', 'reactos', 'wine') as fc.Arbitrary<keyof typeof PROFILES>, (declared, role, profile) => {
        const resolved = resolveInstallerName(declared, role, PROFILES[profile]);
        expect(resolved.ok ? resolved.name : null).toBe(expected(declared, role, profile));
      }),
      { numRuns: 3000 },
    );
  });
});
