import { describe, expect, it } from 'vitest';
import { imagePullAnalyzer } from '../../src/analyzers/image-pull.js';
import { container, podConditions, running, waiting } from '../support/kube-builders.js';
import { onlyFinding, run, topProposal } from '../support/analyzer-helpers.js';
import { scenariosExcept } from '../support/scenarios.js';
import { snapshotOf } from '../support/snapshot-builder.js';
import { failingPod, pendingPod, readyPod, workload } from '../support/workload-builder.js';

function pullFailure(
  reason: string,
  message: string,
  history: 'none' | 'same-image' | 'scaled-down' = 'none',
) {
  const image = 'registry.example.com/web:2.0.0';
  const pulling = () => waiting('web', image, reason, message);
  const current = {
    containers: [container('web', image)],
    pods: [pendingPod(podConditions(false, 'web'), pulling)],
  };
  const earlier = {
    containers: [container('web', image, { args: ['--old'] })],
    pods: [readyPod(() => running('web', image))],
  };
  const gone = { containers: [container('web', 'registry.example.com/web:1.0.0')], pods: [] };
  const revisions =
    history === 'none' ? [current] : history === 'same-image' ? [earlier, current] : [gone, current];
  return snapshotOf('demo', { workloads: [workload('demo', 'web', revisions, { replicas: 1 })] });
}

describe('image-pull analyzer', () => {
  it('rolls back to the last healthy revision whose image differs', () => {
    const finding = onlyFinding(imagePullAnalyzer, 'frontend-bad-image');
    expect(finding).toMatchObject({
      category: 'image_pull',
      reason: 'ImagePullBackOff',
      workload: 'frontend',
      container: 'web',
    });
    expect(finding.message).toContain('nginx:1.25-doesnotexist');
    expect(finding.message).toContain('does not exist');
    expect(finding.evidence).toContainEqual(
      expect.stringMatching(
        /^event: Failed Failed to pull image "nginx:1.25-doesnotexist": rpc error: code = NotFound/,
      ),
    );
    expect(topProposal(finding)).toMatchObject({
      action: 'rollback',
      target: { kind: 'Deployment', name: 'frontend' },
      params: { toRevision: 1 },
    });
  });

  it('never invents an image: without a usable revision it writes a manual note', () => {
    const finding = onlyFinding(
      imagePullAnalyzer,
      pullFailure(
        'ErrImagePull',
        'rpc error: code = NotFound desc = failed to pull and unpack image: not found',
      ),
    );
    expect(finding.proposals.map((p) => p.action)).toEqual(['manual']);
  });

  it('does not roll back to a revision with the same image', () => {
    const finding = onlyFinding(
      imagePullAnalyzer,
      pullFailure('ImagePullBackOff', 'Back-off pulling image', 'same-image'),
    );
    expect(finding.proposals.map((p) => p.action)).toEqual(['manual']);
  });

  it('does not roll back to a revision that no longer runs: nothing shows it was healthy', () => {
    const finding = onlyFinding(
      imagePullAnalyzer,
      pullFailure('ImagePullBackOff', 'Back-off pulling image', 'scaled-down'),
    );
    expect(finding.proposals.map((p) => p.action)).toEqual(['manual']);
  });

  it.each([
    [
      'ErrImagePull',
      'failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
      'credentials',
    ],
    ['ErrImagePull', 'dial tcp: lookup registry.example.com: no such host', 'unreachable'],
    [
      'InvalidImageName',
      'Failed to apply default image tag "Web:Latest": couldn\'t parse image name "Web:Latest": invalid reference format',
      'malformed',
    ],
    [
      'ErrImageNeverPull',
      'Container image "web:dev" is not present with pull policy of Never',
      'imagePullPolicy is Never',
    ],
  ])('explains %s (%s)', (reason, message, words) => {
    expect(onlyFinding(imagePullAnalyzer, pullFailure(reason, message)).message).toContain(words);
  });

  it('ignores containers that run', () => {
    const image = 'nginx:1.25';
    const w = workload('demo', 'web', [
      {
        containers: [container('web', image)],
        pods: [
          readyPod(() => running('web', image)),
          failingPod(() => running('web', image, { ready: false })),
        ],
      },
    ]);
    expect(run(imagePullAnalyzer, snapshotOf('demo', { workloads: [w] }))).toEqual([]);
  });

  it.each(scenariosExcept(['frontend-bad-image']))('is silent on %s', (scenario) => {
    expect(run(imagePullAnalyzer, scenario)).toEqual([]);
  });
});
