/**
 * What a pod counts against a ResourceQuota (kubernetes `pkg/quota/v1/evaluator/core/pods.go`): `count/pods`
 * always; for pods not finished, `pods` and the compute resources — requests.cpu (also counted as `cpu`),
 * requests.memory (`memory`), limits.cpu, limits.memory, summed over containers, with init containers counted
 * at their maximum. And the old rule that a quota on cpu or memory requires every container to declare them.
 */
import type { Container, Pod } from '../../../kube/types.js';
import { isPodTerminal } from '../shared/pod-state.js';
import { addAmounts, type Amount } from './amounts.js';
import { parseAmount } from './amounts.js';

export type Usage = Map<string, Amount>;

/** Resources whose declaration the pod evaluator enforces when a quota constrains them. */
const DECLARATION_REQUIRED = [
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
];

const one = (): Amount => ({ value: 1, binary: false });

function resourceList(values: Record<string, string> | undefined): Map<string, Amount> {
  const result = new Map<string, Amount>();
  for (const [name, text] of Object.entries(values ?? {})) {
    const amount = parseAmount(text);
    if (amount) result.set(name, amount);
  }
  return result;
}

/** `podComputeUsageHelper`: a requests/limits pair in quota resource names. */
function computeUsage(requests: Map<string, Amount>, limits: Map<string, Amount>): Usage {
  const usage: Usage = new Map([['pods', one()]]);
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(resource);
    if (request) {
      usage.set(resource, request);
      usage.set(`requests.${resource}`, request);
    }
    const limit = limits.get(resource);
    if (limit) usage.set(`limits.${resource}`, limit);
  }
  return usage;
}

function containerUsage(container: Container): Usage {
  return computeUsage(resourceList(container.resources?.requests), resourceList(container.resources?.limits));
}

function sumInto(target: Map<string, Amount>, values: Map<string, Amount>): void {
  for (const [name, amount] of values) target.set(name, addAmounts(target.get(name), amount));
}

function maxInto(target: Map<string, Amount>, values: Map<string, Amount>): void {
  for (const [name, amount] of values) {
    const current = target.get(name);
    if (!current || amount.value > current.value) target.set(name, amount);
  }
}

export function podUsage(pod: Pod): Usage {
  const usage: Usage = new Map([['count/pods', one()]]);
  if (isPodTerminal(pod)) return usage;
  const requests = new Map<string, Amount>();
  const limits = new Map<string, Amount>();
  for (const container of pod.spec?.containers ?? []) {
    sumInto(requests, resourceList(container.resources?.requests));
    sumInto(limits, resourceList(container.resources?.limits));
  }
  // Init containers run one at a time before the app containers: the largest one is what the pod needs.
  for (const container of pod.spec?.initContainers ?? []) {
    maxInto(requests, resourceList(container.resources?.requests));
    maxInto(limits, resourceList(container.resources?.limits));
  }
  sumInto(requests, resourceList(pod.spec?.overhead));
  sumInto(limits, resourceList(pod.spec?.overhead));
  for (const [name, amount] of computeUsage(requests, limits)) usage.set(name, amount);
  return usage;
}

/**
 * `must specify limits.cpu for: app; requests.memory for: app,sidecar` when a quota constrains cpu/memory
 * resources some container does not declare; undefined when every container declares them.
 */
export function missingDeclarations(pod: Pod, constrained: ReadonlySet<string>): string | undefined {
  const required = DECLARATION_REQUIRED.filter((resource) => constrained.has(resource));
  const missing = new Map<string, Set<string>>();
  for (const container of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const declared = containerUsage(container);
    for (const resource of required) {
      if (declared.has(resource)) continue;
      const names = missing.get(resource) ?? new Set<string>();
      names.add(container.name);
      missing.set(resource, names);
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()]
    .sort()
    .map((resource) => `${resource} for: ${[...(missing.get(resource) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}
