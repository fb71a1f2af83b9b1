import { describe, expect, it } from 'vitest';
import { imagePullAnalyzer } from '../../src/analyzers/image-pull.js';
import { rolloutAnalyzer } from '../../src/analyzers/rollout.js';
import { TIME, container, podConditions, running, waiting } from '../support/kube-builders.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { scenariosExcept } from '../support/scenarios.js';
import { snapshotOf } from '../support/snapshot-builder.js';
import { failingPod, pendingPod, readyPod, workload } from '../support/workload-builder.js';

const image = 'registry.example.com/web:1.0.0';

describe('rollout analyzer', () => {
  it('rolls a failing revision back to the one still running, below the precise cause', () => {
    const finding = onlyFinding(rolloutAnalyzer, 'frontend-bad-image');
    expect(finding).toMatchObject({
      category: 'image_pull',
      object: { kind: 'Deployment', name: 'frontend' },
    });
    expect(finding.specificity).toBeLessThan(
      onlyFinding(imagePullAnalyzer, 'frontend-bad-image').specificity,
    );
    expect(finding.evidence).toContain(
      'spec: revision 1 → 2: container web image nginx:1.25 → nginx:1.25-doesnotexist',
    );
    expect(topProposal(finding)).toMatchObject({ action: 'rollback', params: { toRevision: 1 } });
  });

  it('takes its category from the failing pods', () => {
    expect(onlyFinding(rolloutAnalyzer, 'orders-bad-command').category).toBe('crash');
  });

  it('reports ProgressDeadlineExceeded even without a healthy revision, proposing nothing it cannot ground', () => {
    const deadline = {
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: 'ReplicaSet "web-7c9d8b6f5" has timed out progressing.',
      lastUpdateTime: TIME,
      lastTransitionTime: TIME,
    };
    const starting = () => waiting('web', image, 'ContainerCreating');
    const w = workload(
      'demo',
      'web',
      [{ containers: [container('web', image)], pods: [failingPod(starting)] }],
      { conditions: [deadline] },
    );
    const finding = onlyFinding(rolloutAnalyzer, snapshotOf('demo', { workloads: [w] }));
    expect(finding).toMatchObject({ reason: 'ProgressDeadlineExceeded', proposals: [] });
    expect(finding.evidence[0]).toBe(
      'status: deployment/web Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-7c9d8b6f5" has timed out progressing.',
    );
  });

  it('says nothing while a new revision is still starting normally', () => {
    const next = 'registry.example.com/web:1.1.0';
    const starting = pendingPod(podConditions(false, 'web'), () => waiting('web', next, 'ContainerCreating'));
    const w = workload(
      'demo',
      'web',
      [
        { containers: [container('web', image)], pods: [readyPod(() => running('web', image))] },
        { containers: [container('web', next)], pods: [starting] },
      ],
      { replicas: 1 },
    );
    expect(run(rolloutAnalyzer, snapshotOf('demo', { workloads: [w] }))).toEqual([]);
  });

  it.each(scenariosExcept(['frontend-bad-image', 'orders-bad-command']))('is silent on %s', (scenario) => {
    expect(run(rolloutAnalyzer, scenario)).toEqual([]);
  });
});
