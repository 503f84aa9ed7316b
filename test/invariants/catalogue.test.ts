/**
 * The invariant catalogue is complete and documented: names, sentences and sources are there, every
 * invariant has profile expectations, and docs/invariants.md shows the table rendered from the code
 * (`DEVINST_WRITE_DOCS=1 npx jest test/invariants/catalogue.test.ts` rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PROFILE_EXPECTATIONS } from '../../src/invariants/expectations.js';
import { DISPATCH_INVARIANTS, LIFECYCLE_INVARIANTS } from '../../src/invariants/index.js';
import { CATALOGUE_BEGIN, CATALOGUE_END, catalogueEntries, renderCatalogue } from './catalogueTable.js';

const DOC = 'docs/invariants.md';

describe('the invariant catalogue', () => {
  const entries = catalogueEntries();

  it('should have at least 24 invariants with unique PascalCase names', () => {
    expect(entries.length).toBeGreaterThanOrEqual(24);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    for (const e of entries) expect(e.name).toMatch(/^[A-Z][a-z]+(?:[A-Z][a-z]*)+$/);
  });

  it('should give each one sentence and a public source or the docs', () => {
    for (const e of entries) {
      expect({ name: e.name, sentence: /^[A-Z].*\.$/.test(e.sentence) }).toEqual({ name: e.name, sentence: true });
      expect({ name: e.name, cites: /\b(WDD|SDK|Wine|ReactOS|MinGW|Logs)\b|docs\//.test(e.source) }).toEqual({ name: e.name, cites: true });
    }
  });

  it('should contain every required invariant', () => {
    const required = [
      'CallOrder', 'PostIsReverseOfPre', 'EveryPostRequestHonoured', 'NoPostWithoutRequest', 'FailureStopsChain', 'DefaultHandlerIffDoDefault',
      'InstallResultChains', 'PrivateDataRoundTrips', 'ResultIsLastStatus', 'CoInstallersNeverOriginateDoDefault', 'ClassInstallerAtMostOnce',
      'UnknownDifPassesThrough', 'NullDeviceInfoNoDeviceCoInstallers', 'ReplayEqualsLive', 'JournalRoundTrips', 'TransitionLogComplete',
      'DeviceCoInstallersOnlyAfterRegistration', 'FailedStepAbortsInstall', 'DestroyPrivateDataWhenListDiscarded', 'DllStateNeverSurvivesADif',
      'DriverKeyStatePersists', 'NoUiInServerContext', 'FinishInstallOnlyIfMarked', 'FinishInstallOnlyInInteractiveAdminContext',
      'FinishInstallRetriesUntilSuccess', 'FinishInstallOneChance',
    ];
    expect(entries.map((e) => e.name).sort()).toEqual(expect.arrayContaining(required.sort()));
  });

  it('should have reactos and wine expectations for exactly the dispatch and lifecycle invariants', () => {
    expect(Object.keys(PROFILE_EXPECTATIONS).sort()).toEqual([...DISPATCH_INVARIANTS, ...LIFECYCLE_INVARIANTS].map((i) => i.name).sort());
  });

  it('should be listed in the header comment of the property file that checks it', () => {
    for (const e of entries) expect({ name: e.name, listed: readFileSync(e.file, 'utf8').includes(`* - ${e.name}: `) }).toEqual({ name: e.name, listed: true });
  });

  it('docs/invariants.md shows the catalogue table rendered from the code, and keeps the explorer\'s state-count markers', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(CATALOGUE_BEGIN);
    const end = text.indexOf(CATALOGUE_END);
    expect(start).toBeGreaterThanOrEqual(0);
    const rendered = renderCatalogue();
    if (process.env.DEVINST_WRITE_DOCS === '1') {
      writeFileSync(DOC, text.slice(0, start) + rendered + text.slice(end + CATALOGUE_END.length));
    } else {
      expect(text.slice(start, end + CATALOGUE_END.length)).toBe(rendered);
    }
    expect(text).toMatch(/## Recorded distinct-state counts\n+<!-- STATES:BEGIN -->\n[\s\S]*<!-- STATES:END -->/);
  });
});
