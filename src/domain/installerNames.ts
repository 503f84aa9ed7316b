/**
 * Resolving an installer registration string `"dll[,entry]"` to the function that is called.
 *
 * Windows: the entry point is optional; co-installers default to `CoDeviceInstall`
 * (MicrosoftDocs/windows-driver-docs `windows-driver-docs-pr/install/registering-a-class-co-installer.md`,
 * `registering-a-device-specific-co-installer.md`), class installers to `ClassInstall`
 * (verified on Windows by wine-mirror/wine `dlls/setupapi/tests/devinst.c` test_class_installer;
 * WDD registering-a-class-co-installer.md, registering-a-device-specific-co-installer.md; Wine dlls/setupapi/tests/devinst.c). White space around either part is ignored.
 * ReactOS: reactos/reactos `dll/win32/setupapi/misc.c` GetFunctionPointer requires a comma;
 * commas and spaces after it are skipped (ReactOS dll/win32/setupapi/misc.c GetFunctionPointer).
 * Wine: split at the first comma with no trimming, so `"x.dll, Entry"` looks up " Entry" and
 * silently fails (Wine dlls/setupapi/devinst.c SetupDiCallClassInstaller).
 */
import type { Semantics } from './profiles.js';

export type InstallerRole = 'coInstaller' | 'classInstaller';

export const DEFAULT_ENTRY: Readonly<Record<InstallerRole, string>> = {
  coInstaller: 'CoDeviceInstall',
  classInstaller: 'ClassInstall',
};

export type Resolution =
  | { readonly ok: true; readonly name: string }
  | { readonly ok: false; readonly reason: string };

/**
 * `dll,entry`: the declared string itself when it is just that (nothing trimmed, no default entry
 * put in), so that a plan of many co-installers holds no second copy of their names.
 */
function fullName(declared: string, comma: number, dll: string, entry: string): string {
  // (the entry may be the default one, put in for a blank entry as long as the declared one)
  if (comma >= 0 && dll.length === comma && entry.length === declared.length - comma - 1 && declared.endsWith(entry)) return declared;
  return `${dll},${entry}`;
}

export function resolveInstallerName(declared: string, role: InstallerRole, semantics: Semantics): Resolution {
  const comma = declared.indexOf(',');
  const dllPart = comma < 0 ? declared : declared.slice(0, comma);
  const entryPart = comma < 0 ? undefined : declared.slice(comma + 1);
  const dll = dllPart.trim();
  if (dll === '') return { ok: false, reason: 'no DLL name' };

  switch (semantics.entryPoint) {
    case 'default-entry': {
      const entry = entryPart?.trim() || DEFAULT_ENTRY[role];
      return { ok: true, name: fullName(declared, comma, dll, entry) };
    }
    case 'comma-required': {
      if (entryPart === undefined) return { ok: false, reason: 'no ",entry" part: ReactOS has no default entry point' };
      const entry = entryPart.replace(/^[\s,]+/, '').trim();
      if (entry === '') return { ok: false, reason: 'empty entry point' };
      return { ok: true, name: fullName(declared, comma, dll, entry) };
    }
    case 'untrimmed-split': {
      if (entryPart === undefined) return { ok: true, name: fullName(declared, comma, dll, DEFAULT_ENTRY[role]) };
      if (entryPart === '' || entryPart !== entryPart.trim()) {
        return { ok: false, reason: `export "${entryPart}" not found: Wine does not trim the entry point` };
      }
      return { ok: true, name: fullName(declared, comma, dll, entryPart) };
    }
    default: {
      const never: never = semantics.entryPoint;
      return never;
    }
  }
}
