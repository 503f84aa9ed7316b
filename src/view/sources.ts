/**
 * What `devinst view` and `devinst report` can open, as a list of sources tried in order: a
 * journal, or a scenario (run here: its whole installation, or one DIF with `dif`, under each
 * profile asked for). Other readers (a setupapi.dev.log, an INF) add themselves with
 * `addViewSource`; a model's `log` field carries a log's text to the page.
 */
import { recordDif } from '../host/runDif.js';
import { recordInstall } from '../host/runInstall.js';
import { InputError } from '../errors.js';
import { readTextFile } from '../scenario/jsonText.js';
import { loadScenarioFile } from '../scenario/load.js';
import { importInfScenario } from '../inf/load.js';
import { renderJournal } from '../log/render.js';
import type { ScenarioDocument } from '../scenario/schema.js';
import { logViewSource } from './logSource.js';
import { buildModel, type ViewModel } from './model.js';
import type { SourceOptions, ViewSource } from './sourceTypes.js';

export type { SourceOptions, ViewSource } from './sourceTypes.js';


const firstLine = (text: string): string => text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';

/** The run's setupapi.dev.log, as Windows would write it (the log panel shows it). */
const renderedLog = (journal: string, file: string): { log: NonNullable<ViewModel['log']> } => ({ log: { name: `${file} rendered as setupapi.dev.log`, text: renderJournal(journal, file) } });

const journalSource: ViewSource = {
  name: 'journal',
  accepts: (_file, text) => /^\s*\{\s*"format"\s*:\s*"devinst-journal"/.test(firstLine(text)),
  load: async (file, text) => [await buildModel(text, file, renderedLog(text, file))],
};

const infSource: ViewSource = {
  name: 'INF',
  accepts: (file) => /\.in[fx]$/i.test(file),
  // The INF imported as a scenario for one device model (docs/inf.md), then run as a scenario is.
  load: (file, _text, options) => runScenario(file, importInfScenario(file, options.inf ?? {}).document as ScenarioDocument, options),
};

async function runScenario(file: string, scenario: ScenarioDocument, options: SourceOptions): Promise<ViewModel[]> {
  const profiles = options.profiles?.length ? options.profiles : [undefined];
  const models: ViewModel[] = [];
  for (const profile of profiles) {
    const document = { ...scenario, ...(profile ? { profile } : {}) } as ScenarioDocument;
    const recordOptions = { scenarioFile: file, ...(options.now ? { now: options.now } : {}) };
    const { journal } = options.dif ? recordDif(document, options.dif, recordOptions) : recordInstall(document, recordOptions);
    const name = profile ? `${file} (${profile})` : file;
    models.push(await buildModel(journal, name, renderedLog(journal, name)));
  }
  return models;
}

const scenarioSource: ViewSource = {
  name: 'scenario',
  accepts: () => true,
  load: (file, _text, options) => runScenario(file, loadScenarioFile(file).document, options),
};

const SOURCES: ViewSource[] = [journalSource, infSource, logViewSource];
const FALLBACK = scenarioSource;

/** Registers a reader for another kind of file; it is tried before the scenario fallback. */
export function addViewSource(source: ViewSource): void {
  SOURCES.push(source);
}

export async function loadViewModels(files: readonly string[], options: SourceOptions = {}): Promise<ViewModel[]> {
  if (files.length === 0) throw new InputError('no file given');
  const models: ViewModel[] = [];
  for (const file of files) {
    const text = readTextFile(file);
    const source = SOURCES.find((s) => s.accepts(file, text)) ?? FALLBACK;
    models.push(...(await source.load(file, text, options)));
  }
  return models;
}
