/**
 * Shared fixtures for the workload-controller tests: a seeded SimCluster with a `demo` namespace, object
 * builders, and a stand-in for the kubelet. Pod templates name a scheduler that does not exist, so the real
 * scheduler and kubelet leave these pods alone and the tests decide when a pod becomes Ready.
 */
import type { Deployment, Event, KubeObject, Pod, ReplicaSet } from '../../../src/kube/types.js';
import { SimCluster } from '../../../src/sim/cluster.js';
import type { ResourceDescriptor } from '../../../src/sim/resources/descriptor.js';
import { deployments } from '../../../src/sim/resources/deployments.js';
import { events } from '../../../src/sim/resources/events.js';
import { namespaces } from '../../../src/sim/resources/namespaces.js';
import { pods } from '../../../src/sim/resources/pods.js';
import { replicaSets } from '../../../src/sim/resources/replicasets.js';

export const START = Date.parse('2026-01-01T00:00:00Z');
export const NS = 'demo';
/** Pods for this scheduler stay unscheduled: neither the scheduler nor the kubelet touches them. */
export const TEST_SCHEDULER = 'test-manual-scheduler';

export function newCluster(): SimCluster {
  const cluster = new SimCluster({ seed: 1, startTime: START });
  cluster.api.create(namespaces, undefined, { metadata: { name: NS } });
  cluster.settle();
  return cluster;
}

export type DeploymentOptions = {
  replicas?: number;
  image?: string;
  strategy?: NonNullable<Deployment['spec']>['strategy'];
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  annotations?: Record<string, string>;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  /** Leave the pods to the real scheduler and kubelet (end-to-end tests). */
  realKubelet?: boolean;
};

export function deploymentBody(name: string, options: DeploymentOptions = {}): KubeObject {
  const body: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(options.strategy ? { strategy: options.strategy } : {}),
      ...(options.minReadySeconds !== undefined ? { minReadySeconds: options.minReadySeconds } : {}),
      ...(options.progressDeadlineSeconds !== undefined
        ? { progressDeadlineSeconds: options.progressDeadlineSeconds }
        : {}),
      ...(options.revisionHistoryLimit !== undefined
        ? { revisionHistoryLimit: options.revisionHistoryLimit }
        : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(options.realKubelet ? {} : { schedulerName: TEST_SCHEDULER }),
          containers: [
            {
              name: 'app',
              image: options.image ?? 'nginx:1.25',
              ...(options.resources ? { resources: options.resources } : {}),
            },
          ],
        },
      },
    },
  };
  return body;
}

export function getObject<T>(
  cluster: SimCluster,
  descriptor: ResourceDescriptor,
  name: string,
  namespace = NS,
): T {
  return cluster.api.get(descriptor, namespace, name) as T;
}

export function listObjects<T>(
  cluster: SimCluster,
  descriptor: ResourceDescriptor,
  namespace: string | undefined = NS,
): T[] {
  return cluster.api.list(descriptor, namespace).items as T[];
}

export const getDeployment = (cluster: SimCluster, name: string): Deployment =>
  getObject<Deployment>(cluster, deployments, name);

/** The Deployment's ReplicaSets, oldest revision first. */
export function replicaSetsOf(cluster: SimCluster, deploymentName: string): ReplicaSet[] {
  const uid = getDeployment(cluster, deploymentName).metadata?.uid;
  return listObjects<ReplicaSet>(cluster, replicaSets)
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.uid === uid && r.controller))
    .sort(
      (a, b) =>
        Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) -
        Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']),
    );
}

export function podsOf(cluster: SimCluster, owner: KubeObject, namespace = NS): Pod[] {
  return listObjects<Pod>(cluster, pods, namespace).filter((pod) =>
    pod.metadata?.ownerReferences?.some((r) => r.uid === owner.metadata?.uid),
  );
}

/** What the kubelet would report for a started, ready pod (Ready since now). */
export function markPodReady(cluster: SimCluster, pod: Pod, ip = '10.244.9.9'): Pod {
  const now = cluster.clock.nowTime();
  const body = structuredClone(pod);
  body.status = {
    ...body.status,
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
    conditions: [
      { type: 'Initialized', status: 'True', lastTransitionTime: now },
      { type: 'Ready', status: 'True', lastTransitionTime: now },
      { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
    ],
  };
  return cluster.api.replace(pods, pod.metadata?.namespace, pod.metadata?.name ?? '', body, {}, 'status');
}

const isReady = (pod: Pod): boolean =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Marks every pod of the namespace that is not ready (and not being deleted) ready; returns how many. */
export function markAllPodsReady(cluster: SimCluster, namespace = NS): number {
  let count = 0;
  for (const pod of listObjects<Pod>(cluster, pods, namespace)) {
    if (isReady(pod) || pod.metadata?.deletionTimestamp) continue;
    count += 1;
    markPodReady(cluster, pod, `10.244.1.${count + 10}`);
  }
  cluster.settle();
  return count;
}

/**
 * Plays the kubelet through a rollout: each virtual second, every new pod becomes ready; stops when the
 * Deployment reports complete (or after `maxSeconds`). Returns the seconds it took.
 */
export function driveRollout(cluster: SimCluster, name: string, maxSeconds = 60): number {
  for (let second = 0; second < maxSeconds; second += 1) {
    cluster.settle();
    markAllPodsReady(cluster);
    const deployment = getDeployment(cluster, name);
    const progressing = deployment.status?.conditions?.find((c) => c.type === 'Progressing');
    if (
      progressing?.reason === 'NewReplicaSetAvailable' &&
      (deployment.status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0)
    ) {
      return second;
    }
    cluster.advance(1000);
  }
  throw new Error(`rollout of ${name} did not complete in ${maxSeconds}s`);
}

/** Events about one object, oldest first (event names end in the hex time and a sequence number). */
export function eventsFor(cluster: SimCluster, kind: string, name: string, namespace = NS): Event[] {
  const suffix = (event: Event): string => event.metadata?.name?.split('.').pop() ?? '';
  return listObjects<Event>(cluster, events, namespace)
    .filter((event) => event.involvedObject.kind === kind && event.involvedObject.name === name)
    .sort((a, b) => (suffix(a) < suffix(b) ? -1 : suffix(a) > suffix(b) ? 1 : 0));
}

/** `Reason: message` lines of an object's events, oldest first. */
export function eventLines(cluster: SimCluster, kind: string, name: string, namespace = NS): string[] {
  return eventsFor(cluster, kind, name, namespace).map(
    (event) => `${event.type} ${event.reason}: ${event.message}`,
  );
}

/** `Type Status Reason` of each condition, as `kubectl describe` prints them. */
export function conditionSummary(object: {
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}): string[] {
  return (object.status?.conditions ?? []).map((c) => `${c.type} ${c.status} ${c.reason ?? ''}`.trim());
}
