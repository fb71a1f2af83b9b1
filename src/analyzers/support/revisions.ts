/**
 * A Deployment's revision history as the cluster keeps it: one ReplicaSet per pod template, numbered by the
 * `deployment.kubernetes.io/revision` annotation. `kubectl rollout undo --to-revision` works from the same data,
 * so a rollback proposed from here names a revision that really exists.
 */
import type { Container, Deployment, PodTemplateSpec, ReplicaSet } from '../../kube/types.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { containerNamed, replicaSetsOf } from './workloads.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';

export type Revision = {
  number: number;
  replicaSet: ReplicaSet;
  template: PodTemplateSpec | undefined;
  /** Pods of this revision available right now: the proof that the template runs healthy. */
  available: number;
  /** `deployment.kubernetes.io/desired-replicas`: the Deployment's replica count when this revision was last scaled. */
  desiredReplicas: number | undefined;
};

function integerAnnotation(replicaSet: ReplicaSet, key: string): number | undefined {
  const text = replicaSet.metadata?.annotations?.[key];
  const value = text === undefined ? NaN : Number(text);
  return Number.isInteger(value) ? value : undefined;
}

/** The Deployment's ReplicaSets that carry a revision number, oldest first. */
export function revisionHistory(snapshot: Snapshot, deployment: Deployment): Revision[] {
  return replicaSetsOf(snapshot, deployment)
    .flatMap((replicaSet) => {
      const number = integerAnnotation(replicaSet, REVISION_ANNOTATION);
      if (number === undefined) return [];
      const available = replicaSet.status?.availableReplicas ?? replicaSet.status?.readyReplicas ?? 0;
      const desiredReplicas = integerAnnotation(replicaSet, DESIRED_REPLICAS_ANNOTATION);
      return [{ number, replicaSet, template: replicaSet.spec?.template, available, desiredReplicas }];
    })
    .sort((a, b) => a.number - b.number);
}

/** The revision the Deployment runs now: its own revision annotation, else the highest one. */
export function currentRevision(snapshot: Snapshot, deployment: Deployment): Revision | undefined {
  const history = revisionHistory(snapshot, deployment);
  const declared = Number(deployment.metadata?.annotations?.[REVISION_ANNOTATION]);
  return history.find((revision) => revision.number === declared) ?? history.at(-1);
}

/**
 * The newest revision before the current one whose pods are available now (a rolling update keeps the old
 * ReplicaSet's pods running while the new one fails), optionally also satisfying `accept` (e.g. "its image
 * differs"). Revisions scaled to zero are not known to be healthy, so they are never chosen.
 */
export function lastHealthyRevision(
  snapshot: Snapshot,
  deployment: Deployment,
  accept: (revision: Revision) => boolean = () => true,
): Revision | undefined {
  const current = currentRevision(snapshot, deployment);
  if (!current) return undefined;
  return revisionHistory(snapshot, deployment)
    .filter((revision) => revision.number < current.number && revision.available > 0 && accept(revision))
    .at(-1);
}

/** What differs in one container between two templates, as short human phrases (`image a → b`). */
export function containerChanges(before: Container | undefined, after: Container | undefined): string[] {
  if (!before || !after) return before === after ? [] : ['container added or removed'];
  const changes: string[] = [];
  for (const field of ['image', 'command', 'args'] as const) {
    const was = JSON.stringify(before[field] ?? null);
    const now = JSON.stringify(after[field] ?? null);
    if (was !== now)
      changes.push(
        `${field} ${field === 'image' ? before.image : was} → ${field === 'image' ? after.image : now}`,
      );
  }
  // Values may be sensitive or long: for these only say that they changed.
  for (const field of [
    'env',
    'envFrom',
    'resources',
    'ports',
    'readinessProbe',
    'livenessProbe',
    'startupProbe',
  ] as const) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
      changes.push(`${field} changed`);
  }
  return changes;
}

export function templateContainerChanges(
  before: PodTemplateSpec | undefined,
  after: PodTemplateSpec | undefined,
  container: string,
): string[] {
  return containerChanges(containerNamed(before, container), containerNamed(after, container));
}

/** Every image any revision of the Deployment (and its current spec) has used. */
export function imagesInHistory(snapshot: Snapshot, deployment: Deployment): Set<string> {
  const templates = [
    deployment.spec?.template,
    ...revisionHistory(snapshot, deployment).map((r) => r.template),
  ];
  const images = templates.flatMap((template) => template?.spec?.containers.map((c) => c.image) ?? []);
  return new Set(images.filter((image): image is string => image !== undefined));
}
