/**
 * What the cluster can give a pod: the largest node's allocatable, a ResourceQuota's remaining room, and what a
 * pod spec asks for. Fixes that raise requests or limits stay inside these bounds.
 */
import type { Container, PodTemplateSpec } from '../../kube/types.js';
import type { NodeSummary, Snapshot } from '../../domain/snapshot.js';
import { parseResource } from '../../kube/quantity.js';

/** Ready nodes that accept pods; all nodes when none qualify (the numbers are still the best we know). */
function candidateNodes(snapshot: Snapshot): NodeSummary[] {
  const usable = snapshot.nodes.filter((node) => node.ready && !node.unschedulable);
  return usable.length > 0 ? usable : snapshot.nodes;
}

export function largestAllocatable(
  snapshot: Snapshot,
  resource: string,
): { node: string; amount: number } | undefined {
  let best: { node: string; amount: number } | undefined;
  for (const node of candidateNodes(snapshot)) {
    const amount = parseResource(resource, node.allocatable[resource]);
    if (amount !== undefined && (best === undefined || amount > best.amount))
      best = { node: node.name, amount };
  }
  return best;
}

/** The tightest quota room for the first of `keys` a quota limits (e.g. `requests.memory` or `memory`). */
export function quotaRoom(
  snapshot: Snapshot,
  keys: readonly string[],
): { quota: string; room: number } | undefined {
  let tightest: { quota: string; room: number } | undefined;
  for (const quota of snapshot.resourceQuotas) {
    const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
    const key = keys.find((k) => hard[k] !== undefined);
    if (key === undefined) continue;
    const limit = parseResource(key, hard[key]) ?? 0;
    const used = parseResource(key, quota.status?.used?.[key]) ?? 0;
    const room = Math.max(limit - used, 0);
    if (tightest === undefined || room < tightest.room)
      tightest = { quota: quota.metadata?.name ?? '?', room };
  }
  return tightest;
}

/** A container's request for a resource: the request, else the limit (the API defaults requests to limits). */
export function containerRequest(container: Container, resource: string): number {
  const { requests, limits } = container.resources ?? {};
  return parseResource(resource, requests?.[resource] ?? limits?.[resource]) ?? 0;
}

/** What the scheduler reserves for a pod: the sum over containers, or the largest init container if larger. */
export function podRequest(template: PodTemplateSpec | undefined, resource: string): number {
  const spec = template?.spec;
  const containers = (spec?.containers ?? []).reduce((sum, c) => sum + containerRequest(c, resource), 0);
  const init = Math.max(0, ...(spec?.initContainers ?? []).map((c) => containerRequest(c, resource)));
  return Math.max(containers, init);
}
