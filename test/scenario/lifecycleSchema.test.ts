/**
 * The lifecycle keys (docs/lifecycle.md) in the scenario format: sequence, timeline, session, arch,
 * registerCoInstallers, and installer effects. Valid documents normalise to the domain's
 * LifecycleSpec and Effect values (src/domain/lifecycle/types.ts); bad ones are ONE-line
 * InputErrors naming `file:line:col:` and the JSON path.
 *
 * Documents are written as JSON text, line by line, so every line and column below can be
 * counted in the source.
 */
import { InputError } from '../../src/errors.js';
import { parseJsonText } from '../../src/scenario/jsonText.js';
import { validateScenario } from '../../src/scenario/load.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';

const FILE = 'lifecycle.json';

function load(lines: readonly string[]) {
  const text = lines.join('\n');
  return validateScenario(parseJsonText(FILE, text).value, { file: FILE, text }).scenario;
}

/** The message of the InputError that validating `lines` throws; it must be one line. */
function errorOf(lines: readonly string[]): string {
  let thrown: unknown;
  try {
    load(lines);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  const message = (thrown as InputError).message;
  expect(message).not.toContain('\n');
  return message;
}

/** A document whose first class co-installer has `effects` for DIF_INSTALLDEVICE; the effects start on line 7. */
function coEffects(...effects: string[]): string[] {
  return [
    '{',
    '  "classCoInstallers": [',
    '    {',
    '      "name": "co.dll,CoInstall",',
    '      "on": {',
    '        "DIF_INSTALLDEVICE": {',
    '          "effects": [',
    ...effects.map((e, i) => `            ${e}${i < effects.length - 1 ? ',' : ''}`),
    '          ]',
    '        }',
    '      }',
    '    }',
    '  ]',
    '}',
  ];
}

const EFFECT_KEYS =
  'setFlags, clearFlags, setFlagsEx, clearFlagsEx, writeProperty, readProperty, keepInDll, readFromDll, showDialog, startProcess, loadLibrary, addPropertyPages, callDefaultHandler, finishInstallWork';
const TIMELINE_TYPES = 'user.loggedOn, user.loggedOff, device.reenumerated, device.reattached, system.restarted, user.finishInstallRequested';

describe('lifecycle keys: valid documents', () => {
  it('should fill in the defaults when no lifecycle key is given', () => {
    // given a scenario with none of the new keys and a co-installer without effects
    const scenario = load(['{', '  "classCoInstallers": [{ "name": "co.dll", "on": { "*": { "pre": "NO_ERROR" } } }]', '}']);
    // then the lifecycle is the documented default and the behaviour has no effects
    expect(scenario.lifecycle).toEqual({ sequence: 'hardware-first', timeline: [], session: null, arch: 'x64', registerCoInstallers: 0 });
    expect(scenario.classCoInstallers[0].on.get('*')?.effects).toEqual([]);
  });

  it('should normalise a named sequence, every timeline event, a session, the architecture and registerCoInstallers', () => {
    // given every lifecycle key
    const scenario = load([
      '{',
      '  "sequence": "reinstall",',
      '  "timeline": [',
      '    { "type": "user.loggedOn", "admin": false },',
      '    { "type": "user.loggedOff" },',
      '    { "type": "device.reenumerated" },',
      '    { "type": "device.reattached" },',
      '    { "type": "system.restarted" },',
      '    { "type": "user.finishInstallRequested", "admin": true }',
      '  ],',
      '  "session": { "admin": true },',
      '  "arch": "x86",',
      '  "registerCoInstallers": "ERROR_DI_DO_DEFAULT"',
      '}',
    ]);
    // then they are normalised as written, the status code resolved to its value
    expect(scenario.lifecycle).toEqual({
      sequence: 'reinstall',
      timeline: [
        { type: 'user.loggedOn', admin: false },
        { type: 'user.loggedOff' },
        { type: 'device.reenumerated' },
        { type: 'device.reattached' },
        { type: 'system.restarted' },
        { type: 'user.finishInstallRequested', admin: true },
      ],
      session: { admin: true },
      arch: 'x86',
      registerCoInstallers: 0xe000020e,
    });
  });

  it('should resolve an explicit sequence of DIF names, numbers and hex strings to DIF values', () => {
    const scenario = load(['{ "sequence": ["DIF_SELECTBESTCOMPATDRV", 2, "0x19"] }']);
    expect(scenario.lifecycle.sequence).toEqual([0x17, 2, 0x19]);
  });

  it('should read "session": null as nobody logged on', () => {
    expect(load(['{ "session": null }']).lifecycle.session).toBeNull();
  });

  it('should normalise every co-installer effect, filling in phase "pre", wait and signed', () => {
    // given one effect of each kind, some in postprocessing, and both shorthand strings
    const scenario = load(
      coEffects(
        '{ "setFlags": ["DI_QUIETINSTALL", "DI_NEEDREBOOT"] }',
        '{ "clearFlags": ["DI_NOVCP"], "phase": "post" }',
        '{ "setFlagsEx": ["DI_FLAGSEX_FINISHINSTALL_ACTION"] }',
        '{ "clearFlagsEx": ["DI_FLAGSEX_CI_FAILED"], "phase": "pre" }',
        '{ "writeProperty": { "name": "Mode", "value": { "fast": [1, null] } } }',
        '{ "readProperty": "Mode", "phase": "post" }',
        '{ "keepInDll": { "name": "handle", "value": 7 } }',
        '{ "readFromDll": "handle" }',
        '{ "showDialog": true }',
        '{ "startProcess": { "image": "setup.exe" } }',
        '{ "startProcess": { "image": "helper.exe", "wait": false, "signed": false }, "phase": "post" }',
        '{ "loadLibrary": { "dll": "extra.dll" } }',
        '{ "loadLibrary": { "dll": "unsigned.dll", "signed": false } }',
        '{ "addPropertyPages": 3 }',
        '{ "callDefaultHandler": true, "phase": "post" }',
        '{ "finishInstallWork": { "succeeds": false } }',
        '"showDialog"',
        '"callDefaultHandler"',
      ),
    );
    // then each becomes its Effect, in order
    expect(scenario.classCoInstallers[0].on.get(2)?.effects).toEqual([
      { type: 'setFlags', flags: ['DI_QUIETINSTALL', 'DI_NEEDREBOOT'], phase: 'pre' },
      { type: 'clearFlags', flags: ['DI_NOVCP'], phase: 'post' },
      { type: 'setFlagsEx', flags: ['DI_FLAGSEX_FINISHINSTALL_ACTION'], phase: 'pre' },
      { type: 'clearFlagsEx', flags: ['DI_FLAGSEX_CI_FAILED'], phase: 'pre' },
      { type: 'writeProperty', name: 'Mode', value: { fast: [1, null] }, phase: 'pre' },
      { type: 'readProperty', name: 'Mode', phase: 'post' },
      { type: 'keepInDll', name: 'handle', value: 7, phase: 'pre' },
      { type: 'readFromDll', name: 'handle', phase: 'pre' },
      { type: 'showDialog', phase: 'pre' },
      { type: 'startProcess', image: 'setup.exe', wait: true, signed: true, phase: 'pre' },
      { type: 'startProcess', image: 'helper.exe', wait: false, signed: false, phase: 'post' },
      { type: 'loadLibrary', dll: 'extra.dll', signed: true, phase: 'pre' },
      { type: 'loadLibrary', dll: 'unsigned.dll', signed: false, phase: 'pre' },
      { type: 'addPropertyPages', count: 3, phase: 'pre' },
      { type: 'callDefaultHandler', phase: 'post' },
      { type: 'finishInstallWork', succeeds: false, phase: 'pre' },
      { type: 'showDialog', phase: 'pre' },
      { type: 'callDefaultHandler', phase: 'pre' },
    ]);
  });

  it('should accept effects in a class installer behaviour, phase included', () => {
    const scenario = load([
      '{',
      '  "classInstaller": {',
      '    "name": "ci.dll,ClassInstall",',
      '    "on": { "*": { "returns": "NO_ERROR", "effects": ["callDefaultHandler", { "addPropertyPages": 1, "phase": "post" }] } }',
      '  }',
      '}',
    ]);
    expect(scenario.classInstaller?.on.get('*')).toEqual({
      returns: [0],
      effects: [
        { type: 'callDefaultHandler', phase: 'pre' },
        { type: 'addPropertyPages', count: 1, phase: 'post' },
      ],
    });
  });
});

describe('lifecycle keys: errors name file:line:col and the JSON path', () => {
  it('should refuse an effect that names two effect keys', () => {
    const message = errorOf(coEffects('"showDialog"', '{ "writeProperty": { "name": "a", "value": 1 }, "readProperty": "a" }'));
    expect(message).toBe(
      `lifecycle.json:9:13: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[1]: an effect names exactly one of ${EFFECT_KEYS} (found writeProperty, readProperty)`,
    );
  });

  it('should refuse an effect that names no effect key', () => {
    expect(errorOf(coEffects('{ "phase": "post" }'))).toBe(
      `lifecycle.json:8:13: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0]: an effect names exactly one of ${EFFECT_KEYS} (found only phase)`,
    );
  });

  it('should refuse an unknown effect key, pointing at the key', () => {
    expect(errorOf(coEffects('{ "openWindow": true }'))).toBe(
      `lifecycle.json:8:15: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].openWindow: unknown effect "openWindow" (expected one of ${EFFECT_KEYS})`,
    );
  });

  it('should refuse a bare string that is not a shorthand effect', () => {
    expect(errorOf(coEffects('"openWindow"'))).toBe(
      `lifecycle.json:8:13: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0]: unknown effect "openWindow" (expected one of ${EFFECT_KEYS})`,
    );
    expect(errorOf(coEffects('"setFlags"'))).toBe(
      'lifecycle.json:8:13: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0]: effect "setFlags" needs a value: write {"setFlags": …} (only "showDialog" and "callDefaultHandler" may be bare strings)',
    );
  });

  it('should report a bad value at the place inside the effect it is wrong', () => {
    // an unknown flag: the second item of setFlags
    expect(errorOf(coEffects('{ "setFlags": ["DI_QUIETINSTALL", "DI_QUIET"] }'))).toBe(
      'lifecycle.json:8:47: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].setFlags[1]: unknown DI_ flag "DI_QUIET"',
    );
    // a missing key in a value object
    expect(errorOf(coEffects('{ "keepInDll": { "name": "a" } }'))).toBe(
      'lifecycle.json:8:15: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].keepInDll.value: missing required key "value"',
    );
    // an unknown key in a value object
    expect(errorOf(coEffects('{ "startProcess": { "image": "a.exe", "detached": true } }'))).toBe(
      'lifecycle.json:8:51: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].startProcess.detached: unknown key "detached"',
    );
    // a count that is not a positive integer
    expect(errorOf(coEffects('{ "addPropertyPages": 0 }'))).toBe(
      'lifecycle.json:8:15: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].addPropertyPages: expected a positive integer (the number of pages)',
    );
  });

  it('should refuse an unknown phase', () => {
    expect(errorOf(coEffects('{ "showDialog": true, "phase": "during" }'))).toBe(
      'lifecycle.json:8:35: classCoInstallers[0].on.DIF_INSTALLDEVICE.effects[0].phase: Invalid option: expected one of "pre"|"post"',
    );
  });

  it('should refuse an unknown timeline event type, pointing at its type', () => {
    const message = errorOf(['{', '  "timeline": [', '    { "type": "user.loggedOff" },', '    { "type": "system.restarted" },', '    { "type": "user.logon", "admin": true }', '  ]', '}']);
    expect(message).toBe(`lifecycle.json:5:7: timeline[2].type: unknown timeline event "user.logon" (expected one of ${TIMELINE_TYPES})`);
  });

  it('should refuse a timeline event without a type, or without its admin, or with a key it does not take', () => {
    expect(errorOf(['{ "timeline": [{ "admin": true }] }'])).toBe(`lifecycle.json:1:16: timeline[0].type: missing required key "type" (expected one of ${TIMELINE_TYPES})`);
    expect(errorOf(['{ "timeline": [{ "type": "user.finishInstallRequested" }] }'])).toBe('lifecycle.json:1:16: timeline[0].admin: missing required key "admin"');
    expect(errorOf(['{ "timeline": [{ "type": "system.restarted", "admin": true }] }'])).toBe('lifecycle.json:1:46: timeline[0].admin: unknown key "admin"');
  });

  it('should refuse an unknown sequence name, an empty DIF list and an unknown DIF in the list', () => {
    expect(errorOf(['{', '  "sequence": "reinstal"', '}'])).toBe(
      'lifecycle.json:2:3: sequence: unknown sequence "reinstal" (expected hardware-first, reinstall, remove, properties, or a non-empty list of DIF codes)',
    );
    expect(errorOf(['{', '  "sequence": []', '}'])).toBe('lifecycle.json:2:3: sequence: expected a non-empty list of DIF codes');
    expect(errorOf(['{', '  "sequence": ["DIF_INSTALLDEVICE", "DIF_NOPE"]', '}'])).toMatch(/^lifecycle\.json:2:37: sequence\[1\]: unknown DIF code name "DIF_NOPE"/);
  });

  it('should refuse a bad session, architecture and registerCoInstallers code', () => {
    expect(errorOf(['{', '  "session": { "admin": "yes" }', '}'])).toBe('lifecycle.json:2:16: session.admin: Invalid input: expected boolean, received string');
    expect(errorOf(['{', '  "session": {}', '}'])).toBe('lifecycle.json:2:3: session.admin: missing required key "admin"');
    expect(errorOf(['{', '  "arch": "arm64"', '}'])).toBe('lifecycle.json:2:3: arch: Invalid option: expected one of "x64"|"x86"');
    expect(errorOf(['{', '  "registerCoInstallers": "ERROR_NOPE"', '}'])).toMatch(/^lifecycle\.json:2:3: registerCoInstallers: unknown status code name "ERROR_NOPE"/);
  });
});

describe('lifecycle keys: the JSON Schema', () => {
  it('should offer effects to editors as an anyOf of the shorthand strings and one object shape per effect key', () => {
    const defs = (scenarioJsonSchema() as { $defs: Record<string, { anyOf: Record<string, unknown>[] }> }).$defs;
    const [shorthand, ...objects] = defs.Effect.anyOf;
    expect(shorthand).toMatchObject({ type: 'string', enum: ['showDialog', 'callDefaultHandler'] });
    expect(objects.map((o) => o.title)).toEqual(EFFECT_KEYS.split(', '));
    expect(objects.map((o) => o.required)).toEqual(EFFECT_KEYS.split(', ').map((key) => [key]));
    for (const o of objects) expect(o).toMatchObject({ type: 'object', additionalProperties: false, properties: { phase: { enum: ['pre', 'post'] } } });
  });
});
