/**
 * Every public scenario whose expected fix is automated (manifests/scenarios/expectations.yaml — read, not
 * hard-coded): the top proposal is applied and verified healthy on the sim, and its undo (where the action has
 * one) puts back exactly the fields it changed. Manual proposals are never applied.
 */
import { describe, expect, it } from 'vitest';
import { readPointer } from '../../src/remediate/json-pointer.js';
import { remediate } from '../../src/remediate/remediate.js';
import { undoChange } from '../../src/remediate/undo-change.js';
import { applyProposal } from '../../src/remediate/apply-proposal.js';
import { loadExpectations } from '../eval/expectations.js';
import { fingerprint, startHarness, topProposal } from './harness.js';

const expectations = Object.entries(loadExpectations());
const automated = expectations.filter(([, expectation]) => !['manual', 'none'].includes(expectation.action));
const manual = expectations.filter(([, expectation]) => expectation.action === 'manual');

describe('automated fixes of the public scenarios', () => {
  it('covers several scenarios and action kinds', () => {
    expect(automated.length).toBeGreaterThanOrEqual(5);
    expect(new Set(automated.map(([, expectation]) => expectation.action)).size).toBeGreaterThanOrEqual(4);
  });

  it.each(automated)('%s: applied, verified healthy, and undone exactly', async (scenario, expectation) => {
    const h = await startHarness({ scenarios: [scenario] });
    try {
      const report = await h.diagnose(expectation.namespace);
      const proposal = topProposal(report);
      expect(proposal.action).toBe(expectation.action);
      const name = proposal.target.name;
      const before = h.stored(expectation.namespace, name);

      const result = await remediate(h.deps(), {
        incidentId: `inc-${scenario}`,
        proposal,
        approvedBy: 'U024BE7LH',
        expectedCategory: report.diagnosis.category,
      });
      expect(result.outcome.status === 'refused' ? result.outcome.message : 'applied').toBe('applied');
      expect(result.verification).toMatchObject({ healthy: true });
      expect((await h.diagnose(expectation.namespace)).diagnosis.hasIssue).toBe(false);
      if (result.outcome.status !== 'applied') return;

      const { plan } = result.outcome;
      if (plan.operation !== 'patch' || !plan.restore) return;
      const fixed = h.stored(expectation.namespace, name);
      const undone = await undoChange(h.deps(), {
        namespace: expectation.namespace,
        deployment: name,
        actor: 'U0G9QF9C6',
      });
      expect(undone.status === 'refused' ? undone.message : undone.status).toBe('undone');
      const after = h.stored(expectation.namespace, name);
      for (const { path } of plan.restore) {
        expect(readPointer(after, path), path).toEqual(readPointer(before, path));
        expect(readPointer(fixed, path), path).not.toEqual(readPointer(before, path));
      }
      expect(after.spec?.template).toEqual(before.spec?.template);
      expect(after.spec?.replicas).toBe(before.spec?.replicas);
    } finally {
      await h.stop();
    }
  });
});

describe('manual proposals of the public scenarios', () => {
  it.each(manual)('%s: never applied', async (scenario, expectation) => {
    const h = await startHarness({ scenarios: [scenario] });
    try {
      const report = await h.diagnose(expectation.namespace);
      const proposal = topProposal(report);
      expect(proposal.action).toBe('manual');
      const deployments = h.sim.cluster.store
        .list('apps/deployments', expectation.namespace)
        .map((deployment) => deployment.metadata.name);
      const before = deployments.map((name) => fingerprint(h.stored(expectation.namespace, name)));
      const outcome = await applyProposal(h.deps(), {
        incidentId: `inc-${scenario}`,
        proposal,
        approvedBy: 'U024BE7LH',
        expectedCategory: report.diagnosis.category,
      });
      expect(outcome).toMatchObject({ status: 'refused', reason: 'manual' });
      expect(deployments.map((name) => fingerprint(h.stored(expectation.namespace, name)))).toEqual(before);
    } finally {
      await h.stop();
    }
  });
});
