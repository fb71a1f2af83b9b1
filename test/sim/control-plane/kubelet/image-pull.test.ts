import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../../src/kube/types.js';
import { pods } from '../../../../src/sim/resources/pods.js';
import {
  advanceUntil,
  container,
  createPod,
  elapsedSeconds,
  eventCount,
  eventLines,
  getPod,
  logs,
  NS,
  newCluster,
  setRegistryUnpullable,
  stateOf,
  status,
} from './harness.js';

const NOT_FOUND =
  'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": ' +
  'failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';

function badImagePod() {
  const cluster = newCluster();
  setRegistryUnpullable(cluster, '# images the registry does not have\nnginx:doesnotexist\n');
  createPod(cluster, 'web', { spec: { containers: [container({ image: 'nginx:doesnotexist' })] } });
  return cluster;
}

describe('kubelet: images that cannot be pulled', () => {
  it('reports ErrImagePull with the CRI error, then ImagePullBackOff with the error appended; the pod stays Pending', () => {
    const cluster = badImagePod();
    expect(stateOf(cluster, 'web')).toBe('waiting:ContainerCreating');
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'waiting:ErrImagePull', 5);
    expect(status(cluster, 'web').state?.waiting?.message).toBe(NOT_FOUND);
    expect(logs(cluster, 'web')).toBe(
      'ERROR 400: container "web" in pod "web" is waiting to start: image can\'t be pulled',
    );

    cluster.advance(1000);
    expect(status(cluster, 'web').state?.waiting).toEqual({
      reason: 'ImagePullBackOff',
      message: `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${NOT_FOUND}`,
    });
    expect(logs(cluster, 'web')).toBe(
      'ERROR 400: container "web" in pod "web" is waiting to start: trying and failing to pull image',
    );
    expect(getPod(cluster, 'web').status?.phase).toBe('Pending');
    expect(status(cluster, 'web').restartCount).toBe(0);
    expect(eventLines(cluster, 'web')).toEqual([
      'Normal Scheduled: Successfully assigned demo/web to node-1',
      'Normal Pulling: Pulling image "nginx:doesnotexist"',
      `Warning Failed: Failed to pull image "nginx:doesnotexist": ${NOT_FOUND}`,
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:doesnotexist"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
  });

  it('backs off between pull attempts: 10s, 20s, 40s … after each failure', () => {
    const cluster = badImagePod();
    const pullsAt: number[] = [];
    let pulls = 0;
    for (let second = 0; second <= 200; second += 1) {
      const now = eventCount(cluster, 'web', 'Pulling', 'Pulling image "nginx:doesnotexist"');
      if (now > pulls) pullsAt.push(elapsedSeconds(cluster));
      pulls = now;
      cluster.advance(1000);
    }
    const gaps = pullsAt.slice(1).map((time, i) => time - (pullsAt[i] ?? 0));
    // Each gap is the back-off plus the second the failing pull took.
    expect(gaps.slice(0, 3)).toEqual([11, 21, 41]);
    expect(eventCount(cluster, 'web', 'Failed', 'Error: ImagePullBackOff')).toBeGreaterThan(pullsAt.length);
  });

  it('recovers at the next attempt once the registry has the image', () => {
    const cluster = badImagePod();
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'waiting:ImagePullBackOff', 5);
    setRegistryUnpullable(cluster, '');
    const seconds = advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 30);
    expect(seconds).toBeLessThanOrEqual(15);
    expect(getPod(cluster, 'web').status?.phase).toBe('Running');
  });

  it('pulls a changed image at once, without waiting for the old image back-off', () => {
    const cluster = badImagePod();
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'waiting:ImagePullBackOff', 5);
    const pod = structuredClone(getPod(cluster, 'web'));
    (pod.spec as NonNullable<Pod['spec']>).containers[0]!.image = 'nginx:1.25';
    cluster.api.replace(pods, NS, 'web', pod);
    cluster.settle();
    expect(eventLines(cluster, 'web').at(-1)).toBe('Normal Pulling: Pulling image "nginx:1.25"');
    advanceUntil(cluster, () => stateOf(cluster, 'web') === 'running', 10);
    expect(status(cluster, 'web').image).toBe('docker.io/library/nginx:1.25');
  });

  it('matches registry patterns with * against the image as written or its full reference', () => {
    const cluster = newCluster();
    setRegistryUnpullable(cluster, 'registry.example.com/*\ndocker.io/library/redis:*');
    createPod(cluster, 'private', {
      spec: { containers: [container({ image: 'registry.example.com/team/app:1.0' })] },
    });
    createPod(cluster, 'redis', { spec: { containers: [container({ image: 'redis:7' })] } });
    createPod(cluster, 'fine', { spec: { containers: [container({ image: 'busybox:1.36' })] } });
    cluster.advance(5000);
    expect(stateOf(cluster, 'private')).toBe('waiting:ImagePullBackOff');
    expect(status(cluster, 'private').state?.waiting?.message).toContain(
      'failed to pull and unpack image "registry.example.com/team/app:1.0"',
    );
    expect(stateOf(cluster, 'redis')).toBe('waiting:ImagePullBackOff');
    expect(stateOf(cluster, 'fine')).toBe('running');
  });

  it('refuses to pull with imagePullPolicy Never (ErrImageNeverPull) and rejects malformed names (InvalidImageName)', () => {
    const cluster = newCluster();
    createPod(cluster, 'never', {
      spec: { containers: [container({ image: 'app:2.0', imagePullPolicy: 'Never' })] },
    });
    expect(status(cluster, 'never').state?.waiting).toEqual({
      reason: 'ErrImageNeverPull',
      message: 'Container image "app:2.0" is not present with pull policy of Never',
    });
    expect(eventLines(cluster, 'never').slice(1)).toEqual([
      'Warning ErrImageNeverPull: Container image "app:2.0" is not present with pull policy of Never',
      'Warning Failed: Error: ErrImageNeverPull',
    ]);

    createPod(cluster, 'invalid', { spec: { containers: [container({ image: 'Nginx:Latest!' })] } });
    expect(status(cluster, 'invalid').state?.waiting).toEqual({
      reason: 'InvalidImageName',
      message:
        'Failed to apply default image tag "Nginx:Latest!": couldn\'t parse image name "Nginx:Latest!": invalid reference format',
    });
  });
});
