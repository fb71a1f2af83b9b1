import { describe, expect, it } from 'vitest';
import { analyzers } from '../../src/analyzers/index.js';
import { Finding } from '../../src/domain/finding.js';
import { SCENARIOS, SCENARIO_NAMES } from '../support/scenarios.js';

describe('analyzer registry', () => {
  it('has unique kebab-case names', () => {
    const names = analyzers.map((analyzer) => analyzer.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(SCENARIO_NAMES)('emits schema-valid findings, signed by the analyzer, for %s', (scenario) => {
    for (const analyzer of analyzers) {
      for (const finding of analyzer.analyze(SCENARIOS[scenario]())) {
        expect(Finding.safeParse(finding).error).toBeUndefined();
        expect(finding.analyzer).toBe(analyzer.name);
        for (const line of finding.evidence) expect(line).toMatch(/^(status|event|log|spec): \S/);
      }
    }
  });

  it.each(SCENARIO_NAMES)('is deterministic and leaves the snapshot untouched on %s', (scenario) => {
    const snapshot = SCENARIOS[scenario]();
    const before = structuredClone(snapshot);
    const first = analyzers.flatMap((analyzer) => analyzer.analyze(snapshot));
    expect(analyzers.flatMap((analyzer) => analyzer.analyze(snapshot))).toEqual(first);
    expect(snapshot).toEqual(before);
  });

  it('reads the cluster, not object names: renaming every object changes no category', () => {
    const original = SCENARIOS['payments-missing-env']();
    const renamed = JSON.parse(JSON.stringify(original).replaceAll('payments', 'zz-svc')) as typeof original;
    const categories = (snapshot: typeof original) =>
      analyzers.flatMap((a) => a.analyze(snapshot)).map((f) => f.category);
    expect(categories(renamed)).toEqual(categories(original));
  });
});
