/**
 * Live objects for the action-plan tests: a Deployment with its revision history as a 1.32 API server returns it
 * (resourceVersion, generation, revision annotation, defaulted probe and strategy fields, owned ReplicaSets), and
 * the PlanContext an approval builds around it.
 */
import type { PlanContext } from '../../src/actions/plan.js';
import type { ProposalTarget } from '../../src/domain/proposal.js';
import type { Container, Deployment, Pod, ReplicaSet } from '../../src/kube/types.js';
import { container, crashLooping, running } from '../support/kube-builders.js';
import { failingPod, readyPod, workload } from '../support/workload-builder.js';

export const INCIDENT = 'inc-20250110-1005-k3vq';
export const APPROVER = 'U024BE7LH';
export const NOW = new Date('2025-01-10T10:05:42.318Z');
export const RESOURCE_VERSION = '48213';

export const GOOD_IMAGE = 'registry.example.com/payments/api:1.8.1';
export const BAD_IMAGE = 'registry.example.com/payments/api:1.8.2';

/** The `app` container of the payments API (index 0), as the API server defaults it. */
export function appContainer(image: string): Container {
  return container('app', image, {
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'LOG_LEVEL' } } },
    ],
    readinessProbe: {
      httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
      periodSeconds: 5,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
}

/** A sidecar with nothing set (index 1): edits to it must address containers/1 and test its name there. */
export function sidecarContainer(): Container {
  return container('metrics', 'registry.example.com/platform/metrics-agent:0.9.3', {
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  });
}

export type LiveWorkload = { deployment: Deployment; replicaSets: ReplicaSet[]; pods: Pod[] };

export type LiveOptions = {
  /** Deployment metadata.annotations; `null` = the object has none at all. */
  annotations?: Record<string, string> | null;
  /** Pod template annotations (restart needs both shapes). */
  templateAnnotations?: Record<string, string>;
  replicas?: number;
};

/**
 * payments: revision 1 (api:1.8.1, healthy) and revision 2 (api:1.8.2, crash-looping), two containers each.
 * Deep-copied on every call: plans must never mutate what they are given, and tests may edit it freely.
 */
export function livePayments(options: LiveOptions = {}): LiveWorkload {
  const built = workload(
    'payments',
    'payments',
    [
      {
        containers: [appContainer(GOOD_IMAGE), sidecarContainer()],
        pods: [
          readyPod(
            () => running('app', GOOD_IMAGE),
            () => running('metrics', 'metrics-agent'),
          ),
        ],
        desiredReplicas: 2,
      },
      {
        containers: [appContainer(BAD_IMAGE), sidecarContainer()],
        pods: [
          failingPod(
            (pod) => crashLooping('app', BAD_IMAGE, pod, { exitCode: 1 }),
            () => running('metrics', 'metrics-agent'),
          ),
        ],
      },
    ],
    { replicas: options.replicas ?? 2 },
  );
  const deployment = structuredClone(built.deployment);
  const metadata = deployment.metadata!;
  metadata.resourceVersion = RESOURCE_VERSION;
  metadata.creationTimestamp = '2025-01-09T16:20:00Z';
  metadata.labels = { app: 'payments' };
  if (options.annotations === null) delete metadata.annotations;
  else metadata.annotations = options.annotations ?? { 'deployment.kubernetes.io/revision': '2' };
  if (options.templateAnnotations)
    deployment.spec!.template.metadata!.annotations = options.templateAnnotations;
  const replicaSets = structuredClone(built.replicaSets);
  replicaSets.forEach((rs, index) => {
    rs.metadata!.resourceVersion = String(48000 + index);
    rs.metadata!.creationTimestamp = '2025-01-09T16:20:00Z';
  });
  return { deployment, replicaSets, pods: structuredClone(built.pods) };
}

export function deploymentTarget(container?: string): ProposalTarget {
  return {
    kind: 'Deployment',
    namespace: 'payments',
    name: 'payments',
    ...(container !== undefined ? { container } : {}),
  };
}

export function planContext(
  target: ProposalTarget,
  live: { deployment?: Deployment; replicaSets?: ReplicaSet[]; pod?: Pod },
): PlanContext {
  return { target, ...live, incidentId: INCIDENT, approvedBy: APPROVER, now: NOW };
}

/** The change-cause line every Deployment change carries. */
export function changeCause(description: string): string {
  return `sre-bot ${INCIDENT}: ${description} (approved by ${APPROVER})`;
}

/** The annotation operations on a Deployment that has annotations but neither of ours yet. */
export function annotationAdds(description: string) {
  return [
    { op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: changeCause(description) },
    { op: 'add', path: '/metadata/annotations/sre-bot.dev~1incident', value: INCIDENT },
  ];
}

export const RESOURCE_VERSION_OP = {
  op: 'replace',
  path: '/metadata/resourceVersion',
  value: RESOURCE_VERSION,
} as const;
