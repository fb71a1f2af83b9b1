/**
 * ConfigMap/Secret references: the ones the kubelet reports missing (CreateContainerConfigError, FailedMount)
 * and the ones a pod template makes (env, envFrom, volumes), to tell which revision needs what.
 */
import type { PodTemplateSpec } from '../../kube/types.js';

export type ConfigReference = { kind: 'ConfigMap' | 'Secret'; name: string; key?: string };

/** Exact kubelet messages (reference §7.5.2) and the FailedMount form `… : configmap "x" not found`. */
const MISSING_PATTERNS: readonly [RegExp, (match: RegExpExecArray) => ConfigReference | undefined][] = [
  [
    /couldn't find key (\S+) in ConfigMap [^/\s]+\/([a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9])/,
    (m) => withKey('ConfigMap', m[2], m[1]),
  ],
  [
    /couldn't find key (\S+) in Secret [^/\s]+\/([a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9])/,
    (m) => withKey('Secret', m[2], m[1]),
  ],
  [/configmaps? "([^"]+)" not found/i, (m) => withKey('ConfigMap', m[1], undefined)],
  [/secrets? "([^"]+)" not found/i, (m) => withKey('Secret', m[1], undefined)],
];

function withKey(kind: ConfigReference['kind'], name: string | undefined, key: string | undefined) {
  if (name === undefined) return undefined;
  return key === undefined ? { kind, name } : { kind, name, key };
}

export function missingReferenceIn(message: string): ConfigReference | undefined {
  for (const [pattern, build] of MISSING_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return build(match);
  }
  return undefined;
}

export function describeReference(reference: ConfigReference): string {
  return reference.key === undefined
    ? `${reference.kind} ${reference.name}`
    : `key ${reference.key} in ${reference.kind} ${reference.name}`;
}

/** Every ConfigMap/Secret (and key, when one is named) the template needs. */
export function templateReferences(template: PodTemplateSpec | undefined): ConfigReference[] {
  const spec = template?.spec;
  const references: ConfigReference[] = [];
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const variable of container.env ?? []) {
      const cm = variable.valueFrom?.configMapKeyRef;
      const secret = variable.valueFrom?.secretKeyRef;
      if (cm?.name) references.push({ kind: 'ConfigMap', name: cm.name, key: cm.key });
      if (secret?.name) references.push({ kind: 'Secret', name: secret.name, key: secret.key });
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef?.name) references.push({ kind: 'ConfigMap', name: source.configMapRef.name });
      if (source.secretRef?.name) references.push({ kind: 'Secret', name: source.secretRef.name });
    }
  }
  for (const volume of spec?.volumes ?? []) {
    if (volume.configMap?.name) references.push({ kind: 'ConfigMap', name: volume.configMap.name });
    if (volume.secret?.secretName) references.push({ kind: 'Secret', name: volume.secret.secretName });
    for (const source of volume.projected?.sources ?? []) {
      if (source.configMap?.name) references.push({ kind: 'ConfigMap', name: source.configMap.name });
      if (source.secret?.name) references.push({ kind: 'Secret', name: source.secret.name });
    }
  }
  return references;
}

/** Whether the template needs the missing object (or that key of it). */
export function templateNeeds(template: PodTemplateSpec | undefined, missing: ConfigReference): boolean {
  return templateReferences(template).some(
    (r) =>
      r.kind === missing.kind &&
      r.name === missing.name &&
      (missing.key === undefined || r.key === missing.key),
  );
}

/** Keys of the object the template names explicitly (env valueFrom), to list in a create command. */
export function keysReferenced(
  template: PodTemplateSpec | undefined,
  kind: ConfigReference['kind'],
  name: string,
): string[] {
  const keys = templateReferences(template)
    .filter((r) => r.kind === kind && r.name === name && r.key !== undefined)
    .map((r) => r.key ?? '');
  return [...new Set(keys)];
}
