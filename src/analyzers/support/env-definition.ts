/**
 * Whether a container's spec defines an environment variable, reading env and envFrom the way the kubelet does:
 * a key reference only defines the variable when the ConfigMap/Secret key exists.
 */
import type { Container } from '../../kube/types.js';
import type { KeySet, Snapshot } from '../../domain/snapshot.js';

export type EnvDefinition = 'defined' | 'empty' | 'absent';

function hasKey(sets: readonly KeySet[], name: string | undefined, key: string): boolean {
  return sets.some((set) => set.name === name && set.keys.includes(key));
}

export function envDefinition(
  snapshot: Snapshot,
  container: Container | undefined,
  name: string,
): EnvDefinition {
  // env entries override envFrom, and a later env entry overrides an earlier one.
  const entry = container?.env?.filter((variable) => variable.name === name).at(-1);
  if (entry) {
    const from = entry.valueFrom;
    if (!from) return entry.value ? 'defined' : 'empty';
    if (from.configMapKeyRef)
      return hasKey(snapshot.configMaps, from.configMapKeyRef.name, from.configMapKeyRef.key)
        ? 'defined'
        : 'absent';
    if (from.secretKeyRef)
      return hasKey(snapshot.secrets, from.secretKeyRef.name, from.secretKeyRef.key) ? 'defined' : 'absent';
    return 'defined';
  }
  for (const source of container?.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    if (!name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    if (source.configMapRef && hasKey(snapshot.configMaps, source.configMapRef.name, key)) return 'defined';
    if (source.secretRef && hasKey(snapshot.secrets, source.secretRef.name, key)) return 'defined';
  }
  return 'absent';
}

/** ConfigMaps and Secrets the container already reads from, by name: the first place to look for a key. */
export function referencedSources(container: Container | undefined): {
  configMaps: string[];
  secrets: string[];
} {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const variable of container?.env ?? []) {
    const cm = variable.valueFrom?.configMapKeyRef?.name;
    const secret = variable.valueFrom?.secretKeyRef?.name;
    if (cm) configMaps.add(cm);
    if (secret) secrets.add(secret);
  }
  for (const source of container?.envFrom ?? []) {
    if (source.configMapRef?.name) configMaps.add(source.configMapRef.name);
    if (source.secretRef?.name) secrets.add(source.secretRef.name);
  }
  return { configMaps: [...configMaps], secrets: [...secrets] };
}
