/**
 * The scenario file format. One zod schema serves twice: it validates files (with errors that
 * name the place) and it emits the JSON Schema that ships as dist/scenario.schema.json.
 */
import { z } from 'zod';
import { CodeError, parseDif, parseStatus } from '../domain/codes.js';
import { DIF_CODES, OS_VERSIONS } from '../domain/difCodes.js';
import { DI_FLAGS, DI_FLAGSEX } from '../domain/flags.js';
import { PROFILE_NAMES } from '../domain/profiles.js';
import { STATUS_CODES } from '../domain/statusCodes.js';

const HEX = /^0x[0-9A-Fa-f]{1,8}$/;

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

const codeOrList = z.union([codeSchema, z.array(codeSchema).min(1)], { error: 'expected a status code or a non-empty list of status codes' });

export const coInstallerBehaviourSchema = z
  .strictObject({
    pre: codeOrList
      .optional()
      .meta({ description: 'Preprocessing answer (default NO_ERROR). A list: the n-th call of the DIF returns item n, the last one repeating.' }),
    privateData: z.json().optional().meta({ description: 'What the co-installer stores in Context.PrivateData (any JSON). Absent: it does not touch it.' }),
    post: z
      .union([z.literal('propagate'), codeSchema])
      .optional()
      .meta({ description: 'Postprocessing answer: "propagate" (default) returns InstallResult; a code overrides it.' }),
  })
  .meta({ id: 'CoInstallerBehaviour' });

export const classInstallerBehaviourSchema = z
  .strictObject({
    returns: codeOrList
      .optional()
      .meta({ description: 'The answer (default ERROR_DI_DO_DEFAULT). A list: the n-th call of the DIF returns item n, the last one repeating.' }),
  })
  .meta({ id: 'ClassInstallerBehaviour' });

const installerName = z
  .string()
  .regex(/^\s*[^,\s][^,]*(,.*)?$/, { error: 'expected "dll[,entry]" with a DLL name before any comma' })
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

const flagList = (names: readonly string[], what: string) =>
  z.array(z.enum(names as [string, ...string[]], { error: (i) => `unknown ${what} "${String(i.input)}"` }));

export const deviceSchema = z
  .strictObject({
    description: z.string().optional(),
    hardwareId: z.string().optional(),
    classGuid: z
      .string()
      .regex(/^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/, { error: 'expected a braced GUID such as {4d36e972-e325-11ce-bfc1-08002be10318}' })
      .optional(),
    className: z.string().optional(),
  })
  .meta({ description: 'The device being installed. Absent: calls carry no DeviceInfoData.' });

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    dif: difSchema.optional().meta({ description: 'The DIF `devinst run` dispatches when --dif is not given (default DIF_INSTALLDEVICE).' }),
    device: deviceSchema.optional(),
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
  })
  .meta({ title: 'devinst scenario', description: 'A device, its co-installers and class installer, and how each answers each DIF.' });

export type ScenarioDocument = z.input<typeof scenarioSchema>;

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
