/**
 * The ResourceQuota admission plugin: a create that would take a namespace past a quota's `spec.hard` is
 * refused with the API server's 403 — `pods "web-7d8f6c9b54-" is forbidden: exceeded quota: team-quota,
 * requested: requests.cpu=2, used: requests.cpu=9, limited: requests.cpu=10` (the generateName appears because
 * admission runs before names are generated) — as is a pod that leaves a constrained cpu/memory resource
 * undeclared: `failed quota: q: must specify limits.cpu for: app`.
 *
 * Usage is summed from the store at admission time: the same number the quota controller writes to
 * `status.used`, without the window in which a real quota's status lags behind.
 */
import type { ResourceQuota } from '../../../kube/types.js';
import type { AdmissionPlugin, AdmissionRequest } from '../../api/context.js';
import { errors } from '../../errors.js';
import type { ObjectStore } from '../../store.js';
import { addAmounts, formatAmount, parseAmount, ZERO, type Amount } from './amounts.js';
import { missingDeclarations } from './pod-usage.js';
import { namespaceUsage, objectUsage } from './usage.js';

/** `key=value,key=value` sorted by key, as the quota admission's prettyPrint renders resource lists. */
function render(names: readonly string[], values: (name: string) => Amount | undefined): string {
  return names.map((name) => `${name}=${formatAmount(values(name) ?? ZERO)}`).join(',');
}

function hardLimits(quota: ResourceQuota): Map<string, Amount> {
  const hard = new Map<string, Amount>();
  for (const [name, text] of Object.entries(quota.spec?.hard ?? {})) {
    const amount = parseAmount(text);
    if (amount) hard.set(name, amount);
  }
  return hard;
}

/** The reason `request` exceeds `quota`, or undefined when it fits. */
function quotaViolation(
  store: ObjectStore,
  request: AdmissionRequest,
  quota: ResourceQuota,
): string | undefined {
  const name = quota.metadata?.name ?? '';
  const hard = hardLimits(quota);
  const object = request.object!;
  const requested = objectUsage(request.descriptor, object);
  const constrained = [...requested.keys()].filter((resource) => hard.has(resource)).sort();
  if (constrained.length === 0) return undefined;
  if (request.descriptor.storage === 'core/pods') {
    const missing = missingDeclarations(object, new Set(hard.keys()));
    if (missing) return `failed quota: ${name}: ${missing}`;
  }
  const used = namespaceUsage(store, request.namespace ?? '', new Set(constrained));
  const exceeded = constrained.filter((resource) => {
    const total = addAmounts(used.get(resource) ?? ZERO, requested.get(resource) ?? ZERO).value;
    // A tolerance for floating-point sums of fractional cpu.
    return total > (hard.get(resource)?.value ?? 0) * (1 + 1e-12);
  });
  if (exceeded.length === 0) return undefined;
  return (
    `exceeded quota: ${name}, requested: ${render(exceeded, (r) => requested.get(r))}, ` +
    `used: ${render(exceeded, (r) => used.get(r))}, limited: ${render(exceeded, (r) => hard.get(r))}`
  );
}

export function createQuotaAdmission(): AdmissionPlugin {
  return {
    name: 'ResourceQuota',
    admit(request, context) {
      if (request.operation !== 'CREATE' || !request.namespace || !request.object) return;
      if (!request.descriptor.namespaced) return;
      const quotas = context.store.list('core/resourcequotas', request.namespace) as ResourceQuota[];
      for (const quota of quotas) {
        const violation = quotaViolation(context.store, request, quota);
        if (violation) {
          const metadata = request.object.metadata;
          throw errors.forbidden(
            request.descriptor,
            metadata?.name || metadata?.generateName || '',
            violation,
          );
        }
      }
    },
  };
}
