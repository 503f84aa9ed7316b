/**
 * The finish-install facts of a run, re-derived from the scenario and the calls that happened, by
 * the documented rules (WDD finish-install-actions--windows-vista-and-later-.md; docs/lifecycle.md "Finish-install actions"):
 *
 * - the device is marked when DI_FLAGSEX_FINISHINSTALL_ACTION is set once every installer has
 *   handled a successful DIF_NEWDEVICEWIZARD_FINISHINSTALL; installers can set it only there
 *   (WDD how-finish-install-actions-are-processed.md; setting-the-configflag-finishinstall-action-…md);
 * - the device runs once DIF_INSTALLDEVICE succeeded without DI_NEEDREBOOT, DI_NEEDRESTART or
 *   DI_DONOTCALLCONFIGMG set before its default handler ran, i.e. before postprocessing (SDK
 *   nf-setupapi-setupdiinstalldevice.md; WDD calling-the-default-dif-code-handlers.md and the per-DIF pages (dif-*.md); Wine include/setupapi.h DIF_INSTALLDEVICE: "in postprocessing the device
 *   is running, unless DI_NEEDREBOOT was set"), or after a restart; a device that was installed
 *   before (reinstall, remove, properties) runs from the start;
 * - the chances a finish-install process gets: Vista/7 right after core installation when an
 *   administrator is logged on, at an administrator log-on, and at a re-enumeration or re-attach
 *   while an administrator is logged on; Windows 8 and later only when an administrator asks
 *   ("Finish installing device software") (WDD running-finish-install-actions.md; WDD overview-of-finish-install-actions.md, running-finish-install-actions.md).
 */
import { combineFlags } from '../../domain/flags.js';
import type { InstallResult } from '../../domain/lifecycle/installResult.js';
import type { TimelineEvent } from '../../domain/lifecycle/types.js';
import type { Scenario } from '../../domain/scenario.js';
import { attemptRecords, executionOrder, isNoObjection, memoIgnoringTimeline, memoPerRun } from './executionOrder.js';

const DIF_INSTALLDEVICE = 0x02;
const DIF_NEWDEVICEWIZARD_FINISHINSTALL = 0x1e;
const DI_FLAGSEX_FINISHINSTALL_ACTION = 0x00000008;
/** DI_NEEDRESTART | DI_NEEDREBOOT | DI_DONOTCALLCONFIGMG (Wine include/setupapi.h; SDK ns-setupapi-sp_devinstall_params_a.md). */
const KEEPS_DEVICE_STOPPED = 0x00000080 | 0x00000100 | 0x00020000;

export interface FinishInstallFacts {
  /** Vista and Windows 7 retry; Windows 8 and later give one chance. */
  readonly retries: boolean;
  /** Marked (CONFIGFLAG_FINISHINSTALL_ACTION) at the end of core installation. */
  readonly marked: boolean;
  /** The device runs when core installation ends. */
  readonly startedAtCoreEnd: boolean;
  /** The sequence failed or hung: no finish-install process can follow. */
  readonly stopped: boolean;
  /** The moments a finish-install process may start (in order), with who is logged on and whether the device runs then. */
  readonly chances: readonly { readonly trigger: string; readonly admin: boolean; readonly started: boolean }[];
  /** The attempts' results (hex), in order. */
  readonly results: readonly string[];
}

/**
 * The facts of a run. What comes from the result (the mark, whether the device runs at the end of
 * core installation, the attempts) is worked out once per result and shared by the runs of one
 * scenario that end alike; the chances, which read the timeline, only when a check asks for them,
 * so that a check that never does reads no timeline (src/explore/lifecycle/ watches which checks
 * read it, each with a scenario object of its own).
 */
export const finishInstallFacts: (scenario: Scenario, result: InstallResult) => FinishInstallFacts = memoPerRun((scenario, result) => new Facts(scenario, coreFacts(scenario, result)));

class Facts implements FinishInstallFacts {
  readonly retries: boolean;
  readonly marked: boolean;
  readonly startedAtCoreEnd: boolean;
  readonly stopped: boolean;
  readonly results: readonly string[];
  private worked: FinishInstallFacts['chances'] | undefined = undefined;

  constructor(
    private readonly scenario: Scenario,
    core: CoreFacts,
  ) {
    this.retries = core.retries;
    this.marked = core.marked;
    this.startedAtCoreEnd = core.startedAtCoreEnd;
    this.stopped = core.stopped;
    this.results = core.results;
  }

  get chances(): FinishInstallFacts['chances'] {
    return (this.worked ??= chancesOf(this.scenario, this.retries, this.startedAtCoreEnd));
  }
}

type CoreFacts = Omit<FinishInstallFacts, 'chances'>;

const coreFacts: (scenario: Scenario, result: InstallResult) => CoreFacts = memoIgnoringTimeline(computeCoreFacts);

function computeCoreFacts(scenario: Scenario, result: InstallResult): CoreFacts {
  const retries = scenario.os === 'vista' || scenario.os === 'win7';
  let flags = scenario.flags;
  let flagsEx = scenario.flagsEx;
  let marked = false;
  let started = scenario.lifecycle.sequence !== 'hardware-first';
  let flagsBeforePost: number | null = null;
  for (const h of executionOrder(scenario, result)) {
    if (h.record.context === 'client' && h.dif === 0x2a) continue; // finish-install attempts come after core
    if (h.kind === 'call') {
      if (h.dif === DIF_INSTALLDEVICE && h.record.nestedIn === undefined && h.call.phase === 'post' && flagsBeforePost === null) flagsBeforePost = flags;
      for (const e of h.effects) {
        if (e.type === 'setFlags') flags = (flags | combineFlags('flags', e.flags)) >>> 0;
        else if (e.type === 'clearFlags') flags = (flags & ~combineFlags('flags', e.flags)) >>> 0;
        else if (e.type === 'setFlagsEx') {
          let value = combineFlags('flagsEx', e.flags);
          if (h.dif !== DIF_NEWDEVICEWIZARD_FINISHINSTALL) value = (value & ~DI_FLAGSEX_FINISHINSTALL_ACTION) >>> 0;
          flagsEx = (flagsEx | value) >>> 0;
        } else if (e.type === 'clearFlagsEx') flagsEx = (flagsEx & ~combineFlags('flagsEx', e.flags)) >>> 0;
      }
      continue;
    }
    if (h.record.nestedIn !== undefined) continue;
    const ok = isNoObjection(h.record.result.hex);
    if (h.dif === DIF_INSTALLDEVICE) {
      if (ok) started = ((flagsBeforePost ?? flags) & KEEPS_DEVICE_STOPPED) === 0;
      flagsBeforePost = null;
    }
    if (h.dif === DIF_NEWDEVICEWIZARD_FINISHINSTALL && ok && (flagsEx & DI_FLAGSEX_FINISHINSTALL_ACTION) !== 0) {
      marked = true;
      flagsEx = (flagsEx & ~DI_FLAGSEX_FINISHINSTALL_ACTION) >>> 0;
    }
  }
  const stopped = result.outcome === 'failed' || result.outcome === 'hung' || result.failure !== null;
  return { retries, marked, startedAtCoreEnd: started, stopped, results: attemptRecords(result).map((r) => r.result.hex) };
}

/** The moments a finish-install process may start: the end of core installation, then the timeline's. */
function chancesOf(scenario: Scenario, retries: boolean, startedAtCoreEnd: boolean): FinishInstallFacts['chances'] {
  let started = startedAtCoreEnd;
  const chances: { trigger: string; admin: boolean; started: boolean }[] = [];
  let session = scenario.lifecycle.session;
  if (retries) chances.push({ trigger: 'end of core installation', admin: session?.admin === true, started });
  scenario.lifecycle.timeline.forEach((event: TimelineEvent, i) => {
    const at = triggerText(i, event.type);
    switch (event.type) {
      case 'user.loggedOn':
        session = { admin: event.admin };
        if (retries) chances.push({ trigger: at, admin: event.admin, started });
        break;
      case 'user.loggedOff':
        session = null;
        break;
      case 'system.restarted':
        session = null;
        started = true;
        break;
      case 'device.reenumerated':
      case 'device.reattached':
        if (retries) chances.push({ trigger: at, admin: session?.admin === true, started });
        break;
      case 'user.finishInstallRequested':
        if (!retries) chances.push({ trigger: at, admin: event.admin, started });
        break;
    }
  });
  return chances;
}

const triggers = new Map<string, string[]>();

/** `timeline[i] type`, made once per place and type (the same few for every run). */
function triggerText(i: number, type: string): string {
  let byPlace = triggers.get(type);
  if (!byPlace) triggers.set(type, (byPlace = []));
  return (byPlace[i] ??= `timeline[${i}] ${type}`);
}

/** The attempts the rules give, replaying the chances with the attempts' own results; and whether the mark stays. */
export function expectedAttempts(facts: FinishInstallFacts): { readonly attempts: number; readonly pending: boolean } {
  // A failed or hung installation runs no finish-install process; a mark it made stays.
  let pending = facts.marked;
  let attempts = 0;
  for (const chance of facts.chances) {
    if (facts.stopped || !pending || !chance.admin || !chance.started) continue;
    const outcome = facts.results[attempts];
    attempts += 1;
    if (outcome === undefined) break; // fewer attempts ran than due: the caller reports it
    pending = facts.retries && !isNoObjection(outcome);
  }
  return { attempts, pending };
}
