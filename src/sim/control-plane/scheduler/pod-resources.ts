/**
 * What a pod asks of a node, as the scheduler's NodeResourcesFit plugin counts it: the sum of its containers'
 * requests, at least the largest init container's (init containers run one at a time, before the others), plus
 * the pod overhead. CPU is in millicores, everything else in base units (bytes, counts).
 */
import type { Container, Pod } from '../../../kube/types.js';
import { parseBytes, parseMillicores } from '../../../kube/quantity.js';

export type ResourceAmounts = Map<string, number>;

/** Kubernetes' non-zero defaults for pods without requests, used only for scoring (`schedutil.GetNonzeroRequests`). */
const DEFAULT_MILLI_CPU_REQUEST = 100;
const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function parseResource(name: string, value: string | undefined): number | undefined {
  return name === 'cpu' ? parseMillicores(value) : parseBytes(value);
}

/** A container's requests; a resource with only a limit requests its limit (the API server's default). */
export function containerRequests(container: Container): ResourceAmounts {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  const amounts: ResourceAmounts = new Map();
  for (const name of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    const amount = parseResource(name, requests[name] ?? limits[name]);
    if (amount !== undefined && amount > 0) amounts.set(name, amount);
  }
  return amounts;
}

function addInto(total: ResourceAmounts, more: ResourceAmounts): void {
  for (const [name, amount] of more) total.set(name, (total.get(name) ?? 0) + amount);
}

function maxInto(total: ResourceAmounts, other: ResourceAmounts): void {
  for (const [name, amount] of other) total.set(name, Math.max(total.get(name) ?? 0, amount));
}

export function podRequests(pod: Pod): ResourceAmounts {
  const total: ResourceAmounts = new Map();
  for (const container of pod.spec?.containers ?? []) addInto(total, containerRequests(container));
  for (const container of pod.spec?.initContainers ?? []) maxInto(total, containerRequests(container));
  const overhead: ResourceAmounts = new Map();
  for (const [name, value] of Object.entries(pod.spec?.overhead ?? {})) {
    const amount = parseResource(name, value);
    if (amount !== undefined) overhead.set(name, amount);
  }
  addInto(total, overhead);
  return total;
}

/** CPU and memory for scoring: containers without a request count as 100m / 200Mi, so empty pods still spread. */
export function nonZeroRequests(pod: Pod): { milliCpu: number; memory: number } {
  let milliCpu = 0;
  let memory = 0;
  for (const container of pod.spec?.containers ?? []) {
    const requests = containerRequests(container);
    milliCpu += requests.get('cpu') ?? DEFAULT_MILLI_CPU_REQUEST;
    memory += requests.get('memory') ?? DEFAULT_MEMORY_REQUEST;
  }
  return { milliCpu, memory };
}
