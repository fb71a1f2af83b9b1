/**
 * What admission plugins add to every new pod in a default cluster, so `kubectl get pod -o yaml` shows it:
 * ServiceAccount (service account, `kube-api-access-xxxxx` token volume and mounts), DefaultTolerationSeconds
 * (not-ready / unreachable tolerations) and Priority (`priority`, `preemptionPolicy`).
 */
import type { Container, Pod, Toleration } from '../../kube/types.js';
import type { DefaultingContext } from '../resources/descriptor.js';
import type { PodSpec } from './pod-spec-defaults.js';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** apimachinery `util/rand` alphabet: no vowels (no accidental words), no confusable 0/1/3. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** Built-in priority classes; every other pod gets 0 (no default PriorityClass in a fresh cluster). */
const SYSTEM_PRIORITIES: Record<string, number> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};
const DEFAULT_TOLERATED_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** `names.SimpleNameGenerator`'s suffix: `length` characters of the rand alphabet. */
export function randomNameSuffix(random: () => number, length = 5): string {
  let suffix = '';
  for (let i = 0; i < length; i++)
    suffix += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)] ?? 'x';
  return suffix;
}

function tokenVolume(name: string): NonNullable<PodSpec['volumes']>[number] {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  };
}

function mountToken(container: Container, volumeName: string): void {
  const mounts = (container.volumeMounts ??= []);
  if (mounts.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) return;
  mounts.push({ name: volumeName, mountPath: TOKEN_MOUNT_PATH, readOnly: true });
}

function addServiceAccount(spec: PodSpec, random: () => number): void {
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  // The deprecated alias is always written back by the v1 conversion.
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  if ((spec.volumes ?? []).some((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX))) return;
  const volumeName = TOKEN_VOLUME_PREFIX + randomNameSuffix(random);
  (spec.volumes ??= []).push(tokenVolume(volumeName));
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    mountToken(container, volumeName);
  }
}

function tolerates(toleration: Toleration, key: string): boolean {
  const keyMatches = toleration.key === key || (!toleration.key && toleration.operator === 'Exists');
  return keyMatches && (!toleration.effect || toleration.effect === 'NoExecute');
}

function addDefaultTolerations(spec: PodSpec): void {
  for (const key of DEFAULT_TOLERATED_TAINTS) {
    const tolerations = (spec.tolerations ??= []);
    if (tolerations.some((t) => tolerates(t, key))) continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

export function admitPod(pod: Pod, context: DefaultingContext): void {
  const spec = (pod.spec ??= { containers: [] });
  addServiceAccount(spec, context.random);
  addDefaultTolerations(spec);
  spec.priority ??= SYSTEM_PRIORITIES[spec.priorityClassName ?? ''] ?? 0;
  spec.preemptionPolicy ||= 'PreemptLowerPriority';
}
