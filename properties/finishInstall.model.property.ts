/**
 * Model-based test of the finish-install loop (fast-check website/docs/advanced/model-based-testing.md): the deviceInstall machine
 * refines a deliberately small model of the mark and its attempts (properties/models/).
 *
 * - FinishInstallRefinesModel: after core installation and after every environment event (log-on
 *   of an administrator or a standard user, log-off, re-enumeration, re-attach, restart, a request
 *   to finish installing), the machine's mark, attempt count, session and device state equal the
 *   model's; and the whole run, replayed as one `runInstall` with the same timeline, ends the same.
 *
 * windows profile (the lifecycle is the same in every profile, docs/lifecycle.md L5; the profiles
 * differ in how DIF_FINISHINSTALL_ACTION itself is dispatched, which the model leaves out).
 */
import { fc, test } from '@fast-check/jest';
import { runInstall } from '../src/host/runInstall.js';
import {
  EnumerateCommand,
  FinishInstallRequestCommand,
  LogOffCommand,
  LogOnCommand,
  RestartCommand,
} from './models/finishInstallCommands.js';
import { initialModel, scenarioOf, type FinishInstallSetup } from './models/finishInstallModel.js';
import { InstallDriver } from './models/installDriver.js';
import { RUNS } from './support/runs.js';

const setupArb: fc.Arbitrary<FinishInstallSetup> = fc.record({
  os: fc.constantFrom('win7', 'win10', 'vista', 'win8', 'win11'),
  session: fc.constantFrom<FinishInstallSetup['session']>(null, { admin: true }, { admin: false }),
  marks: fc.boolean().map((b) => !b), // shrinks to a marked device
  stopsDevice: fc.boolean(),
  outcomes: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
});

const commandsArb = fc.commands(
  [
    fc.boolean().map((admin) => new LogOnCommand(admin)),
    fc.constant(new LogOffCommand()),
    fc.constantFrom<'device.reenumerated' | 'device.reattached'>('device.reenumerated', 'device.reattached').map((how) => new EnumerateCommand(how)),
    fc.constant(new RestartCommand()),
    fc.boolean().map((admin) => new FinishInstallRequestCommand(admin)),
  ],
  { maxCommands: 12 },
);

describe(`deviceInstall finish-install loop against its model (${RUNS} runs)`, () => {
  test.prop([setupArb, commandsArb])(
    'FinishInstallRefinesModel: after core installation and after every environment event, the machine agrees with the small model of the mark and its attempts.',
    (setup, commands) => {
      // Arrange
      const document = scenarioOf(setup);
      let driver: InstallDriver | undefined;
      // Act / Assert, event by event
      fc.modelRun(() => {
        driver = new InstallDriver(document);
        const model = initialModel(setup);
        const observed = driver.observe();
        expect(observed).toEqual({ marked: model.marked, attempts: model.attempts, admin: model.admin, started: model.started });
        return { model, real: driver };
      }, commands);
      // Assert: the stepwise run is the run of the whole timeline
      const stepwise = driver!.finish();
      expect(runInstall({ ...document, timeline: driver!.sent })).toEqual(stepwise);
    },
  );
});
