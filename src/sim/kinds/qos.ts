/**
 * A pod's QoS class (kubernetes `pkg/apis/core/helper/qos.ComputePodQOS`): Guaranteed when every container has cpu
 * and memory limits and the summed requests equal the summed limits, BestEffort without any cpu/memory request or
 * limit, Burstable otherwise. Only cpu and memory count; zero quantities are ignored.
 */
import type { PodSpec } from './pod-spec-defaults.js';
import { parseQuantity, sameQuantity } from './quantity.js';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function addPositive(totals: Map<string, number>, values: Record<string, string> | undefined): Set<string> {
  const found = new Set<string>();
  for (const [resource, raw] of Object.entries(values ?? {})) {
    const quantity = parseQuantity(raw);
    if (!QOS_RESOURCES.includes(resource) || quantity === undefined || quantity <= 0) continue;
    found.add(resource);
    totals.set(resource, (totals.get(resource) ?? 0) + quantity);
  }
  return found;
}

export function podQosClass(spec: PodSpec): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    addPositive(requests, container.resources?.requests);
    const limited = addPositive(limits, container.resources?.limits);
    if (!QOS_RESOURCES.every((resource) => limited.has(resource))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [resource, request] of requests) {
      const limit = limits.get(resource);
      if (limit === undefined || !sameQuantity(limit, request)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
