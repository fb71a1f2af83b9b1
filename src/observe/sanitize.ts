/**
 * Masks sensitive literal env values in pod templates and pods before anything else sees them, and collects
 * those values so text that repeats them (a log line printing its config) can be scrubbed too.
 */
import type { Container, PodTemplateSpec } from '../kube/types.js';
import { isSensitiveName, MASK } from './redact.js';

type HasPodSpec = { spec?: { template?: PodTemplateSpec } | { containers?: Container[]; initContainers?: Container[] } };

/** Returns a copy with masked env values; `found` receives the original values that were masked. */
export function maskEnvValues<T extends object>(object: T, found: Set<string>): T {
  const copy = structuredClone(object) as T & HasPodSpec;
  const spec = copy.spec as { template?: PodTemplateSpec; containers?: Container[]; initContainers?: Container[] } | undefined;
  const podSpec = spec?.template?.spec ?? spec;
  for (const container of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
    for (const variable of container.env ?? []) {
      if (variable.value !== undefined && variable.value !== '' && isSensitiveName(variable.name)) {
        found.add(variable.value);
        variable.value = MASK;
      }
    }
  }
  // The last-applied annotation repeats the whole manifest, env values included.
  const annotations = (copy as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations;
  if (annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    annotations['kubectl.kubernetes.io/last-applied-configuration'] = MASK;
  }
  return copy;
}
