/**
 * The environment events of the model-based test, one command each (fast-check model-based
 * testing: check, run, toString). Every event is always possible; `run` applies it to the model,
 * sends it to the machine, and compares.
 */
import type { TimelineEvent } from '../../src/domain/lifecycle/types.js';
import type { InstallDriver } from './installDriver.js';
import { maybeAttempt, type FinishInstallCommand, type FinishInstallModel } from './finishInstallModel.js';

function compare(m: FinishInstallModel, real: InstallDriver, after: string): void {
  const expected = { marked: m.marked, attempts: m.attempts, admin: m.admin, started: m.started };
  const actual = real.observe();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`after ${after}: the machine has ${JSON.stringify(actual)}, the model ${JSON.stringify(expected)}`);
  }
}

abstract class EnvironmentCommand implements FinishInstallCommand {
  abstract readonly event: TimelineEvent;
  abstract apply(m: FinishInstallModel): void;
  check(): boolean {
    return true;
  }
  run(m: FinishInstallModel, real: InstallDriver): void {
    this.apply(m);
    real.send(this.event);
    compare(m, real, this.toString());
  }
  toString(): string {
    return 'admin' in this.event ? `${this.event.type}(${this.event.admin ? 'admin' : 'standard'})` : this.event.type;
  }
}

export class LogOnCommand extends EnvironmentCommand {
  readonly event: TimelineEvent;
  constructor(readonly admin: boolean) {
    super();
    this.event = { type: 'user.loggedOn', admin };
  }
  apply(m: FinishInstallModel): void {
    m.admin = this.admin;
    if (m.retries && this.admin) maybeAttempt(m);
  }
}

export class LogOffCommand extends EnvironmentCommand {
  readonly event: TimelineEvent = { type: 'user.loggedOff' };
  apply(m: FinishInstallModel): void {
    m.admin = null;
  }
}

/** A scan for hardware changes, or the device plugged in again: enumeration in the current context. */
export class EnumerateCommand extends EnvironmentCommand {
  readonly event: TimelineEvent;
  constructor(readonly how: 'device.reenumerated' | 'device.reattached') {
    super();
    this.event = { type: how };
  }
  apply(m: FinishInstallModel): void {
    if (m.retries && m.admin === true) maybeAttempt(m);
  }
}

export class RestartCommand extends EnvironmentCommand {
  readonly event: TimelineEvent = { type: 'system.restarted' };
  apply(m: FinishInstallModel): void {
    m.admin = null;
    m.started = true;
  }
}

/** "Finish installing device software" (Windows 8 and later). */
export class FinishInstallRequestCommand extends EnvironmentCommand {
  readonly event: TimelineEvent;
  constructor(readonly admin: boolean) {
    super();
    this.event = { type: 'user.finishInstallRequested', admin };
  }
  apply(m: FinishInstallModel): void {
    if (!m.retries && this.admin) maybeAttempt(m);
  }
}
