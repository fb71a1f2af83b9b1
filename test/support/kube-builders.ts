/**
 * Small builders for realistic wire objects: the shapes and strings a 1.32 cluster returns (reference §7).
 * Each builder takes only what a test varies; the rest is what the controllers and kubelet would fill in.
 */
import type {
  Container,
  ContainerStatus,
  Deployment,
  Pod,
  ReplicaSet,
  Service,
} from '../../src/kube/types.js';
import type { EventGroup } from '../../src/domain/snapshot.js';

type PodCondition = NonNullable<NonNullable<Pod['status']>['conditions']>[number];
type DeploymentCondition = NonNullable<NonNullable<Deployment['status']>['conditions']>[number];

const HASHES = ['7c9d8b6f5', '5d8f7c9b6', '6b4f8c7d9', '84f6d5c7b'];
const POD_SUFFIXES = ['x2x9q', 'b7kfn', 'm4pzt', 'r8wcd', 'h5nvz'];
const TIME = '2025-01-10T10:00:00Z';

export function container(name: string, image: string, extra: Partial<Container> = {}): Container {
  return { name, image, imagePullPolicy: 'IfNotPresent', ...extra };
}

export function running(name: string, image: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name,
    image,
    imageID: `docker.io/library/${image}@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac`,
    containerID: 'containerd://3f2c9a7be1d4',
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: TIME } },
    lastState: {},
    ...extra,
  };
}

/** Waiting in back-off after exiting with `exitCode` (reference §7.5.2). */
export function crashLooping(
  name: string,
  image: string,
  pod: string,
  terminated: { exitCode: number; reason?: string; message?: string; restartCount?: number },
): ContainerStatus {
  const { exitCode, reason = 'Error', message, restartCount = 4 } = terminated;
  return {
    ...running(name, image),
    ready: false,
    started: false,
    restartCount,
    state: {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off 1m20s restarting failed container=${name} pod=${pod}_demo(0c3e5d1a-8b1f-4f5e-9d7a-2c6b1e0f4a3d)`,
      },
    },
    lastState: {
      terminated: {
        exitCode,
        reason,
        ...(message === undefined ? {} : { message }),
        startedAt: TIME,
        finishedAt: TIME,
        containerID: 'containerd://3f2c9a7be1d4',
      },
    },
  };
}

export function waiting(name: string, image: string, reason: string, message?: string): ContainerStatus {
  return {
    name,
    image,
    imageID: '',
    ready: false,
    started: false,
    restartCount: 0,
    state: { waiting: message === undefined ? { reason } : { reason, message } },
    lastState: {},
  };
}

export function podConditions(ready: boolean, container: string): PodCondition[] {
  const notReady = ready
    ? {}
    : { reason: 'ContainersNotReady', message: `containers with unready status: [${container}]` };
  return [
    { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: TIME },
    { type: 'Initialized', status: 'True', lastTransitionTime: TIME },
    { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: TIME, ...notReady },
    { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: TIME, ...notReady },
    { type: 'PodScheduled', status: 'True', lastTransitionTime: TIME },
  ];
}

export function unschedulableCondition(message: string): PodCondition[] {
  return [
    { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: TIME },
  ];
}

export function event(
  object: { kind: string; name: string },
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  count = 1,
  fieldPath?: string,
): EventGroup {
  return {
    object,
    type,
    reason,
    message,
    count,
    firstSeen: TIME,
    lastSeen: TIME,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

export function service(
  namespace: string,
  name: string,
  selector: Record<string, string>,
  targetPort: number | string = 8080,
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, uid: `svc-${name}` },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port: 80, targetPort, protocol: 'TCP' }] },
  };
}

export type { PodCondition, DeploymentCondition };
export { HASHES, POD_SUFFIXES, TIME };
export type { Deployment, Pod, ReplicaSet };
