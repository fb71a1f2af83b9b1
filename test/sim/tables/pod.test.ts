import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../../../src/kube/types.js';
import { podTable } from '../../../src/sim/tables/pod.js';

const NOW = Date.parse('2025-01-10T10:10:00Z');
const ago = (seconds: number): string => new Date(NOW - seconds * 1000).toISOString().replace('.000Z', 'Z');

const running = (name: string, ready = true): ContainerStatus => ({
  name,
  image: 'nginx:1.25',
  imageID: '',
  ready,
  restartCount: 0,
  state: { running: { startedAt: ago(300) } },
});
const waiting = (name: string, reason: string, restartCount = 0): ContainerStatus => ({
  name,
  image: 'nginx:1.25',
  imageID: '',
  ready: false,
  restartCount,
  state: { waiting: { reason } },
});
const terminated = (name: string, exitCode: number, reason?: string, signal?: number): ContainerStatus => ({
  name,
  image: 'nginx:1.25',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});

function pod(
  status: NonNullable<Pod['status']>,
  spec: Partial<NonNullable<Pod['spec']>> = {},
  deleting = false,
): Pod {
  return {
    metadata: {
      name: 'web-5d8f7c9b6-abcde',
      creationTimestamp: ago(300),
      ...(deleting ? { deletionTimestamp: ago(5) } : {}),
    },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], ...spec },
    status,
  };
}

const cells = (p: Pod) => podTable.cells(p, NOW);
const statusOf = (p: Pod) => cells(p)[2];
const readyOf = (p: Pod) => cells(p)[1];

describe('pod table: STATUS column (printPod)', () => {
  const twoContainers = { containers: [{ name: 'web' }, { name: 'sidecar' }] };
  const withInit = { initContainers: [{ name: 'init-db' }, { name: 'init-cache' }] };
  it.each<[string, Pod, string]>([
    ['Pending without statuses', pod({ phase: 'Pending' }), 'Pending'],
    [
      'ContainerCreating',
      pod({ phase: 'Pending', containerStatuses: [waiting('web', 'ContainerCreating')] }),
      'ContainerCreating',
    ],
    ['Running', pod({ phase: 'Running', containerStatuses: [running('web')] }), 'Running'],
    [
      'CrashLoopBackOff',
      pod({ phase: 'Running', containerStatuses: [waiting('web', 'CrashLoopBackOff', 4)] }),
      'CrashLoopBackOff',
    ],
    ['Error', pod({ phase: 'Running', containerStatuses: [terminated('web', 1, 'Error')] }), 'Error'],
    [
      'Completed',
      pod({ phase: 'Succeeded', containerStatuses: [terminated('web', 0, 'Completed')] }),
      'Completed',
    ],
    [
      'OOMKilled',
      pod({ phase: 'Running', containerStatuses: [terminated('web', 137, 'OOMKilled')] }),
      'OOMKilled',
    ],
    [
      'ErrImagePull',
      pod({ phase: 'Pending', containerStatuses: [waiting('web', 'ErrImagePull')] }),
      'ErrImagePull',
    ],
    [
      'ImagePullBackOff',
      pod({ phase: 'Pending', containerStatuses: [waiting('web', 'ImagePullBackOff')] }),
      'ImagePullBackOff',
    ],
    [
      'CreateContainerConfigError',
      pod({ phase: 'Pending', containerStatuses: [waiting('web', 'CreateContainerConfigError')] }),
      'CreateContainerConfigError',
    ],
    [
      'RunContainerError',
      pod({ phase: 'Running', containerStatuses: [waiting('web', 'RunContainerError')] }),
      'RunContainerError',
    ],
    [
      'ExitCode without reason',
      pod({ phase: 'Running', containerStatuses: [terminated('web', 2)] }),
      'ExitCode:2',
    ],
    [
      'Signal without reason',
      pod({ phase: 'Running', containerStatuses: [terminated('web', 137, undefined, 9)] }),
      'Signal:9',
    ],
    ['Evicted (status.reason)', pod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    [
      'SchedulingGated',
      pod({
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      'SchedulingGated',
    ],
    [
      'first container wins (walked last to first)',
      pod(
        {
          phase: 'Running',
          containerStatuses: [waiting('web', 'CrashLoopBackOff'), waiting('sidecar', 'ErrImagePull')],
        },
        twoContainers,
      ),
      'CrashLoopBackOff',
    ],
    [
      'Completed with a running ready container and Ready condition ⇒ Running',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [terminated('web', 0, 'Completed'), running('sidecar')],
        },
        twoContainers,
      ),
      'Running',
    ],
    [
      'Completed with a running container but not Ready ⇒ NotReady',
      pod(
        { phase: 'Running', containerStatuses: [terminated('web', 0, 'Completed'), running('sidecar')] },
        twoContainers,
      ),
      'NotReady',
    ],
    [
      'Init:0/2 while the first init container runs',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [running('init-db', false), waiting('init-cache', 'PodInitializing')],
        },
        withInit,
      ),
      'Init:0/2',
    ],
    [
      'Init:1/2 after the first init container succeeded',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [terminated('init-db', 0, 'Completed'), running('init-cache', false)],
        },
        withInit,
      ),
      'Init:1/2',
    ],
    [
      'Init:CrashLoopBackOff',
      pod({ phase: 'Pending', initContainerStatuses: [waiting('init-db', 'CrashLoopBackOff', 3)] }, withInit),
      'Init:CrashLoopBackOff',
    ],
    [
      'Init:Error',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('init-db', 1, 'Error')] }, withInit),
      'Init:Error',
    ],
    [
      'Init:ExitCode:3',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('init-db', 3)] }, withInit),
      'Init:ExitCode:3',
    ],
    [
      'Init:Signal:15',
      pod({ phase: 'Pending', initContainerStatuses: [terminated('init-db', 143, undefined, 15)] }, withInit),
      'Init:Signal:15',
    ],
    [
      'app containers are ignored while initializing',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [running('init-db', false)],
          containerStatuses: [waiting('web', 'PodInitializing')],
        },
        withInit,
      ),
      'Init:0/2',
    ],
    ['Terminating', pod({ phase: 'Running', containerStatuses: [running('web')] }, {}, true), 'Terminating'],
    [
      'terminal pods keep their status while deleted',
      pod({ phase: 'Succeeded', containerStatuses: [terminated('web', 0, 'Completed')] }, {}, true),
      'Completed',
    ],
    [
      'Unknown for NodeLost pods being deleted',
      pod({ phase: 'Running', reason: 'NodeLost' }, {}, true),
      'Unknown',
    ],
  ])('%s', (_name, input, expected) => {
    expect(statusOf(input)).toBe(expected);
  });
});

describe('pod table: READY column', () => {
  it.each<[string, Pod, string]>([
    ['ready and running', pod({ phase: 'Running', containerStatuses: [running('web')] }), '1/1'],
    ['running but not ready', pod({ phase: 'Running', containerStatuses: [running('web', false)] }), '0/1'],
    ['no statuses yet', pod({ phase: 'Pending' }), '0/1'],
    [
      'restartable init containers (sidecars) count towards the total and when ready',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [{ ...running('proxy'), started: true }],
          containerStatuses: [running('web')],
        },
        { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      ),
      '2/2',
    ],
  ])('%s ⇒ %s', (_name, input, expected) => {
    expect(readyOf(input)).toBe(expected);
  });
});

describe('pod table: RESTARTS column', () => {
  const crashed = (restartCount: number, finishedSecondsAgo?: number): ContainerStatus => ({
    ...waiting('web', 'CrashLoopBackOff', restartCount),
    lastState:
      finishedSecondsAgo === undefined
        ? {}
        : { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(finishedSecondsAgo) } },
  });
  it.each<[string, ContainerStatus[], string]>([
    ['no restarts', [running('web')], '0'],
    ['restarts with last termination', [crashed(3, 45)], '3 (45s ago)'],
    ['restarts without a termination time', [crashed(2)], '2'],
    [
      'sum over containers, latest termination wins',
      [crashed(3, 600), { ...crashed(2, 90), name: 'sidecar' }],
      '5 (90s ago)',
    ],
  ])('%s ⇒ %s', (_name, containerStatuses, expected) => {
    expect(cells(pod({ phase: 'Running', containerStatuses }))[3]).toBe(expected);
  });

  it('drops init container restarts once the pod is initialized', () => {
    const input = pod(
      {
        phase: 'Running',
        initContainerStatuses: [
          {
            ...terminated('init-db', 0, 'Completed'),
            restartCount: 4,
            lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } },
          },
        ],
        containerStatuses: [running('web')],
      },
      { initContainers: [{ name: 'init-db' }] },
    );
    expect(cells(input)[3]).toBe('0');
  });
});

describe('pod table: full row, wide columns and row conditions', () => {
  it('renders every column like kubectl get pods -o wide', () => {
    const input = pod(
      {
        phase: 'Running',
        podIP: '10.244.0.5',
        podIPs: [{ ip: '10.244.0.5' }],
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'example.com/gate', status: 'True' },
        ],
        containerStatuses: [running('web')],
      },
      {
        nodeName: 'node-1',
        readinessGates: [{ conditionType: 'example.com/gate' }, { conditionType: 'example.com/other' }],
      },
    );
    expect(cells(input)).toEqual([
      'web-5d8f7c9b6-abcde',
      '1/1',
      'Running',
      '0',
      '5m',
      '10.244.0.5',
      'node-1',
      '<none>',
      '1/2',
    ]);
  });

  it('prints <none> for an unscheduled pod', () => {
    expect(cells(pod({ phase: 'Pending' })).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('has the kubectl 1.32 columns, wide ones at priority 1, Name formatted as a name', () => {
    expect(podTable.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(podTable.columns[0]?.format).toBe('name');
  });

  it.each([
    [
      'Succeeded',
      [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ],
    ],
    ['Failed', [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]],
    ['Running', undefined],
  ])('row conditions for phase %s', (phase, expected) => {
    expect(podTable.conditions?.(pod({ phase }))).toEqual(expected);
  });
});
