/**
 * Values in a proposal must come from the cluster, not from imagination: a ConfigMap/Secret key that exists, an
 * image the Deployment has run, a revision it has, a port the container declares, a replica count near what it
 * has had. Each check returns the reason a value is not grounded, or undefined.
 */
import type { z } from 'zod';
import { RollbackParams } from '../actions/rollback.js';
import { ScaleParams } from '../actions/scale.js';
import { SetEnvParams } from '../actions/set-env.js';
import { SetImageParams } from '../actions/set-image.js';
import { SetProbeParams } from '../actions/set-probe.js';
import { SetResourcesParams } from '../actions/set-resources.js';
import type { ActionKind } from '../domain/categories.js';
import type { ProposalTarget } from '../domain/proposal.js';
import type { KeySet, Snapshot } from '../domain/snapshot.js';
import { largestAllocatable } from '../analyzers/support/capacity.js';
import { probePort } from '../analyzers/support/probe-failures.js';
import { parseResource } from '../kube/quantity.js';
import { currentRevision, imagesInHistory, revisionHistory } from '../analyzers/support/revisions.js';
import { findDeployment } from '../analyzers/support/workloads.js';
import { maxReplicasSeen } from './replica-history.js';
import { targetContainer } from './proposal-target.js';

export type GroundingContext = { snapshot: Snapshot; source: 'rules' | 'llm' };
type Check = (params: unknown, target: ProposalTarget, context: GroundingContext) => string | undefined;

/** Narrows already-validated params to the kind's type (the same schema the catalog validated them with). */
function typed<P>(
  schema: z.ZodType<P>,
  check: (params: P, target: ProposalTarget, context: GroundingContext) => string | undefined,
): Check {
  return (params, target, context) => {
    const parsed = schema.safeParse(params);
    return parsed.success ? check(parsed.data, target, context) : 'params do not match the action';
  };
}

function keyProblem(
  sets: readonly KeySet[],
  kind: string,
  ref: { name: string; key: string },
): string | undefined {
  const set = sets.find((s) => s.name === ref.name);
  if (!set) return `${kind} "${ref.name}" does not exist`;
  return set.keys.includes(ref.key) ? undefined : `${kind} "${ref.name}" has no key "${ref.key}"`;
}

const setEnv = typed(SetEnvParams, (params, _target, { snapshot, source }) => {
  const from = params.valueFrom;
  if (from && 'configMapKeyRef' in from)
    return keyProblem(snapshot.configMaps, 'ConfigMap', from.configMapKeyRef);
  if (from && 'secretKeyRef' in from) return keyProblem(snapshot.secrets, 'Secret', from.secretKeyRef);
  // A literal value from a model is an invented value; reference a ConfigMap or Secret key instead.
  return source === 'llm'
    ? 'a literal value is not grounded in the cluster: reference a ConfigMap or Secret key'
    : undefined;
});

const setImage = typed(SetImageParams, (params, target, { snapshot }) => {
  const deployment = findDeployment(snapshot, target.name);
  if (!deployment) return `deployment/${target.name} not found`;
  const seen = imagesInHistory(snapshot, deployment);
  if (!seen.has(params.image))
    return `image "${params.image}" was never used by deployment/${target.name} (seen: ${[...seen].join(', ')})`;
  if (targetContainer(snapshot, target)?.image === params.image)
    return `image "${params.image}" is already the current image`;
  return undefined;
});

const rollback = typed(RollbackParams, (params, target, { snapshot }) => {
  const deployment = findDeployment(snapshot, target.name);
  if (!deployment) return `deployment/${target.name} not found`;
  const numbers = revisionHistory(snapshot, deployment).map((r) => r.number);
  if (!numbers.includes(params.toRevision)) {
    return `revision ${params.toRevision} does not exist for deployment/${target.name} (revisions: ${numbers.join(', ') || 'none'})`;
  }
  if (currentRevision(snapshot, deployment)?.number === params.toRevision)
    return `revision ${params.toRevision} is the current revision`;
  return undefined;
});

const setProbe = typed(SetProbeParams, (params, target, { snapshot }) => {
  const container = targetContainer(snapshot, target);
  const port = params.httpGet?.port ?? params.tcpSocket?.port;
  if (port === undefined || !container) return undefined;
  const declared = container.ports ?? [];
  // A container that declares no ports can only be probed where its current probes already point.
  const known =
    declared.length > 0
      ? declared.some((p) => p.containerPort === port || p.name === port)
      : [container.readinessProbe, container.livenessProbe, container.startupProbe].some(
          (probe) => probePort(probe) === port,
        );
  const list = declared.map((p) => `${p.containerPort}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none';
  return known
    ? undefined
    : `port ${port} is not declared by container ${container.name} (declared: ${list})`;
});

const scale = typed(ScaleParams, (params, target, { snapshot }) => {
  const deployment = findDeployment(snapshot, target.name);
  if (!deployment) return `deployment/${target.name} not found`;
  const ceiling = 10 * Math.max(maxReplicasSeen(snapshot, deployment), 1);
  return params.replicas > ceiling
    ? `${params.replicas} replicas is more than 10× the largest count deployment/${target.name} has had (max ${ceiling})`
    : undefined;
});

const setResources = typed(SetResourcesParams, (params, target, { snapshot }) => {
  const current = targetContainer(snapshot, target)?.resources;
  for (const resource of ['cpu', 'memory'] as const) {
    const limit = parseResource(resource, params.limits?.[resource] ?? current?.limits?.[resource]);
    const request = parseResource(resource, params.requests?.[resource] ?? current?.requests?.[resource]);
    if (limit !== undefined && request !== undefined && request > limit)
      return `requests.${resource} would exceed limits.${resource}`;
    const node = largestAllocatable(snapshot, resource);
    if (node && Math.max(limit ?? 0, request ?? 0) > node.amount) {
      return `${resource} exceeds the largest node's allocatable (${node.node})`;
    }
  }
  return undefined;
});

const CHECKS: Partial<Record<ActionKind, Check>> = {
  set_env: setEnv,
  set_image: setImage,
  rollback,
  set_probe: setProbe,
  scale,
  set_resources: setResources,
};

export function groundingProblem(
  kind: ActionKind,
  params: unknown,
  target: ProposalTarget,
  context: GroundingContext,
) {
  return CHECKS[kind]?.(params, target, context);
}
