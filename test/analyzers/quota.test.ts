import { describe, expect, it } from 'vitest';
import { quotaAnalyzer } from '../../src/analyzers/quota.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { quotaExceeded } from '../support/scenarios-cluster.js';
import { scenariosExcept } from '../support/scenarios.js';

describe('quota analyzer', () => {
  it('reports the exhausted quota with requested, used and limited amounts', () => {
    const finding = onlyFinding(quotaAnalyzer, 'quota-exceeded');
    expect(finding).toMatchObject({
      category: 'quota_exceeded',
      workload: 'reports',
      reason: 'FailedCreate',
    });
    expect(finding.evidence[0]).toMatch(
      /^event: FailedCreate Error creating: pods "reports-7c9d8b6f5-" is forbidden: exceeded quota: compute-quota/,
    );
    const proposal = topProposal(finding);
    expect(proposal.action).toBe('manual');
    expect(proposal.params['instruction']).toContain(
      'requested limits.memory=512Mi, used limits.memory=1536Mi, limited limits.memory=2Gi',
    );
    expect(proposal.params['commands']).toContain('kubectl -n reports describe resourcequota compute-quota');
  });

  it('reads the "must specify" refusal of a quota that requires limits', () => {
    const snapshot = quotaExceeded();
    const message =
      'pods "reports-7c9d8b6f5-" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app; limits.memory for: app';
    snapshot.events = [{ ...snapshot.events[0]!, message: `Error creating: ${message}` }];
    snapshot.deployments[0]!.status!.conditions = [];
    expect(onlyFinding(quotaAnalyzer, snapshot).message).toContain(
      'requires limits.cpu for: app; limits.memory for: app',
    );
  });

  it('ignores FailedCreate events of a ReplicaSet that no longer wants pods', () => {
    const snapshot = quotaExceeded();
    snapshot.replicaSets[0]!.spec!.replicas = 0;
    snapshot.deployments[0]!.status!.conditions = [];
    expect(run(quotaAnalyzer, snapshot)).toEqual([]);
  });

  it.each(scenariosExcept(['quota-exceeded']))('is silent on %s', (scenario) => {
    expect(run(quotaAnalyzer, scenario)).toEqual([]);
  });
});
