/**
 * Every public scenario (each file in manifests/scenarios/, with its expectation from expectations.yaml — the
 * list is read, never written here) on a fresh simulated cluster a few virtual minutes in, diagnosed with the
 * rules only through the client-node adapter: the expected category and top action (and a subset of its params);
 * a healthy namespace has no issue and no proposal. Scenarios whose workload is a single Deployment are diagnosed
 * a second time scoped to it, with the same outcome.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { Report } from '../../src/domain/report.js';
import { createClientNodeKube } from '../../src/kube/client-node-adapter.js';
import { SCENARIOS_DIR } from '../../src/paths.js';
import { startSim } from '../../src/sim/sim.js';
import { loadExpectations, matchesSubset, type Expectation } from './expectations.js';

const ADVANCE_MS = 3 * 60_000;
const expectations = loadExpectations();
const scenarios = readdirSync(SCENARIOS_DIR)
  .filter((file) => file.endsWith('.yaml') && file !== 'expectations.yaml')
  .map((file) => file.replace(/\.yaml$/, ''))
  .sort();

/** The Deployment names a scenario creates in its namespace (a name written twice is one Deployment, two revisions). */
function deploymentsOf(scenario: string, namespace: string): string[] {
  const documents = parseAllDocuments(readFileSync(join(SCENARIOS_DIR, `${scenario}.yaml`), 'utf8'));
  const names = documents
    .map(
      (document) =>
        document.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null,
    )
    .filter(
      (object) => object?.kind === 'Deployment' && (object.metadata?.namespace ?? 'default') === namespace,
    )
    .map((object) => object!.metadata!.name!);
  return [...new Set(names)];
}

function expectOutcome(report: Report, expectation: Expectation): void {
  expect(report.diagnosis.category).toBe(expectation.category);
  expect(report.analyzerErrors).toEqual([]);
  if (expectation.action === 'none') {
    expect(report.diagnosis.hasIssue).toBe(false);
    expect(report.proposals).toEqual([]);
    return;
  }
  expect(report.diagnosis.hasIssue).toBe(true);
  const top = report.proposals[0];
  expect(top?.action).toBe(expectation.action);
  if (expectation.params)
    expect(matchesSubset(top?.params, expectation.params), JSON.stringify(top?.params)).toBe(true);
  // Evidence is quoted from the cluster, not invented: every proposal targets the namespace it was asked about.
  expect(report.diagnosis.evidence.length).toBeGreaterThan(0);
  // No public scenario prints a secret, so nothing in the evidence should have needed masking: a mask here is
  // redaction eating evidence (it once turned `Secret inventory/inventory-db` into `Secret [REDACTED]/[REDACTED]-db`).
  expect(report.diagnosis.evidence.join('\n')).not.toContain('[REDACTED]');
  for (const proposal of report.proposals) expect(proposal.target.namespace).toBe(expectation.namespace);
}

describe('public scenarios diagnose as expected (rules only)', () => {
  it('there are scenarios, each with an expectation', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
    expect(scenarios.filter((scenario) => !expectations[scenario])).toEqual([]);
    expect(Object.keys(expectations).filter((name) => !scenarios.includes(name))).toEqual([]);
    expect(Object.values(expectations).some((expectation) => expectation.action === 'none')).toBe(true);
    // Most are one Deployment, so the scoped pass below really runs.
    const single = scenarios.filter(
      (scenario) => deploymentsOf(scenario, expectations[scenario]!.namespace).length === 1,
    );
    expect(single.length).toBeGreaterThanOrEqual(scenarios.length - 2);
  });

  it.each(scenarios)('%s', async (scenario) => {
    const expectation = expectations[scenario]!;
    const sim = await startSim({ scenarios: [scenario], advanceMs: ADVANCE_MS, seed: 42 });
    try {
      const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
      const deps = { kube, allowedNamespaces: () => true };
      const whole = (await diagnose(deps, { namespace: expectation.namespace })).report;
      expect(whole.target).toBeNull();
      expectOutcome(whole, expectation);

      const deployments = deploymentsOf(scenario, expectation.namespace);
      if (deployments.length !== 1) return;
      const [deployment] = deployments;
      const scoped = (await diagnose(deps, { namespace: expectation.namespace, deployment })).report;
      expect(scoped.target).toBe(deployment);
      expectOutcome(scoped, expectation);
      // Scoping reads the same lists: it never costs more requests than the whole namespace.
      expect(scoped.apiRequests).toBeLessThanOrEqual(whole.apiRequests! + 1);
    } finally {
      await sim.stop();
    }
  });
});
