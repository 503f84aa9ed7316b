/**
 * The devinst library API.
 */
// Running and replaying
export { dispatch, DEFAULT_DIF, type RunOptions } from './host/runDif.js';
export { install } from './host/runInstall.js';
export { runDif, recordDif, runInstall, recordInstall } from './publicApi.js';
export type { InstallResult } from './domain/lifecycle/installResult.js';
export type { DifRecord, LifecycleViolation } from './domain/lifecycle/installState.js';
export { LIFECYCLE_RULES, MAX_DYNAMIC_PAGES, type LifecycleRuleId } from './domain/lifecycle/rules.js';
export { SEQUENCE_NAMES, TIMELINE_EVENT_TYPES, type Effect, type TimelineEvent, type SequenceName, type Session } from './domain/lifecycle/types.js';
export { replayJournal, transitionLog, stateName, type TransitionRecord, type ReplayOptions, type JournalStream, type JournalFile } from './journal/replay.js';
export { readJournal, type JournalInput, type ReadJournal } from './journal/read.js';
export { JOURNAL_FORMAT, JOURNAL_FORMAT_VERSION, JournalRecorder, type JournalHeader, type JournalEntry, type JournalEnd } from './journal/format.js';
// Scenarios
export { loadScenarioFile, validateScenario, normalizeScenario, type LoadedScenario } from './scenario/load.js';
export { scenarioSchema, scenarioJsonSchema, type ScenarioDocument } from './scenario/schema.js';
export type { Scenario, InstallerSpec, CoInstallerBehaviour, ClassInstallerBehaviour, DeviceSpec, Json } from './domain/scenario.js';
// Results
export type { RunResult } from './domain/runResult.js';
export type { CallRecord, PendingCall, DispatchState } from './domain/dispatchRules.js';
export { DISPATCH_RULES, checkAnswer, type Violation, type DispatchRuleId } from './domain/violations.js';
// Domain tables and codes
export { parseStatus, parseDif, hex, describeStatus, statusLabel, difLabel, CodeError, type CodeInput, type CodeText } from './domain/codes.js';
export { DIF_CODES, difByName, difByValue, documentedDefaultHandler, OS_VERSIONS, type DifInfo, type OsVersion } from './domain/difCodes.js';
export { STATUS_CODES, Status, statusByName, statusByValue, type StatusCodeInfo } from './domain/statusCodes.js';
export { DI_FLAGS, DI_FLAGSEX, Flag, FlagEx, combineFlags, flagNames, type FlagInfo } from './domain/flags.js';
export { PROFILES, PROFILE_NAMES, type ProfileName, type Semantics } from './domain/profiles.js';
export { planDispatch, type DispatchPlan } from './domain/dispatchPlan.js';
// Machines
export { MACHINES, difDispatchMachine, DIF_DISPATCH_VERSION, deviceInstallMachine, DEVICE_INSTALL_VERSION } from '../machines/index.js';
export type { DeviceInstallEvent } from '../machines/deviceInstall/deviceInstall.types.js';
export type { DifDispatchEvent } from '../machines/difDispatch/difDispatch.types.js';
// The executor derived from a machine's definition (docs/executor.md)
export { Executor, ExecutorState, executorFor, UnsupportedMachineError, type StepOptions } from './executor/index.js';
export { InputError } from './errors.js';

// Visual inspection: the viewer's model, report and server, live inspection, diagrams.
export { buildModel, type ViewModel, type DifView, type CallView, type StepCall, type ViolationView, type ChartView } from './view/model.js';
export { buildReport } from './view/report.js';
export { startViewServer, type ViewServer, type ViewServerOptions } from './view/server.js';
export { loadViewModels, addViewSource, type ViewSource, type SourceOptions } from './view/sources.js';
export { runInspected, type LiveOptions, type InspectMode } from './view/live.js';
export { wireObserver, fromWire, toWire, type WireMessage, type TraceEvent } from './view/adapter.js';
export { chartOf, activeIds, type Chart, type ChartNode, type ChartEdge } from './view/chart.js';
export { layoutChart, type LaidOutChart } from './view/layout.js';
export { chartSvg } from './view/svg.js';
export { chartMermaid, chartDot } from './view/diagramText.js';
export { sequenceDiagram } from './view/sequence.js';
export { alignRuns } from './view/compare.js';
