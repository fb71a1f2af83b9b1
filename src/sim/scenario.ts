/**
 * Scenarios (SPEC §6): multi-document YAML files of ordinary Kubernetes objects, applied in order, each document
 * after the control plane has settled the one before — so a Deployment that appears twice gets two revisions,
 * the first one running. What a scenario is *expected* to diagnose lives elsewhere (eval expectations), never in
 * the objects: the bot only ever sees the cluster.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../kube/types.js';
import { SCENARIOS_DIR } from '../paths.js';
import type { SimCluster } from './cluster.js';
import { ApiError } from './errors.js';
import { resources } from './resources/registry.js';
import type { ResourceDescriptor } from './resources/descriptor.js';

/** How long (virtual) to wait for a workload document to roll out before applying the next one. */
const SETTLE_LIMIT_MS = 180_000;
const SETTLE_STEP_MS = 1_000;

export type Scenario = { name: string; path: string; objects: KubeObject[] };

/** A scenario by name (`payments-missing-env`, from manifests/scenarios/) or by file path. */
export function loadScenario(nameOrPath: string): Scenario {
  const candidates = [nameOrPath, join(SCENARIOS_DIR, `${nameOrPath}.yaml`), join(SCENARIOS_DIR, nameOrPath)];
  const path = candidates.find((candidate) => /\.ya?ml$/.test(candidate) && existsSync(candidate));
  if (!path) throw new Error(`scenario "${nameOrPath}" not found (looked for ${candidates.join(', ')})`);
  return {
    name: nameOrPath.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
    path,
    objects: parseScenario(readFileSync(path, 'utf8'), path),
  };
}

export function parseScenario(text: string, source = 'scenario'): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if ('errors' in document && document.errors.length > 0) {
      throw new Error(`${source}: ${document.errors[0]!.message}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${source}: every document must be an object`);
    const object = value as KubeObject;
    if (!object.apiVersion || !object.kind || !object.metadata?.name) {
      throw new Error(`${source}: every document needs apiVersion, kind and metadata.name`);
    }
    objects.push(object);
  }
  return objects;
}

export function descriptorFor(object: KubeObject): ResourceDescriptor {
  const [group, version] = object.apiVersion!.includes('/')
    ? object.apiVersion!.split('/')
    : ['', object.apiVersion!];
  const descriptor = resources.find(
    (r) => r.group === group && r.version === version && r.kind === object.kind,
  );
  if (!descriptor)
    throw new Error(`the simulated cluster does not serve ${object.kind} in ${object.apiVersion}`);
  return descriptor;
}

/** Creates or updates (like `kubectl apply`) every object, settling between documents. */
export function applyScenario(cluster: SimCluster, scenario: Scenario): void {
  scenario.objects.forEach((object, index) => {
    applyObject(cluster, object, scenario.name);
    const isLast = index === scenario.objects.length - 1;
    if (isLast) cluster.settle();
    else settleAfter(cluster, object);
  });
}

export function applyObject(cluster: SimCluster, object: KubeObject, source: string): KubeObject {
  const descriptor = descriptorFor(object);
  const namespace = descriptor.namespaced ? (object.metadata?.namespace ?? 'default') : undefined;
  const name = object.metadata!.name!;
  // What `kubectl apply` records, so that a later `kubectl apply` of a changed file computes a proper patch.
  const lastApplied = JSON.stringify({
    ...object,
    metadata: { ...object.metadata, ...(namespace ? { namespace } : {}) },
  });
  object = structuredClone(object);
  object.metadata = {
    ...object.metadata,
    annotations: {
      ...object.metadata?.annotations,
      'kubectl.kubernetes.io/last-applied-configuration': `${lastApplied}\n`,
    },
  };
  try {
    const existing = cluster.api.find(descriptor, namespace, name);
    if (!existing)
      return cluster.api.create(descriptor, namespace, object, {
        user: 'scenario',
        fieldManager: 'kubectl-client-side-apply',
      });
    const updated = {
      ...object,
      metadata: { ...object.metadata, resourceVersion: existing.metadata?.resourceVersion },
    };
    return cluster.api.replace(descriptor, namespace, name, updated, {
      user: 'scenario',
      fieldManager: 'kubectl-client-side-apply',
    });
  } catch (error) {
    const detail = error instanceof ApiError ? error.status.message : String(error);
    throw new Error(
      `${source}: cannot apply ${object.kind} ${namespace ? `${namespace}/` : ''}${name}: ${detail}`,
    );
  }
}

/** Workload documents wait until their rollout completes (bounded); everything else just settles. */
function settleAfter(cluster: SimCluster, object: KubeObject): void {
  cluster.settle();
  if (object.kind !== 'Deployment') return;
  const descriptor = descriptorFor(object);
  const namespace = object.metadata?.namespace ?? 'default';
  const name = object.metadata!.name!;
  for (let waited = 0; waited < SETTLE_LIMIT_MS; waited += SETTLE_STEP_MS) {
    if (rolledOut(cluster.api.find(descriptor, namespace, name))) return;
    cluster.advance(SETTLE_STEP_MS);
  }
}

function rolledOut(deployment: KubeObject | undefined): boolean {
  if (!deployment) return true;
  const spec = deployment.spec as { replicas?: number } | undefined;
  const status = deployment.status as
    | { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number }
    | undefined;
  const replicas = spec?.replicas ?? 1;
  return (
    (status?.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1) &&
    (status?.updatedReplicas ?? 0) === replicas &&
    (status?.availableReplicas ?? 0) === replicas &&
    (status?.replicas ?? 0) === replicas
  );
}
