/**
 * fast-check arbitraries for scenario documents (the plain-JSON file format) and DIF values, from
 * scratch. Shipped in devinst/testing and used by devinst's own properties (one copy).
 *
 * Everything is built with `.map` over records/tuples/arrays (no `.chain`), so counterexamples
 * shrink towards: no installers, no flags, NO_ERROR answers, the first common DIF.
 * Installer names are derived from their position ("cc1.dll", "dc2.dll", ...).
 */
import fc from 'fast-check';
import type { DocClassBehaviour as OracleClassBehaviour, DocCoBehaviour as OracleCoBehaviour, DocCode as OracleCode, DocInstaller as OracleInstaller, DocJson as OracleJson, DocProfile as OracleProfile, ScenarioDoc as OracleScenario } from './types.js';

export type { ScenarioDoc } from './types.js';
type ScenarioDoc = OracleScenario;

/** The common DIFs (first one is where DIF values shrink to). */
export const COMMON_DIFS: readonly { readonly name: string; readonly value: number }[] = [
  { name: 'DIF_INSTALLDEVICE', value: 0x02 },
  { name: 'DIF_SELECTDEVICE', value: 0x01 },
  { name: 'DIF_REMOVE', value: 0x05 },
  { name: 'DIF_FIRSTTIMESETUP', value: 0x06 },
  { name: 'DIF_DESTROYPRIVATEDATA', value: 0x0c },
  { name: 'DIF_DETECT', value: 0x0f },
  { name: 'DIF_PROPERTYCHANGE', value: 0x12 },
  { name: 'DIF_UNREMOVE', value: 0x16 },
  { name: 'DIF_ALLOW_INSTALL', value: 0x18 },
  { name: 'DIF_REGISTERDEVICE', value: 0x19 },
  { name: 'DIF_NEWDEVICEWIZARD_FINISHINSTALL', value: 0x1e },
  { name: 'DIF_REGISTER_COINSTALLERS', value: 0x22 },
  { name: 'DIF_ADDPROPERTYPAGE_ADVANCED', value: 0x23 },
  { name: 'DIF_UPDATEDRIVER_UI', value: 0x29 },
  { name: 'DIF_FINISHINSTALL_ACTION', value: 0x2a },
];

/** DIF values: DIF_INSTALLDEVICE most often, the common ones, then anything in 0x01–0x30, then unknown values. */
export const difArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0x02) },
  { weight: 6, arbitrary: fc.constantFrom(...COMMON_DIFS.map((d) => d.value)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x01, max: 0x30 }) },
  { weight: 1, arbitrary: fc.constantFrom(0xdeadbeef, 0x31, 0x100, 0xffffffff) },
);

/** Status values, biased to success; `name` is null where there is no status name. */
const STATUS_ALPHABET: readonly { readonly name: string | null; readonly value: number }[] = [
  { name: 'NO_ERROR', value: 0 },
  { name: 'ERROR_DI_POSTPROCESSING_REQUIRED', value: 0xe0000226 },
  { name: 'ERROR_DI_DO_DEFAULT', value: 0xe000020e },
  { name: 'ERROR_FILE_NOT_FOUND', value: 0x2 },
  { name: 'ERROR_ACCESS_DENIED', value: 0x5 },
  { name: 'ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION', value: 0x5b3 },
  { name: null, value: 0x1234 },
];

/**
 * Which status and how it is written (name, number, hex, signed number). Both are drawn as an
 * index into a weighted table, so shrinking goes to NO_ERROR written by name.
 */
const STATUS_PICK = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6];
const FORM_PICK = [0, 0, 0, 0, 0, 1, 2, 3];
const codeArb: fc.Arbitrary<OracleCode> = fc
  .tuple(fc.integer({ min: 0, max: STATUS_PICK.length - 1 }), fc.integer({ min: 0, max: FORM_PICK.length - 1 }))
  .map(([i, f]): OracleCode => {
    const { name, value } = STATUS_ALPHABET[STATUS_PICK[i]];
    switch (FORM_PICK[f]) {
      case 0:
        return name ?? value;
      case 1:
        return value;
      case 2:
        return '0x' + value.toString(16).toUpperCase();
      default:
        return value | 0; // the signed 32-bit form
    }
  });

/** A code or (sometimes) a list of codes; only the first is used in a single dispatch. Shrinks to a single code. */
const answerArb: fc.Arbitrary<OracleCode | OracleCode[]> = fc
  .tuple(codeArb, fc.option(fc.array(codeArb, { maxLength: 2 }), { freq: 4, nil: undefined }))
  .map(([first, rest]) => (rest === undefined ? first : [first, ...rest]));

/** Small JSON values for Context.PrivateData (no -0, no odd keys). */
const privateDataArb: fc.Arbitrary<OracleJson> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -100, max: 100 }),
  fc.string({ maxLength: 6 }),
  fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
  fc.record({ started: fc.constantFrom('pre', 'x'), n: fc.integer({ min: 0, max: 9 }) }, { requiredKeys: ['started'] }),
);

const coBehaviourArb: fc.Arbitrary<OracleCoBehaviour> = fc
  .record(
    {
      pre: answerArb,
      privateData: privateDataArb,
      post: fc.oneof({ weight: 3, arbitrary: fc.constant<'propagate'>('propagate') }, { weight: 1, arbitrary: codeArb }),
    },
    { requiredKeys: [] },
  )
  .map((b) => b as OracleCoBehaviour);

const classBehaviourArb: fc.Arbitrary<OracleClassBehaviour> = fc
  .record({ returns: answerArb }, { requiredKeys: [] })
  .map((b) => b as OracleClassBehaviour);

/** Keys of an `on` table: "*" (most often), a common DIF by name (DIF_INSTALLDEVICE favoured), or rarely by hex value. */
const onKeyArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('*') },
  { weight: 2, arbitrary: fc.constant('DIF_INSTALLDEVICE') },
  { weight: 3, arbitrary: fc.constantFrom(...COMMON_DIFS.map((d) => d.name)) },
  { weight: 1, arbitrary: fc.constantFrom(...COMMON_DIFS.map((d) => '0x' + d.value.toString(16).toUpperCase())) },
);

/** Identity of an `on` key (so "DIF_INSTALLDEVICE" and "0x2" never appear together). */
function onKeyId(key: string): string {
  if (key === '*') return '*';
  const byName = COMMON_DIFS.find((d) => d.name === key);
  return String(byName ? byName.value : Number.parseInt(key.slice(2), 16));
}

function onArb<B>(behaviour: fc.Arbitrary<B>): fc.Arbitrary<{ [key: string]: B } | undefined> {
  return fc.option(
    fc.uniqueArray(fc.tuple(onKeyArb, behaviour), { maxLength: 3, selector: ([key]) => onKeyId(key) }).map((pairs) => Object.fromEntries(pairs)),
    { freq: 4, nil: undefined },
  );
}

/**
 * How a registration string is written: 0 "dll,Entry", 1 "dll" (default entry), 2 "dll, Entry"
 * (leading space), and for wine only 3 "dll," (empty entry) and 4 "dll,Entry " (trailing space).
 */
function nameStyleArb(profile: OracleProfile): fc.Arbitrary<number> {
  const table = profile === 'wine' ? [0, 0, 0, 0, 1, 2, 3, 4] : [0, 0, 0, 0, 1, 2];
  return fc.integer({ min: 0, max: table.length - 1 }).map((i) => table[i]);
}

function writeName(dll: string, entry: string, style: number): string {
  switch (style) {
    case 0:
      return `${dll},${entry}`;
    case 1:
      return dll;
    case 2:
      return `${dll}, ${entry}`;
    case 3:
      return `${dll},`;
    default:
      return `${dll},${entry} `;
  }
}

function coInstallersArb(profile: OracleProfile, prefix: string, entry: string): fc.Arbitrary<OracleInstaller<OracleCoBehaviour>[]> {
  return fc.array(fc.tuple(nameStyleArb(profile), onArb(coBehaviourArb)), { maxLength: 4 }).map((list) =>
    list.map(([style, on], i) => {
      const name = writeName(`${prefix}${i + 1}.dll`, `${entry}${i + 1}`, style);
      return on === undefined ? { name } : { name, on };
    }),
  );
}

const deviceArb = fc.record(
  {
    description: fc.constant('Toaster Package Sample Toaster'),
    hardwareId: fc.constant('{b85b7c50-6a01-11d2-b841-00c04fad5171}\\MsToaster'),
    classGuid: fc.constant('{B85B7C50-6A01-11d2-B841-00C04FAD5171}'),
    className: fc.constant('TOASTER'),
  },
  { requiredKeys: [] },
);

const FLAG_NAMES = ['DI_NODI_DEFAULTACTION', 'DI_QUIETINSTALL', 'DI_NEEDREBOOT', 'DI_NOFILECOPY'];
const FLAGSEX_NAMES = ['DI_FLAGSEX_CI_FAILED', 'DI_FLAGSEX_SETFAILEDINSTALL', 'DI_FLAGSEX_FINISHINSTALL_ACTION'];
const OS_NAMES = ['vista', 'win7', 'win8', 'win10', 'win11'] as const;
/** DIFs that have a default handler in some profile (targets of `defaultHandlers` overrides). */
const HANDLER_DIFS = [
  'DIF_INSTALLDEVICE',
  'DIF_SELECTDEVICE',
  'DIF_REMOVE',
  'DIF_PROPERTYCHANGE',
  'DIF_UNREMOVE',
  'DIF_REGISTERDEVICE',
  'DIF_REGISTER_COINSTALLERS',
  'DIF_FINISHINSTALL_ACTION',
  'DIF_INSTALLDEVICEFILES',
  'DIF_SELECTBESTCOMPATDRV',
  'DIF_INSTALLINTERFACES',
];

/** Scenario documents for one profile (the profile key is sometimes left to its default in windows). */
export function scenarioDocArb(profile: OracleProfile): fc.Arbitrary<ScenarioDoc> {
  return fc
    .record({
      device: fc.option(deviceArb, { freq: 6, nil: undefined }),
      writeProfile: profile === 'windows' ? fc.boolean() : fc.constant(true),
      os: fc.option(fc.constantFrom(...OS_NAMES), { freq: 4, nil: undefined }),
      flags: fc.option(fc.subarray(FLAG_NAMES), { freq: 4, nil: undefined }),
      flagsEx: fc.option(fc.subarray(FLAGSEX_NAMES), { freq: 2, nil: undefined }),
      classCoInstallers: coInstallersArb(profile, 'cc', 'ClassCoInstall'),
      deviceCoInstallers: coInstallersArb(profile, 'dc', 'DeviceCoInstall'),
      classInstaller: fc.oneof(
        { weight: 1, arbitrary: fc.constant<'absent' | null>('absent') },
        { weight: 1, arbitrary: fc.constant<'absent' | null>(null) },
        { weight: 3, arbitrary: fc.tuple(nameStyleArb(profile), onArb(classBehaviourArb)) },
      ),
      defaultHandlers: fc.option(
        fc.uniqueArray(fc.tuple(fc.constantFrom(...HANDLER_DIFS), codeArb), { maxLength: 3, selector: ([dif]) => dif }).map((pairs) => Object.fromEntries(pairs)),
        { freq: 3, nil: undefined },
      ),
    })
    .map((r): ScenarioDoc => {
      const doc: { -readonly [K in keyof OracleScenario]: OracleScenario[K] } = {};
      if (r.device !== undefined) doc.device = r.device;
      if (r.writeProfile) doc.profile = profile;
      if (r.os !== undefined) doc.os = r.os;
      if (r.flags !== undefined) doc.flags = r.flags;
      if (r.flagsEx !== undefined) doc.flagsEx = r.flagsEx;
      if (r.classCoInstallers.length > 0) doc.classCoInstallers = r.classCoInstallers;
      if (r.deviceCoInstallers.length > 0) doc.deviceCoInstallers = r.deviceCoInstallers;
      if (r.classInstaller === null) doc.classInstaller = null;
      else if (r.classInstaller !== 'absent') {
        const [style, on] = r.classInstaller;
        const name = writeName('ci.dll', 'ClassInstallProc', style);
        doc.classInstaller = on === undefined ? { name } : { name, on };
      }
      if (r.defaultHandlers !== undefined) doc.defaultHandlers = r.defaultHandlers;
      return doc;
    });
}
