/**
 * The scenario file format. One zod schema serves twice: it validates files (with errors that
 * name the place) and it emits the JSON Schema that ships as dist/scenario.schema.json.
 */
import { z } from 'zod';
import { CodeError, parseDif, parseStatus } from '../domain/codes.js';
import { DIF_CODES, OS_VERSIONS } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX } from '../domain/flags.js';
import { ARCHITECTURES, SEQUENCE_NAMES, TIMELINE_EVENT_TYPES, type EffectType } from '../domain/lifecycle/types.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { STATUS_CODES } from '../domain/statusCodes.js';

const HEX = /^0x[0-9A-Fa-f]{1,8}$/;

/** An installer's registration string "dll[,entry]": a DLL name before any comma (quickScenario.ts tests the same pattern). */
export const INSTALLER_NAME = /^\s*[^,\s][^,]*(,.*)?$/;
/** A braced GUID, as a device's classGuid. */
export const CLASS_GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

function codeChecker(parse: (input: string | number) => number) {
  return (input: string | number, ctx: z.core.$RefinementCtx<string | number>) => {
    try {
      parse(input);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error), input });
    }
  };
}

const numberOrText = (what: string) =>
  z.union([z.string(), z.number()], { error: `expected ${what}: a name, a number or a "0x…" hex string` });

/** A status code: a name such as "ERROR_DI_DO_DEFAULT", an integer, or a hex string "0xE000020E". */
export const codeSchema = numberOrText('a status code')
  .superRefine(codeChecker(parseStatus))
  .meta({ description: 'A status code: a name such as "ERROR_DI_DO_DEFAULT", an integer, or a hex string such as "0xE000020E".' });

/** A DIF code: a DIF name, an integer or a hex string (unknown values are passed to installers). */
export const difSchema = numberOrText('a DIF code')
  .superRefine(codeChecker(parseDif))
  .meta({ description: 'A DIF code: a name such as "DIF_INSTALLDEVICE", an integer, or a hex string.' });

/** What the JSON Schema says a code is: the known names, a hex string, or an integer. */
function codeJsonSchema(names: readonly string[], description: string): Record<string, unknown> {
  return {
    description,
    anyOf: [
      { type: 'string', enum: [...names] },
      { type: 'string', pattern: HEX.source },
      { type: 'integer', minimum: -0x80000000, maximum: 0xffffffff },
    ],
  };
}

/**
 * Any JSON value: one schema, so the JSON Schema defines it once. Registered rather than given
 * .meta(), which would describe a copy while the recursion refers to the original.
 */
const jsonValue = z.json().register(z.globalRegistry, { id: 'Json', description: 'Any JSON value.' });

const codeOrList = z.union([codeSchema, z.array(codeSchema).min(1)], { error: 'expected a status code or a non-empty list of status codes' });

const flagList = (names: readonly string[], what: string) =>
  z.array(z.enum(names as [string, ...string[]], { error: (i) => `unknown ${what} "${String(i.input)}"` }));

const diFlagNames = () => flagList(DI_FLAGS.map((f) => f.name), 'DI_ flag');
const diFlagExNames = () => flagList(DI_FLAGSEX.map((f) => f.name), 'DI_FLAGSEX_ flag');

/** What `choose` decides about an input: the option it means, or what is wrong with it. */
type Choice = z.ZodType | { readonly message: string; readonly path?: readonly (string | number)[] };

/**
 * A union whose errors are about the option the input means. A failed plain union reports one
 * "Invalid input"; here `choose` picks the option from the input's shape (or says what is wrong)
 * and that option's own issues are reported, with their paths. The JSON Schema is the union's.
 */
function chosenUnion<U extends z.ZodType>(union: U, choose: (input: unknown) => Choice) {
  return z.preprocess((input: z.input<U>, ctx) => {
    const choice = choose(input);
    if (!(choice instanceof z.ZodType)) {
      ctx.addIssue({ code: 'custom', message: choice.message, path: [...(choice.path ?? [])], input });
      return input;
    }
    const result = choice.safeParse(input, { reportInput: true });
    for (const issue of result.error?.issues ?? []) {
      // An unknown key is reported as such; as a custom issue it also stops the pipe before the union.
      if (issue.code === 'unrecognized_keys') {
        ctx.addIssue({ code: 'custom', message: `unknown key "${issue.keys[0]}"`, path: [...issue.path, issue.keys[0]], input: issue.input });
      } else {
        ctx.issues.push(issue as z.core.$ZodRawIssue);
      }
    }
    return input;
  }, union);
}

const isRecord = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

const phaseSchema = z
  .enum(['pre', 'post'])
  .optional()
  .meta({ description: 'When the effect happens: "pre" (default) in preprocessing, "post" in postprocessing. A class installer has one call: it accepts phase and ignores it.' });

function effectObject<K extends EffectType, V extends z.ZodType>(key: K, value: V, description: string) {
  const shape = { [key]: value.meta({ description }), phase: phaseSchema } as { [P in K]: V } & { phase: typeof phaseSchema };
  return z.strictObject(shape).meta({ title: key, description });
}

const propertyValue = (what: string) =>
  z.strictObject({
    name: z.string().min(1, { error: `expected a non-empty ${what} name` }),
    value: jsonValue,
  });

const nonEmptyText = (what: string) => z.string().min(1, { error: `expected a non-empty ${what}` });

const trueOnly = (key: string) => z.literal(true, { error: `expected true (or write the bare string "${key}")` });

/** One schema per effect key: an object with that key and an optional phase. */
const EFFECT_OBJECTS = {
  setFlags: effectObject('setFlags', diFlagNames(), 'Sets SP_DEVINSTALL_PARAMS.Flags (DI_ flag names).'),
  clearFlags: effectObject('clearFlags', diFlagNames(), 'Clears SP_DEVINSTALL_PARAMS.Flags (DI_ flag names).'),
  setFlagsEx: effectObject('setFlagsEx', diFlagExNames(), 'Sets SP_DEVINSTALL_PARAMS.FlagsEx (DI_FLAGSEX_ flag names).'),
  clearFlagsEx: effectObject('clearFlagsEx', diFlagExNames(), 'Clears SP_DEVINSTALL_PARAMS.FlagsEx (DI_FLAGSEX_ flag names).'),
  writeProperty: effectObject('writeProperty', propertyValue('property'), 'Writes a property to the device\'s driver key: {"name", "value"}.'),
  readProperty: effectObject('readProperty', nonEmptyText('property name'), 'Reads a driver-key property (its name).'),
  keepInDll: effectObject('keepInDll', propertyValue('value'), 'Keeps a value in the installer DLL\'s global state: {"name", "value"}. It is gone once the DLL is unloaded after the DIF.'),
  readFromDll: effectObject('readFromDll', nonEmptyText('value name'), 'Reads a value the installer kept in its DLL (its name).'),
  showDialog: effectObject('showDialog', trueOnly('showDialog'), 'Shows a dialog (true). Shorthand: the string "showDialog".'),
  startProcess: effectObject(
    'startProcess',
    z.strictObject({
      image: nonEmptyText('program image'),
      wait: z.boolean().optional().meta({ description: 'Waits for the process to exit (default true).' }),
      signed: z.boolean().optional().meta({ description: 'The program is signed (default true).' }),
    }),
    'Starts a process: {"image", "wait" (default true), "signed" (default true)}.',
  ),
  loadLibrary: effectObject(
    'loadLibrary',
    z.strictObject({
      dll: nonEmptyText('DLL name'),
      signed: z.boolean().optional().meta({ description: 'The DLL is signed (default true).' }),
    }),
    'Loads a DLL explicitly: {"dll", "signed" (default true)}.',
  ),
  addPropertyPages: effectObject('addPropertyPages', z.int({ error: 'expected a positive integer (the number of pages)' }).positive({ error: 'expected a positive integer (the number of pages)' }), 'Adds this many dynamic property pages.'),
  callDefaultHandler: effectObject('callDefaultHandler', trueOnly('callDefaultHandler'), 'Calls the DIF\'s default handler itself (true). Shorthand: the string "callDefaultHandler".'),
  finishInstallWork: effectObject(
    'finishInstallWork',
    z.strictObject({ succeeds: z.boolean().meta({ description: 'Whether the finish-install work succeeds.' }) }),
    'Does finish-install work: {"succeeds"}.',
  ),
} satisfies Record<EffectType, z.ZodType>;

/** The effect keys, in the order of the Effect type. */
const EFFECT_KEYS = Object.keys(EFFECT_OBJECTS) as EffectType[];

const EFFECT_SHORTHANDS = ['showDialog', 'callDefaultHandler'] as const;
const effectShorthand = z.enum(EFFECT_SHORTHANDS).meta({ description: 'Shorthand for {"showDialog": true} and {"callDefaultHandler": true} (phase "pre").' });

const effectUnion = z.union([
  effectShorthand,
  EFFECT_OBJECTS.setFlags,
  EFFECT_OBJECTS.clearFlags,
  EFFECT_OBJECTS.setFlagsEx,
  EFFECT_OBJECTS.clearFlagsEx,
  EFFECT_OBJECTS.writeProperty,
  EFFECT_OBJECTS.readProperty,
  EFFECT_OBJECTS.keepInDll,
  EFFECT_OBJECTS.readFromDll,
  EFFECT_OBJECTS.showDialog,
  EFFECT_OBJECTS.startProcess,
  EFFECT_OBJECTS.loadLibrary,
  EFFECT_OBJECTS.addPropertyPages,
  EFFECT_OBJECTS.callDefaultHandler,
  EFFECT_OBJECTS.finishInstallWork,
]);

const isEffectKey = (key: string): key is EffectType => Object.hasOwn(EFFECT_OBJECTS, key);
const effectKeyList = EFFECT_KEYS.join(', ');

function chooseEffect(input: unknown): Choice {
  if (typeof input === 'string') {
    if ((EFFECT_SHORTHANDS as readonly string[]).includes(input)) return effectShorthand;
    if (isEffectKey(input)) return { message: `effect "${input}" needs a value: write {"${input}": …} (only "showDialog" and "callDefaultHandler" may be bare strings)` };
    return { message: `unknown effect "${input}" (expected one of ${effectKeyList})` };
  }
  if (!isRecord(input)) return { message: `expected an effect: an object naming one of ${effectKeyList}, or "showDialog" or "callDefaultHandler"` };
  const keys = Object.keys(input).filter((key) => key !== 'phase');
  const unknown = keys.find((key) => !isEffectKey(key));
  if (unknown !== undefined) return { path: [unknown], message: `unknown effect "${unknown}" (expected one of ${effectKeyList})` };
  if (keys.length !== 1) return { message: `an effect names exactly one of ${effectKeyList} (found ${keys.length > 0 ? keys.join(', ') : 'phase' in input ? 'only phase' : 'none'})` };
  return EFFECT_OBJECTS[keys[0] as EffectType];
}

/** An installer effect: an object with exactly one effect key and an optional phase, or a shorthand string. */
export const effectSchema = chosenUnion(effectUnion, chooseEffect).meta({
  id: 'Effect',
  description: 'What an installer does besides answering: an object with exactly one effect key (and optionally "phase"), or the string "showDialog" or "callDefaultHandler".',
});

const effectsSchema = z
  .array(effectSchema)
  .optional()
  .meta({ description: 'What the installer does besides answering, in order (docs/lifecycle.md). Default: nothing.' });

export const coInstallerBehaviourSchema = z
  .strictObject({
    pre: codeOrList
      .optional()
      .meta({ description: 'Preprocessing answer (default NO_ERROR). A list: the n-th call of the DIF returns item n, the last one repeating.' }),
    privateData: jsonValue.optional().meta({ description: 'What the co-installer stores in Context.PrivateData (any JSON). Absent: it does not touch it.' }),
    post: z
      .union([z.literal('propagate'), codeSchema])
      .optional()
      .meta({ description: 'Postprocessing answer: "propagate" (default) returns InstallResult; a code overrides it.' }),
    effects: effectsSchema,
  })
  .meta({ id: 'CoInstallerBehaviour' });

export const classInstallerBehaviourSchema = z
  .strictObject({
    returns: codeOrList
      .optional()
      .meta({ description: 'The answer (default ERROR_DI_DO_DEFAULT). A list: the n-th call of the DIF returns item n, the last one repeating.' }),
    effects: effectsSchema,
  })
  .meta({ id: 'ClassInstallerBehaviour' });

const installerName = z
  .string()
  .regex(INSTALLER_NAME, { error: 'expected "dll[,entry]" with a DLL name before any comma' })
  .meta({ description: 'The registration string "dll[,entry]".' });

function onKeys(value: Record<string, unknown>, ctx: z.core.$RefinementCtx<Record<string, unknown>>) {
  for (const key of Object.keys(value)) {
    if (key === '*') continue;
    try {
      parseDif(key);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: [key], message: error instanceof Error ? error.message : String(error), input: key });
    }
  }
}

function installerSchema<B extends z.ZodType>(behaviour: B, id: string) {
  return z
    .strictObject({
      name: installerName,
      on: z
        .record(z.string(), behaviour)
        .superRefine(onKeys)
        .optional()
        .meta({ description: 'Behaviour per DIF name (or "0x…" value); "*" covers every DIF not listed.' }),
    })
    .meta({ id });
}

export const coInstallerSchema = installerSchema(coInstallerBehaviourSchema, 'CoInstaller');
export const classInstallerSchema = installerSchema(classInstallerBehaviourSchema, 'ClassInstaller');

export const deviceSchema = z
  .strictObject({
    description: z.string().optional(),
    hardwareId: z.string().optional(),
    classGuid: z
      .string()
      .regex(CLASS_GUID, { error: 'expected a braced GUID such as {4d36e972-e325-11ce-bfc1-08002be10318}' })
      .optional(),
    className: z.string().optional(),
  })
  .meta({ description: 'The device being installed. Absent: calls carry no DeviceInfoData.' });

const sequenceList = `${SEQUENCE_NAMES.join(', ')}, or a non-empty list of DIF codes`;
const sequenceName = z.enum(SEQUENCE_NAMES, {
  error: (i) => (typeof i.input === 'string' ? `unknown sequence "${i.input}" (expected ${sequenceList})` : `expected a sequence: ${sequenceList}`),
});
const difList = z.array(difSchema).min(1, { error: 'expected a non-empty list of DIF codes' });

export const sequenceSchema = chosenUnion(z.union([sequenceName, difList]), (input) => (Array.isArray(input) ? difList : sequenceName)).meta({
  description: 'The DIFs the installation sends: "hardware-first" (default), "reinstall", "remove", "properties", or an explicit non-empty list of DIF codes.',
});

const adminSchema = z.boolean().meta({ description: 'The user is an administrator.' });
const timelineEvent = <T extends (typeof TIMELINE_EVENT_TYPES)[number]>(type: T, description: string) =>
  z.strictObject({ type: z.literal(type) }).meta({ description });
const timelineEventWithAdmin = <T extends (typeof TIMELINE_EVENT_TYPES)[number]>(type: T, description: string) =>
  z.strictObject({ type: z.literal(type), admin: adminSchema }).meta({ description });

function timelineEventError(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return 'expected a timeline event: an object such as {"type": "user.loggedOff"}';
  if (issue.code !== 'invalid_union') return undefined;
  const type = isRecord(issue.input) ? issue.input.type : undefined;
  const expected = `expected one of ${TIMELINE_EVENT_TYPES.join(', ')}`;
  return type === undefined ? `missing required key "type" (${expected})` : `unknown timeline event ${JSON.stringify(type)} (${expected})`;
}

export const timelineEventSchema = z
  .discriminatedUnion(
    'type',
    [
      timelineEventWithAdmin('user.loggedOn', 'A user logs on (an administrator or not).'),
      timelineEvent('user.loggedOff', 'The user logs off.'),
      timelineEvent('device.reenumerated', 'The device is re-enumerated.'),
      timelineEvent('device.reattached', 'The device is unplugged and plugged in again.'),
      timelineEvent('system.restarted', 'The system restarts.'),
      timelineEventWithAdmin('user.finishInstallRequested', 'A user asks to finish the installation (an administrator or not).'),
    ],
    { error: timelineEventError },
  )
  .meta({ id: 'TimelineEvent', description: 'Something that happens after core installation.' });

export const sessionSchema = z
  .strictObject({ admin: adminSchema })
  .nullable()
  .meta({ description: 'Who is logged on when core installation ends: {"admin": true|false}; null or absent: nobody.' });

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    dif: difSchema.optional().meta({ description: 'The DIF `devinst run` dispatches when --dif is not given (default DIF_INSTALLDEVICE).' }),
    device: deviceSchema
      .nullable()
      .optional()
      .meta({ description: 'The device the DIF is about (its DeviceInfoData); null or absent: no DeviceInfoData, as for a class-wide request.' }),
    profile: z.enum(PROFILE_NAMES).optional().meta({ description: 'Semantics profile (default "windows").' }),
    os: z.enum(OS_VERSIONS).optional().meta({ description: 'Windows version (default "win10"). Matters for DIF_FINISHINSTALL_ACTION.' }),
    flags: flagList(
      DI_FLAGS.map((f) => f.name),
      'DI_ flag',
    )
      .optional()
      .meta({ description: 'SP_DEVINSTALL_PARAMS.Flags set when the DIF is sent.' }),
    flagsEx: flagList(
      DI_FLAGSEX.map((f) => f.name),
      'DI_FLAGSEX_ flag',
    )
      .optional()
      .meta({ description: 'SP_DEVINSTALL_PARAMS.FlagsEx set when the DIF is sent.' }),
    classCoInstallers: z.array(coInstallerSchema).optional(),
    deviceCoInstallers: z.array(coInstallerSchema).optional(),
    classInstaller: classInstallerSchema.nullable().optional(),
    defaultHandlers: z
      .record(z.string(), codeSchema)
      .superRefine(onKeys)
      .optional()
      .meta({ description: 'Default handler results by DIF name; "*" covers every DIF not listed; otherwise a handler succeeds (NO_ERROR).' }),
    sequence: sequenceSchema.optional(),
    timeline: z.array(timelineEventSchema).optional().meta({ description: 'Events after core installation, in order (default none).' }),
    session: sessionSchema.optional(),
    arch: z.enum(ARCHITECTURES).optional().meta({ description: 'Processor architecture (default "x64"). On x64 unsigned programs and DLLs are blocked.' }),
    registerCoInstallers: codeSchema
      .optional()
      .meta({ description: 'The result of DIF_REGISTER_COINSTALLERS\'s default handler (SetupDiRegisterCoDeviceInstallers); default NO_ERROR.' }),
    selectedDriverChangesClass: z
      .union([
        z.boolean(),
        z.strictObject({
          previousClass: z
            .strictObject({
              classInstaller: classInstallerSchema.nullable().optional().meta({ description: 'The old class\'s class installer (absent or null: none).' }),
              classCoInstallers: z.array(coInstallerSchema).optional().meta({ description: 'The old class\'s class co-installers (absent: none).' }),
            })
            .meta({ description: 'The installers of the class the device had before the driver was selected; they answer DIF_SELECTBESTCOMPATDRV and the nested DIF_DESTROYPRIVATEDATA. classInstaller and classCoInstallers are the new class\'s.' }),
        }),
      ])
      .optional()
      .meta({
        description:
          'Selecting the driver (DIF_SELECTBESTCOMPATDRV\'s default handler) changes the device\'s setup class: the loaded installer list gets a nested DIF_DESTROYPRIVATEDATA and the new class\'s installers take part from the next DIF on. true: both classes have the same installers; {"previousClass": {…}}: the old class\'s (default false).',
      }),
  })
  .meta({ title: 'devinst scenario', description: 'A device, its co-installers and class installer, and how each answers each DIF.' });

export type ScenarioDocument = z.input<typeof scenarioSchema>;
/** An installer effect as written in a scenario file. */
export type EffectDocument = z.input<typeof effectSchema>;

/** The JSON Schema of scenario files. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const replace = (target: Record<string, unknown>, by: Record<string, unknown>) => {
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, by);
  };
  return z.toJSONSchema(scenarioSchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const json = ctx.jsonSchema as Record<string, unknown>;
      if (ctx.zodSchema === codeSchema) {
        replace(json, codeJsonSchema(['ERROR_SUCCESS', ...STATUS_CODES.map((c) => c.name)], String(json.description)));
      } else if (ctx.zodSchema === difSchema) {
        replace(json, codeJsonSchema(DIF_CODES.map((d) => d.name), String(json.description)));
      }
    },
  }) as Record<string, unknown>;
}
