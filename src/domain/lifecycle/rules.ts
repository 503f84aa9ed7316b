/**
 * Guideline rules of the lifecycle (docs/lifecycle.md "Effects"): each breach is a violation with a stable id, a
 * message, the DIF, the installer, and the guideline's source (WDD writing-class-installers-and-co-installers.md unless noted).
 */
const WRITING = 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/writing-class-installers-and-co-installers.md';

export const LIFECYCLE_RULES = {
  'ui-in-noninteractive-context': {
    summary: 'an installer showed a dialog during server-side (non-interactive) processing: the installation hangs',
    source: `${WRITING}; debugging-device-installations--windows-vista-and-later-.md`,
  },
  'ui-during-quiet-install': {
    summary: 'an installer showed UI while DI_QUIETINSTALL was set',
    source: 'MicrosoftDocs/sdk-api sdk-api-src/content/setupapi/ns-setupapi-sp_devinstall_params_a.md',
  },
  'state-kept-in-dll': {
    summary: 'an installer read, in a later DIF, state it had kept in its DLL: the DLL was unloaded and the value is gone',
    source: WRITING,
  },
  'explicit-loadlibrary': {
    summary: 'an installer loaded a DLL explicitly (LoadLibrary)',
    source: WRITING,
  },
  'unsigned-binary-on-x64': {
    summary: 'an installer loaded an unsigned DLL or started an unsigned program on 64-bit Windows: it is blocked',
    source: WRITING,
  },
  'process-outside-finish-install': {
    summary: 'an installer started a process outside a finish-install action',
    source: `${WRITING}; guidelines-for-writing-device-installation-applications.md`,
  },
  'process-not-awaited': {
    summary: 'an installer started a process in a finish-install action without waiting for it to exit',
    source: `${WRITING}; guidelines-for-starting-device-installation-applications-through-co-in.md`,
  },
  'finish-install-flag-outside-finishinstall-dif': {
    summary: 'an installer set DI_FLAGSEX_FINISHINSTALL_ACTION during a DIF other than DIF_NEWDEVICEWIZARD_FINISHINSTALL: it has no effect there',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/how-finish-install-actions-are-processed.md; setting-the-configflag-finishinstall-action-device-configuration-flag.md',
  },
  'coinstaller-called-default-handler': {
    summary: 'a co-installer called a default DIF handler, bypassing the other installers',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/calling-the-default-dif-code-handlers.md; calling-setupapi-functions.md',
  },
  'too-many-property-pages': {
    summary: 'installers added more than MAX_INSTALLWIZARD_DYNAPAGES (20) dynamic pages; the extra pages are dropped',
    source: 'MicrosoftDocs/windows-driver-docs windows-driver-docs-pr/install/creating-custom-property-pages.md; dif-addpropertypage-advanced.md',
  },
} as const;

export type LifecycleRuleId = keyof typeof LIFECYCLE_RULES;

/** MAX_INSTALLWIZARD_DYNAPAGES (Wine include/setupapi.h; Wine include/setupapi.h; MinGW regstr.h). */
export const MAX_DYNAMIC_PAGES = 20;
