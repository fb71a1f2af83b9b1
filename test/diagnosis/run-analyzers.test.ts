import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/analyzers/analyzer.js';
import { analyzers } from '../../src/analyzers/index.js';
import { runAnalyzers } from '../../src/diagnosis/run-analyzers.js';
import { SCENARIOS } from '../support/scenarios.js';

const throwing = (name: string, thrown: unknown): Analyzer => ({
  name,
  analyze() {
    throw thrown;
  },
});

describe('runAnalyzers', () => {
  it('runs the whole registry by default', () => {
    const run = runAnalyzers(SCENARIOS['payments-missing-env']());
    expect(run.errors).toEqual([]);
    expect(new Set(run.findings.map((f) => f.analyzer))).toEqual(
      new Set(['missing-env', 'crash-loop', 'service-endpoints']),
    );
  });

  it.each([
    [
      'an Error',
      new TypeError("Cannot read properties of undefined (reading 'spec')"),
      "Cannot read properties of undefined (reading 'spec')",
    ],
    ['a string', 'boom', 'boom'],
  ])('records an analyzer that throws %s and still runs the others', (_label, thrown, message) => {
    const registry = [throwing('broken', thrown), ...analyzers];
    const run = runAnalyzers(SCENARIOS['checkout-oom'](), registry);
    expect(run.errors).toEqual([{ analyzer: 'broken', error: message }]);
    expect(run.findings.map((f) => f.analyzer)).toContain('oom');
  });
});
