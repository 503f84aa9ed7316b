/**
 * Platform decoration, chosen as Windows chooses it.
 *
 * Models: a [Manufacturer] entry lists TargetOSVersion decorations
 * `nt[Architecture][.[OSMajorVersion][.[OSMinorVersion][.[ProductType][.[SuiteMask][.[BuildNumber]]]]]]`;
 * Windows uses the models section of the decoration that matches the running system most closely,
 * and the undecorated models section only when none is listed
 * (learn.microsoft.com .../install/inf-manufacturer-section,
 * .../install/combining-platform-extensions-with-operating-system-versions). From Windows Server
 * 2003 SP1 a non-x86 system needs a decoration naming its architecture (same pages).
 *
 * Install sections: `Foo.NTamd64` over `Foo.NT` over `Foo` (x86: `Foo.NTx86`; arm64: `Foo.NTarm64`)
 * (.../install/inf-ddinstall-section, .../install/creating-inf-files-for-multiple-platforms-and-operating-systems);
 * the same order picks `ClassInstall32.*` (.../install/inf-classinstall32-section).
 * The target is Windows 10 (10.0, any build), workstation: a documented choice.
 */
export const INF_ARCHES = ['x86', 'amd64', 'arm64'] as const;
export type InfArch = (typeof INF_ARCHES)[number];

export interface Target {
  readonly arch: InfArch;
  readonly major: number;
  readonly minor: number;
  readonly productType: number;
  readonly build: number;
}

export const defaultTarget = (arch: InfArch): Target => ({ arch, major: 10, minor: 0, productType: 1, build: Number.MAX_SAFE_INTEGER });

export interface Decoration {
  readonly text: string;
  readonly arch: string | undefined;
  readonly version: readonly number[];
}

const DECORATION = /^nt(x86|amd64|ia64|arm64|arm)?((?:\.[0-9a-fx]*)*)$/i;

export function parseDecoration(text: string): Decoration | undefined {
  const m = DECORATION.exec(text.trim());
  if (!m) return undefined;
  const parts = m[2] ? m[2].slice(1).split('.') : [];
  const version = parts.map((p) => (p === '' ? Number.NaN : Number(p.toLowerCase().startsWith('0x') ? Number.parseInt(p, 16) : Number.parseInt(p, 10))));
  return { text: text.trim(), arch: m[1]?.toLowerCase(), version };
}

function matches(d: Decoration, t: Target): boolean {
  if (d.arch !== undefined && d.arch !== t.arch) return false;
  if (d.arch === undefined && t.arch !== 'x86') return false;
  const [major, minor, productType, , build] = d.version;
  const v = (n: number | undefined) => n === undefined || Number.isNaN(n);
  if (!v(major) && (major > t.major || (major === t.major && !v(minor) && minor > t.minor))) return false;
  if (!v(productType) && productType !== 0 && productType !== t.productType) return false;
  if (!v(build) && build > t.build) return false;
  return true;
}

function rank(d: Decoration): number[] {
  const [major = 0, minor = 0, , , build = 0] = d.version.map((n) => (Number.isNaN(n) ? 0 : n));
  return [d.arch ? 1 : 0, major, minor, build, d.version.length];
}

/** The best-matching decoration, or undefined when none matches. */
export function chooseDecoration(decorations: readonly Decoration[], t: Target): Decoration | undefined {
  let best: Decoration | undefined;
  for (const d of decorations) {
    if (!matches(d, t)) continue;
    if (!best) {
      best = d;
      continue;
    }
    const a = rank(d);
    const b = rank(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (a[i] > b[i]) best = d;
        break;
      }
    }
  }
  return best;
}

/** Install-section names in the order Windows tries them. */
export function installSectionCandidates(base: string, arch: InfArch): string[] {
  return [`${base}.NT${arch}`, `${base}.NT`, base];
}

/** `SourceDisksFiles` and `SourceDisksNames` use the bare architecture (`.x86`, `.amd64`, `.arm64`). */
export const sourceDecoration = (arch: InfArch): string => arch;
