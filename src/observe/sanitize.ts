/**
 * Masks sensitive literal env values in pod templates and pods before anything else sees them, and collects
 * those values so text that repeats them (a log line printing its config) can be scrubbed too.
 */
import type { Container, PodTemplateSpec } from '../kube/types.js';
import { isSensitiveName, MASK } from './redact.js';

type HasPodSpec = {
  spec?: { template?: PodTemplateSpec } | { containers?: Container[]; initContainers?: Container[] };
};

/**
 * Returns a copy with masked env values; `found` receives the original values that were masked. Annotation
 * values (object and pod template) go through `scrubText`: they are free text anyone can write, secrets included.
 */
export function maskEnvValues<T extends object>(
  object: T,
  found: Set<string>,
  scrubText: (text: string) => string = (text) => text,
): T {
  const copy = structuredClone(object) as T & HasPodSpec;
  const spec:
    { template?: PodTemplateSpec; containers?: Container[]; initContainers?: Container[] } | undefined =
    copy.spec;
  const podSpec = spec?.template?.spec ?? spec;
  for (const container of [...(podSpec?.containers ?? []), ...(podSpec?.initContainers ?? [])]) {
    for (const variable of container.env ?? []) {
      if (variable.value !== undefined && variable.value !== '' && isSensitiveName(variable.name)) {
        found.add(variable.value);
        variable.value = MASK;
      }
    }
  }
  const annotationMaps = [
    (copy as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations,
    spec?.template?.metadata?.annotations,
  ];
  for (const annotations of annotationMaps) {
    if (!annotations) continue;
    for (const [key, value] of Object.entries(annotations)) {
      // The last-applied annotation repeats the whole manifest, env values included.
      annotations[key] =
        key === 'kubectl.kubernetes.io/last-applied-configuration' || isSensitiveName(key)
          ? MASK
          : scrubText(value);
    }
  }
  return copy;
}
