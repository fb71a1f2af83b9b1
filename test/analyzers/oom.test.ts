import { describe, expect, it } from 'vitest';
import { doubledLimit, oomAnalyzer, raisedLimit } from '../../src/analyzers/oom.js';
import { parseQuantity } from '../../src/kube/quantity.js';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { checkoutOom } from '../support/scenarios-containers.js';
import { scenariosExcept } from '../support/scenarios.js';

const Mi = (text: string) => parseQuantity(text)!;

/** checkout with other memory settings, and optionally a quota. */
function checkout(memory: { limits?: string; requests?: string }, extra: Partial<Snapshot> = {}): Snapshot {
  const snapshot = checkoutOom();
  const app = snapshot.deployments[0]!.spec!.template.spec!.containers[0]!;
  app.resources = {
    ...(memory.limits ? { limits: { memory: memory.limits } } : {}),
    ...(memory.requests ? { requests: { memory: memory.requests } } : {}),
  };
  return { ...snapshot, ...extra };
}

function quota(hard: string, used: string): Snapshot['resourceQuotas'][number] {
  return {
    metadata: { name: 'mem-quota' },
    spec: { hard: { 'limits.memory': hard } },
    status: { hard: { 'limits.memory': hard }, used: { 'limits.memory': used } },
  };
}

describe('oom analyzer', () => {
  it('raises the memory limit it was killed at to twice, on the right container', () => {
    const finding = onlyFinding(oomAnalyzer, 'checkout-oom');
    expect(finding).toMatchObject({
      category: 'oom',
      reason: 'OOMKilled',
      workload: 'checkout',
      container: 'app',
    });
    expect(finding.evidence).toContainEqual(
      expect.stringMatching(/last terminated OOMKilled \(exit code 137\), 3 restarts$/),
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'set_resources',
      target: { kind: 'Deployment', name: 'checkout', container: 'app' },
      // requests (128Mi) differ from the limit, so they stay as they are
      params: { limits: { memory: '512Mi' } },
    });
  });

  it.each([
    ['256Mi', '512Mi'],
    ['300Mi', '1Gi'],
    ['1Gi', '2Gi'],
    ['100Mi', '256Mi'],
    ['768Mi', '2Gi'],
  ])('doubles %s to the power-of-two %s', (limit, expected) => {
    expect(doubledLimit(Mi(limit))).toBe(Mi(expected));
  });

  it('raises requests with the limit when they were equal, keeping requests ≤ limits', () => {
    const proposal = topProposal(onlyFinding(oomAnalyzer, checkout({ limits: '256Mi', requests: '256Mi' })));
    expect(proposal.params).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '512Mi' } });
  });

  it('never goes above the largest node allocatable', () => {
    const proposal = topProposal(onlyFinding(oomAnalyzer, checkout({ limits: '12Gi' })));
    expect(proposal.params).toEqual({ limits: { memory: '16Gi' } });
  });

  it('stays within the quota room shared by all replicas', () => {
    // room 256Mi for 2 replicas ⇒ at most 128Mi more each: 384Mi
    const proposal = topProposal(
      onlyFinding(oomAnalyzer, checkout({ limits: '256Mi' }, { resourceQuotas: [quota('1Gi', '768Mi')] })),
    );
    expect(proposal.params).toEqual({ limits: { memory: '384Mi' } });
  });

  it('falls back to a manual note when no room is left', () => {
    const proposal = topProposal(
      onlyFinding(oomAnalyzer, checkout({ limits: '256Mi' }, { resourceQuotas: [quota('1Gi', '1Gi')] })),
    );
    expect(proposal.action).toBe('manual');
  });

  it('writes a manual note when there is no limit to raise', () => {
    const proposal = topProposal(onlyFinding(oomAnalyzer, checkout({})));
    expect(proposal).toMatchObject({
      action: 'manual',
      params: { instruction: expect.stringContaining('without a memory limit') },
    });
  });

  it.each([
    [Mi('256Mi'), Mi('16Gi'), Mi('512Mi')],
    [Mi('12Gi'), Mi('16Gi'), Mi('16Gi')],
    [Mi('256Mi'), Mi('384Mi'), Mi('384Mi')],
    [Mi('256Mi'), Mi('256Mi'), undefined],
  ])('raisedLimit(%d, max %d) = %s', (limit, max, expected) => {
    expect(raisedLimit(limit, max)).toBe(expected);
  });

  it.each(scenariosExcept(['checkout-oom']))('is silent on %s', (scenario) => {
    expect(run(oomAnalyzer, scenario)).toEqual([]);
  });
});
