/** Which logs the observer reads: unhealthy containers that ran, one per (workload, container, failure), capped. */
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../src/kube/types.js';
import { selectLogReads } from '../../src/observe/select-logs.js';
import { crashLooping, running, waiting } from '../support/kube-builders.js';

function pod(name: string, owner: string, ...statuses: ContainerStatus[]): Pod {
  return {
    metadata: {
      name,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true },
      ],
    },
    status: { containerStatuses: statuses },
  };
}

const crash = (container: string, podName: string) =>
  crashLooping(container, 'app:1', podName, { exitCode: 1 });
const unready = (container: string): ContainerStatus => ({ ...running(container, 'app:1'), ready: false });
const restarted = (container: string): ContainerStatus => ({
  ...running(container, 'app:1'),
  restartCount: 2,
  lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
});

describe('selectLogReads', () => {
  it.each<[string, Pod[], number, { pod: string; container: string; previous: boolean }[]]>([
    ['healthy pods: nothing', [pod('a-1', 'a', running('app', 'app:1'))], 6, []],
    [
      'containers that never started have nothing to read',
      [
        pod('a-1', 'a', waiting('app', 'app:1', 'ImagePullBackOff')),
        pod('b-1', 'b', waiting('app', 'app:1', 'CreateContainerConfigError')),
      ],
      6,
      [],
    ],
    [
      'crash-looping: the previous run only',
      [pod('a-1', 'a', crash('app', 'a-1'))],
      6,
      [{ pod: 'a-1', container: 'app', previous: true }],
    ],
    [
      'running but not ready: the current run',
      [pod('a-1', 'a', unready('app'))],
      6,
      [{ pod: 'a-1', container: 'app', previous: false }],
    ],
    [
      'running after a restart: previous and current',
      [pod('a-1', 'a', restarted('app'))],
      6,
      [
        { pod: 'a-1', container: 'app', previous: true },
        { pod: 'a-1', container: 'app', previous: false },
      ],
    ],
    [
      'replicas failing alike are read once',
      [
        pod('a-1', 'a', crash('app', 'a-1')),
        pod('a-2', 'a', crash('app', 'a-2')),
        pod('a-3', 'a', crash('app', 'a-3')),
      ],
      6,
      [{ pod: 'a-1', container: 'app', previous: true }],
    ],
    [
      'only the unhealthy container of a pod',
      [pod('a-1', 'a', running('sidecar', 'proxy:1'), crash('app', 'a-1'))],
      6,
      [{ pod: 'a-1', container: 'app', previous: true }],
    ],
    [
      'the cap holds across workloads',
      ['a', 'b', 'c', 'd'].map((owner) => pod(`${owner}-1`, owner, crash('app', `${owner}-1`))),
      2,
      [
        { pod: 'a-1', container: 'app', previous: true },
        { pod: 'b-1', container: 'app', previous: true },
      ],
    ],
    [
      'the unhealthiest first',
      [pod('calm-1', 'calm', unready('app')), pod('wild-1', 'wild', crash('app', 'wild-1'))],
      1,
      [{ pod: 'wild-1', container: 'app', previous: true }],
    ],
  ])('%s', (_name, pods, max, expected) => {
    expect(selectLogReads(pods, max)).toEqual(expected);
  });
});
