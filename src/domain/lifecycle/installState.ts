/**
 * What outlives one DIF: the device's driver key, its install params (Flags, FlagsEx), its
 * ConfigFlags finish-install mark, the registered device co-installers, DLL state, the session,
 * and the record of every DIF. Plain data and reducers (`apply…` mutate an immer draft); the
 * deviceInstall machine is wiring over these.
 */
import { AppendLog, Boxed } from '../appendLog.js';
import type { OsVersion } from '../difCodes.js';
import { planDispatch, type DispatchPlan } from '../dispatchPlan.js';
import { FlagEx } from '../flags.js';
import type { ProfileName } from '../profiles.js';
import type { RunResult } from '../runResult.js';
import type { Json, Scenario } from '../scenario.js';
import type { DispatchRuleId, Violation } from '../violations.js';
import type { LifecycleRuleId } from './rules.js';
import { sequencePlan, type SequencePlan, type Step } from './sequences.js';
import type { Architecture, DifContext, Session } from './types.js';

export interface DifRecord extends RunResult {
  readonly context: DifContext;
  readonly nestedIn?: string;
}

/** A dispatch-rule violation, or a guideline breach of the lifecycle: the same shape. */
export type LifecycleViolation = Violation<LifecycleRuleId | DispatchRuleId>;

/** Read-only facts of one installation run; not draftable by immer (a class instance). */
export class InstallPlan {
  readonly sequence: SequencePlan;
  readonly os: OsVersion;
  readonly profile: ProfileName;
  readonly arch: Architecture;
  readonly registerCoInstallers: number;

  /** `sequence` overrides the scenario's (devinst run's one-step sequence in the DIF's own context). */
  constructor(readonly scenario: Scenario, sequence?: SequencePlan) {
    this.sequence = sequence ?? sequencePlan(scenario.lifecycle.sequence);
    this.os = scenario.os;
    this.profile = scenario.profile;
    this.arch = scenario.lifecycle.arch;
    this.registerCoInstallers = scenario.lifecycle.registerCoInstallers;
    Object.freeze(this);
  }

  /** Vista and Windows 7 retry finish-install actions; Windows 8 and later give each one chance. */
  get retriesFinishInstall(): boolean {
    return this.os === 'vista' || this.os === 'win7';
  }

  toJSON() {
    return { sequence: this.sequence, os: this.os, profile: this.profile, arch: this.arch };
  }
}

export interface InstallState {
  readonly plan: InstallPlan;
  /** Index of the next step of the sequence. */
  step: number;
  flags: number;
  flagsEx: number;
  registered: boolean;
  /** The device still has the class it had before the driver was selected (scenario `previousClass`). */
  inPreviousClass: boolean;
  /** The driver key: CoInstallers32 and the properties installers wrote. */
  driverKey: Boxed<Readonly<Record<string, Json>>>;
  /** What each installer keeps in its DLL during the current DIF (key: installer). */
  dll: Boxed<Readonly<Record<string, Readonly<Record<string, Json>>>>>;
  /** What each installer kept in its DLL in an earlier DIF (the DLL has been unloaded since). */
  keptEarlier: Boxed<Readonly<Record<string, readonly string[]>>>;
  session: Session;
  deviceStarted: boolean;
  /** CONFIGFLAG_FINISHINSTALL_ACTION: the device needs a finish-install action. */
  marked: boolean;
  everMarked: boolean;
  attempts: AppendLog<string>;
  needsReboot: boolean;
  /** Dynamic pages added in the current DIF. */
  pages: number;
  /** Flags as they were when the current DIF's postprocessing first changed them (its default handler saw these), or null. */
  flagsBeforePost: number | null;
  failure: { readonly dif: string; readonly hex: string } | null;
  hung: boolean;
  difs: AppendLog<DifRecord>;
  violations: AppendLog<LifecycleViolation>;
  notes: AppendLog<string>;
}

export function initialInstallState(plan: InstallPlan): InstallState {
  const scenario = plan.scenario;
  const registered = plan.sequence.registeredFromStart && scenario.deviceCoInstallers.length > 0;
  return {
    plan,
    step: 0,
    flags: scenario.flags,
    flagsEx: scenario.flagsEx,
    registered,
    inPreviousClass: scenario.lifecycle.selectChangesClass === true && scenario.previousClass !== undefined,
    driverKey: new Boxed<Readonly<Record<string, Json>>>(registered ? { CoInstallers32: scenario.deviceCoInstallers.map((c) => c.declared) } : {}),
    dll: new Boxed({}),
    keptEarlier: new Boxed({}),
    session: scenario.lifecycle.session,
    deviceStarted: plan.sequence.name !== 'hardware-first',
    marked: false,
    everMarked: false,
    attempts: AppendLog.empty(),
    needsReboot: false,
    pages: 0,
    flagsBeforePost: null,
    failure: null,
    hung: false,
    difs: AppendLog.empty(),
    violations: AppendLog.empty(),
    notes: AppendLog.empty(),
  };
}

/**
 * The next step to run, skipping install steps after a failure, property changes nobody made, and
 * the closing DIF_DESTROYPRIVATEDATA when no installer list is loaded: it goes to the loaded
 * installers, and a device whose class has no class installer and no co-installers gets none
 * (log2timeline/plaso test_data/setupapi.dev.log: the VirtualBox device PCI\VEN_80EE&DEV_CAFE, lines
 * 257–384, no installer loaded and no DIF_DESTROYPRIVATEDATA, against PCI\VEN_80EE&DEV_BEEF, lines
 * 516–738, the same client and sequence with DispCI.dll loaded and both DIF_DESTROYPRIVATEDATA;
 * docs/lifecycle.md choice L10).
 */
export function nextStep(s: InstallState): Step | undefined {
  for (let i = s.step; i < s.plan.sequence.steps.length; i++) {
    const candidate = s.plan.sequence.steps[i];
    if (s.failure && !candidate.cleanup) continue;
    if (candidate.onlyIfPropertiesChanged && !propertiesChanged(s)) continue;
    if (candidate.cleanup && !listLoaded(scenarioForDif(s))) continue;
    return candidate;
  }
  return undefined;
}

/** A page set DI_FLAGSEX_PROPCHANGE_PENDING, and only administrators may change what pages show. */
function propertiesChanged(s: InstallState): boolean {
  return (s.flagsEx & FLAGSEX_PROPCHANGE_PENDING) !== 0 && s.session?.admin === true;
}

const FLAGSEX_PROPCHANGE_PENDING = 0x00000400;
const FLAG_PROPERTIES_CHANGE = 0x00004000;

export function applyTakeStep(s: InstallState): Step {
  const candidate = nextStep(s)!;
  s.step = s.plan.sequence.steps.indexOf(candidate) + 1;
  s.pages = 0;
  s.flagsBeforePost = null;
  if (candidate.onlyIfPropertiesChanged) {
    // Device Manager clears DI_FLAGSEX_PROPCHANGE_PENDING, sets DI_PROPERTIES_CHANGE and sends
    // DIF_PROPERTYCHANGE (SDK ns-setupapi-sp_devinstall_params_a.md; WDD dif-addpropertypage-advanced.md, dif-propertychange.md step 3).
    s.flagsEx = (s.flagsEx & ~FLAGSEX_PROPCHANGE_PENDING) >>> 0;
    s.flags = (s.flags | FLAG_PROPERTIES_CHANGE) >>> 0;
  }
  return candidate;
}

/**
 * The scenario as one DIF sees it: the current install params; the old class's installers until the
 * driver is selected, the new class's after (`previousClass`); device co-installers only once
 * registered. Under windows a class co-installer that a registered device co-installer names again
 * (the same DLL and entry point, compared as Windows compares file names: case-insensitively) is
 * in the list once, as the device co-installer (plaso log, the WPD device: "CoInstaller 1 ==
 * WUDFCoinstaller.dll" before DIF_REGISTER_COINSTALLERS, line 10571, and only "CoInstaller 1 ==
 * WUDFCoInstaller.dll" after it, line 10608; docs/lifecycle.md choice L11).
 */
export function scenarioForDif(s: InstallState): Scenario {
  // Worked out once per scenario and what it reads of the state (read-only: every caller may share it).
  let byKey = views.get(s.plan.scenario);
  if (!byKey) views.set(s.plan.scenario, (byKey = new Map()));
  const key = `${s.flags}:${s.flagsEx}:${s.registered ? 1 : 0}:${s.inPreviousClass ? 1 : 0}`;
  let view = byKey.get(key);
  if (!view) byKey.set(key, (view = viewForDif(s)));
  return view;
}

const views = new WeakMap<Scenario, Map<string, Scenario>>(); // one key per scenario: few, and they live as long as their runs

function viewForDif(s: InstallState): Scenario {
  const scenario = s.plan.scenario;
  const cls = s.inPreviousClass && scenario.previousClass ? scenario.previousClass : scenario;
  const device = s.registered ? scenario.deviceCoInstallers : [];
  const named = new Set(device.map((c) => installerKey(c.declared)));
  const classCoInstallers = s.plan.profile === 'windows' && named.size > 0 ? cls.classCoInstallers.filter((c) => !named.has(installerKey(c.declared))) : cls.classCoInstallers;
  return {
    ...scenario,
    flags: s.flags,
    flagsEx: s.flagsEx,
    classInstaller: cls.classInstaller,
    classCoInstallers,
    deviceCoInstallers: device,
  };
}

const plans = new WeakMap<Scenario, Map<string, DispatchPlan>>();

/**
 * The dispatch plan of a DIF sent now: planDispatch over scenarioForDif, worked out once per
 * scenario, DIF and what scenarioForDif reads of the state (the install params, the class, whether
 * device co-installers are registered). Plans are frozen records: every frame may share one.
 */
export function planForDif(s: InstallState, dif: number): DispatchPlan {
  let byKey = plans.get(s.plan.scenario);
  if (!byKey) plans.set(s.plan.scenario, (byKey = new Map()));
  const key = `${dif}:${s.flags}:${s.flagsEx}:${s.registered ? 1 : 0}:${s.inPreviousClass ? 1 : 0}`;
  let plan = byKey.get(key);
  if (!plan) byKey.set(key, (plan = planDispatch(scenarioForDif(s), dif)));
  return plan;
}

/** `dll[,entry]` as one key: the DLL's file name and the entry point (CoDeviceInstall when absent), case-insensitive. */
function installerKey(declared: string): string {
  const comma = declared.indexOf(',');
  const dll = (comma < 0 ? declared : declared.slice(0, comma)).trim();
  const entry = comma < 0 ? '' : declared.slice(comma + 1).trim();
  return `${dll.replace(/^.*[\\/]/, '').toLowerCase()},${(entry || 'CoDeviceInstall').toLowerCase()}`;
}

/** Whether the installer list a DIF of this scenario loads has anyone in it. */
export function listLoaded(scenario: Scenario): boolean {
  return scenario.classInstaller !== null || scenario.classCoInstallers.length > 0 || scenario.deviceCoInstallers.length > 0;
}
