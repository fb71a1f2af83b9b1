/** Shortcuts for analyzer tests: run one analyzer on a named fixture, and read the one finding it must emit. */
import { expect } from 'vitest';
import type { Analyzer } from '../../src/analyzers/analyzer.js';
import type { Finding } from '../../src/domain/finding.js';
import type { ProposalDraft } from '../../src/domain/proposal.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { SCENARIOS, type ScenarioName } from './scenarios.js';

export function run(analyzer: Analyzer, scenario: ScenarioName | Snapshot): Finding[] {
  return analyzer.analyze(typeof scenario === 'string' ? SCENARIOS[scenario]() : scenario);
}

export function onlyFinding(analyzer: Analyzer, scenario: ScenarioName | Snapshot): Finding {
  const findings = run(analyzer, scenario);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

export function topProposal(finding: Finding): ProposalDraft {
  const proposal = finding.proposals[0];
  expect(proposal).toBeDefined();
  return proposal!;
}
