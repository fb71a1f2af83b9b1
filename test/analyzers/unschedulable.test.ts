import { describe, expect, it } from 'vitest';
import { unschedulableAnalyzer } from '../../src/analyzers/unschedulable.js';
import { container, running, unschedulableCondition } from '../support/kube-builders.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { scenariosExcept } from '../support/scenarios.js';
import { snapshotOf } from '../support/snapshot-builder.js';
import { pendingPod, readyPod, workload } from '../support/workload-builder.js';

const CLUSTER_FULL =
  '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..';

function pending(message: string, requests: Record<string, string>, earlier?: Record<string, string>) {
  const image = 'registry.example.com/search:7.1.0';
  const current = {
    containers: [container('search', image, { resources: { requests } })],
    pods: [pendingPod(unschedulableCondition(message))],
  };
  const revisions = earlier
    ? [
        {
          containers: [container('search', image, { resources: { requests: earlier } })],
          pods: [readyPod(() => running('search', image))],
        },
        current,
      ]
    : [current];
  return snapshotOf('search', { workloads: [workload('search', 'search', revisions, { replicas: 1 })] });
}

describe('unschedulable analyzer', () => {
  it('tells that the requests exceed every node, with the numbers', () => {
    const finding = onlyFinding(unschedulableAnalyzer, 'search-unschedulable');
    expect(finding).toMatchObject({
      category: 'unschedulable',
      specificity: 90,
      workload: 'search',
      reason: 'FailedScheduling',
    });
    expect(finding.evidence).toContain(
      'spec: pod requests memory 32Gi; largest node node-1 allocatable 16Gi',
    );
    const proposal = topProposal(finding);
    expect(proposal.action).toBe('manual');
    expect(proposal.params['instruction']).toContain('memory 32Gi > 16Gi');
    expect(proposal.params['commands']).toContainEqual(
      'kubectl -n search set resources deployment/search -c search --requests=memory=<at most 16Gi>',
    );
  });

  it('tells a full cluster apart from a pod no node can hold', () => {
    const finding = onlyFinding(unschedulableAnalyzer, pending(CLUSTER_FULL, { cpu: '2' }));
    expect(finding.specificity).toBeLessThan(90);
    expect(finding.message).toContain('no node has enough free capacity');
  });

  it('rolls back when an earlier healthy revision requested what a node can hold', () => {
    const proposal = topProposal(
      onlyFinding(unschedulableAnalyzer, pending(CLUSTER_FULL, { cpu: '8' }, { cpu: '1' })),
    );
    expect(proposal).toMatchObject({ action: 'rollback', params: { toRevision: 1 } });
  });

  it.each([
    [
      '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      'unschedulable',
      'taints',
    ],
    [
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      'unschedulable',
      'selector',
    ],
    [
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      'pvc_pending',
      'PersistentVolumeClaim',
    ],
  ])('reads %j as %s', (message, category, words) => {
    const finding = onlyFinding(unschedulableAnalyzer, pending(message, { cpu: '100m' }));
    expect(finding.category).toBe(category);
    expect(finding.message).toContain(words);
  });

  it.each(scenariosExcept(['search-unschedulable', 'pvc-pending']))('is silent on %s', (scenario) => {
    expect(run(unschedulableAnalyzer, scenario)).toEqual([]);
  });
});
