/**
 * Builds a Deployment with its revision history the way the controllers leave it: one ReplicaSet per revision
 * (`deployment.kubernetes.io/revision`, ownerReferences, pod-template-hash), pods owned by their ReplicaSet,
 * and statuses summed up. The last revision is the current one.
 */
import type {
  Container,
  ContainerStatus,
  Deployment,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
} from '../../src/kube/types.js';
import {
  HASHES,
  POD_SUFFIXES,
  TIME,
  podConditions,
  type DeploymentCondition,
  type PodCondition,
} from './kube-builders.js';

export type PodState = { statuses: ContainerStatus[]; phase: string; conditions: PodCondition[] };
/** A pod of a revision, given its generated name (CrashLoopBackOff messages quote it). */
export type PodInput = (podName: string) => PodState;

export type RevisionInput = {
  containers: Container[];
  pods: PodInput[];
  /** Extra pod spec (volumes …). */
  spec?: Partial<NonNullable<PodTemplateSpec['spec']>>;
  /** `deployment.kubernetes.io/desired-replicas`; defaults to the deployment's replicas. */
  desiredReplicas?: number;
};

export type WorkloadOptions = {
  replicas?: number;
  conditions?: DeploymentCondition[];
  labels?: Record<string, string>;
};
export type Workload = { deployment: Deployment; replicaSets: ReplicaSet[]; pods: Pod[] };

export const readyPod =
  (...statuses: ((pod: string) => ContainerStatus)[]): PodInput =>
  (pod) => ({
    statuses: statuses.map((s) => s(pod)),
    phase: 'Running',
    conditions: podConditions(true, names(statuses, pod)),
  });

export const failingPod =
  (...statuses: ((pod: string) => ContainerStatus)[]): PodInput =>
  (pod) => ({
    statuses: statuses.map((s) => s(pod)),
    phase: 'Running',
    conditions: podConditions(false, names(statuses, pod)),
  });

export const pendingPod =
  (conditions: PodCondition[], ...statuses: ((pod: string) => ContainerStatus)[]): PodInput =>
  (pod) => ({ statuses: statuses.map((s) => s(pod)), phase: 'Pending', conditions });

function names(statuses: ((pod: string) => ContainerStatus)[], pod: string): string {
  return statuses.map((s) => s(pod).name).join(' ');
}

function template(labels: Record<string, string>, revision: RevisionInput, hash?: string): PodTemplateSpec {
  return {
    metadata: { labels: hash ? { ...labels, 'pod-template-hash': hash } : { ...labels } },
    spec: { containers: revision.containers, restartPolicy: 'Always', ...revision.spec },
  };
}

export function workload(
  namespace: string,
  name: string,
  revisions: RevisionInput[],
  options: WorkloadOptions = {},
): Workload {
  const labels = options.labels ?? { app: name };
  const current = revisions.at(-1);
  if (!current) throw new Error('a workload needs at least one revision');
  const replicas = options.replicas ?? current.pods.length;
  const deploymentUid = `uid-deploy-${name}`;
  const replicaSets: ReplicaSet[] = [];
  const pods: Pod[] = [];
  revisions.forEach((revision, index) => {
    const hash = HASHES[index] ?? `h${index}`;
    const rsName = `${name}-${hash}`;
    const revisionPods = revision.pods.map((input, podIndex) => {
      const podName = `${rsName}-${POD_SUFFIXES[podIndex] ?? `p${podIndex}`}`;
      const state = input(podName);
      const pod: Pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace,
          uid: `uid-${podName}`,
          labels: { ...labels, 'pod-template-hash': hash },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: rsName,
              uid: `uid-${rsName}`,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          ...template(labels, revision).spec!,
          ...(state.phase === 'Pending' && state.statuses.length === 0 ? {} : { nodeName: 'node-1' }),
        },
        status: {
          phase: state.phase,
          conditions: state.conditions,
          containerStatuses: state.statuses,
          startTime: TIME,
          qosClass: 'Burstable',
        },
      };
      return pod;
    });
    pods.push(...revisionPods);
    const ready = revisionPods.filter((pod) =>
      pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    replicaSets.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace,
        uid: `uid-${rsName}`,
        labels: { ...labels, 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/revision': String(index + 1),
          'deployment.kubernetes.io/desired-replicas': String(revision.desiredReplicas ?? replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + 1),
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: deploymentUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: revisionPods.length,
        selector: { matchLabels: { ...labels, 'pod-template-hash': hash } },
        template: template(labels, revision, hash),
      },
      status: {
        replicas: revisionPods.length,
        fullyLabeledReplicas: revisionPods.length,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: 1,
      },
    });
  });
  const available = replicaSets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0);
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid: deploymentUid,
      generation: revisions.length,
      annotations: { 'deployment.kubernetes.io/revision': String(revisions.length) },
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: template(labels, current),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: revisions.length,
      replicas: pods.length,
      updatedReplicas: current.pods.length,
      readyReplicas: available,
      availableReplicas: available,
      ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
      conditions:
        options.conditions ??
        deploymentConditions(name, HASHES[revisions.length - 1] ?? '', available >= replicas),
    },
  };
  return { deployment, replicaSets, pods };
}

function deploymentConditions(name: string, hash: string, complete: boolean): DeploymentCondition[] {
  return [
    complete
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: TIME,
          lastTransitionTime: TIME,
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
          lastUpdateTime: TIME,
          lastTransitionTime: TIME,
        },
    complete
      ? {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}-${hash}" has successfully progressed.`,
          lastUpdateTime: TIME,
          lastTransitionTime: TIME,
        }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${name}-${hash}" is progressing.`,
          lastUpdateTime: TIME,
          lastTransitionTime: TIME,
        },
  ];
}
