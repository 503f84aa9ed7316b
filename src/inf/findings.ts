/**
 * Findings: every problem an INF has is one of these, with the file, line and column it is at,
 * never an exception. Each rule names the public page it comes from.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly source: string;
}

const MS = 'https://learn.microsoft.com/windows-hardware/drivers/install/';
const SYNTAX = `${MS}general-syntax-rules-for-inf-files`;
const WINE_PARSER = 'wine-mirror/wine dlls/setupapi/tests/parser.c (behaviour of SetupOpenInfFile verified on Windows)';

/** Every rule: its severity and its source. docs/inf.md lists them; a test checks it does. */
export const INF_RULES = {
  'encoding-ansi': { severity: 'info', source: SYNTAX },
  'encoding-utf8-no-bom': { severity: 'warning', source: `${SYNTAX}; wine-mirror/wine dlls/setupapi/parser.c (parse_file: the ANSI code page unless a UTF-8 BOM)` },
  'encoding-utf16-no-bom': { severity: 'warning', source: SYNTAX },
  'encoding-utf16be': { severity: 'warning', source: SYNTAX },
  'encoding-mixed': { severity: 'warning', source: SYNTAX },
  'line-outside-section': { severity: 'warning', source: `${SYNTAX}; ${WINE_PARSER}` },
  'unterminated-section-name': { severity: 'error', source: `${SYNTAX}; ${WINE_PARSER}` },
  'text-after-section-name': { severity: 'info', source: WINE_PARSER },
  'section-name-too-long': { severity: 'error', source: WINE_PARSER },
  'unterminated-quote': { severity: 'warning', source: `${SYNTAX}; ${WINE_PARSER}` },
  'pseudo-comment': { severity: 'info', source: SYNTAX },
  'unresolved-string': { severity: 'warning', source: `${MS}inf-strings-section` },
  'template-placeholder': { severity: 'warning', source: 'https://learn.microsoft.com/windows-hardware/drivers/devtest/stampinf-command-options' },
  'unknown-section': { severity: 'warning', source: SYNTAX },
  'missing-version': { severity: 'warning', source: `${MS}inf-version-section` },
  'bad-class-guid': { severity: 'warning', source: `${MS}inf-version-section` },
  'include-not-found': { severity: 'info', source: `${MS}inf-ddinstall-section` },
  'no-manufacturer': { severity: 'info', source: `${MS}inf-manufacturer-section` },
  'no-models-for-platform': { severity: 'error', source: `${MS}inf-manufacturer-section; ${MS}combining-platform-extensions-with-operating-system-versions` },
  'install-section-missing': { severity: 'error', source: `${MS}inf-ddinstall-section` },
  'ignored-coinstallers-section': { severity: 'warning', source: `${MS}inf-ddinstall-coinstallers-section; ${MS}inf-ddinstall-section` },
  'coinstallers32-not-multi-sz': { severity: 'error', source: `${MS}inf-ddinstall-coinstallers-section` },
  'coinstallers32-outside-coinstallers-section': { severity: 'warning', source: `${MS}inf-ddinstall-coinstallers-section; ${MS}registering-a-device-specific-co-installer` },
  'coinstallers32-replaced': { severity: 'warning', source: `${MS}inf-addreg-directive` },
  'class-coinstaller-not-append': { severity: 'warning', source: `${MS}registering-a-class-co-installer` },
  'class-coinstaller-other-class': { severity: 'info', source: `${MS}registering-a-class-co-installer` },
  'class-coinstaller-bad-guid': { severity: 'warning', source: `${MS}registering-a-class-co-installer` },
  'bad-installer-string': { severity: 'warning', source: `${MS}registering-a-device-specific-co-installer` },
  'unknown-registry-root': { severity: 'warning', source: `${MS}inf-addreg-directive` },
  'universal-inf-section': { severity: 'warning', source: `${MS}using-a-universal-inf-file` },
  'no-signature-from-22h2': {
    severity: 'warning',
    source: `${MS}inf-ddinstall-coinstallers-section (MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/includes/inf-section-invalid-22h2.md)`,
  },
  'installer-file-not-in-package': { severity: 'warning', source: `${MS}writing-class-installers-and-co-installers` },
  'class-installer-for-system-class': {
    severity: 'warning',
    source: `${MS}creating-a-new-device-setup-class; ${MS}inf-classinstall32-section; https://learn.microsoft.com/previous-versions/ff553419(v=vs.85)`,
  },
} as const satisfies Record<string, { severity: Severity; source: string }>;

export type InfRule = keyof typeof INF_RULES;

/** Collects findings; positions are 1-based. */
export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  add(file: string, line: number, column: number, rule: InfRule, message: string): void {
    const id = `${file}\0${line}\0${column}\0${rule}\0${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const { severity, source } = INF_RULES[rule];
    this.findings.push({ file, line, column, rule, severity, message, source });
  }
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings in file order (then severity), for printing. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1) || a.line - b.line || a.column - b.column || ORDER[a.severity] - ORDER[b.severity]);
}
