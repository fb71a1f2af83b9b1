/**
 * Where a missing variable's value can come from without inventing it: a ConfigMap or Secret key of the same
 * name that already exists in the namespace. When there is none, the instruction says exactly what to create.
 */
import type { Container } from '../../kube/types.js';
import type { KeySet, Snapshot } from '../../domain/snapshot.js';
import { referencedSources } from './env-definition.js';
import { kubectl } from './drafts.js';

export type KeySource = { kind: 'ConfigMap' | 'Secret'; name: string };

const SECRET_LIKE = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|_KEY$/;

/** Prefer sources the container already reads, then ones named after the workload, then by name. */
function rank(
  sets: readonly KeySet[],
  key: string,
  referenced: readonly string[],
  workload: string | undefined,
) {
  const score = (set: KeySet) =>
    (referenced.includes(set.name) ? 0 : 2) +
    (workload !== undefined && set.name.startsWith(workload) ? 0 : 1);
  return sets
    .filter((set) => set.keys.includes(key))
    .sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name))
    .map((set) => set.name);
}

export function keySourceFor(
  snapshot: Snapshot,
  container: Container | undefined,
  workload: string | undefined,
  key: string,
): KeySource | undefined {
  const referenced = referencedSources(container);
  const configMap = rank(snapshot.configMaps, key, referenced.configMaps, workload)[0];
  const secret = rank(snapshot.secrets, key, referenced.secrets, workload)[0];
  const fromConfigMap =
    configMap === undefined ? undefined : ({ kind: 'ConfigMap', name: configMap } as const);
  const fromSecret = secret === undefined ? undefined : ({ kind: 'Secret', name: secret } as const);
  return SECRET_LIKE.test(key) ? (fromSecret ?? fromConfigMap) : (fromConfigMap ?? fromSecret);
}

/** Commands to create the key (value left for a human: we never invent one) and wire it into the container. */
export function createAndWireCommands(
  snapshot: Snapshot,
  container: Container | undefined,
  workload: string,
  key: string,
): { instruction: string; commands: string[] } {
  const secret = SECRET_LIKE.test(key);
  const kind = secret ? 'Secret' : 'ConfigMap';
  const referenced = referencedSources(container);
  const viaEnvFrom = (
    secret
      ? container?.envFrom?.map((s) => s.secretRef?.name)
      : container?.envFrom?.map((s) => s.configMapRef?.name)
  )?.find((name): name is string => name !== undefined);
  const existingNames = (secret ? snapshot.secrets : snapshot.configMaps).map((set) => set.name);
  const name =
    viaEnvFrom ??
    (secret ? referenced.secrets[0] : referenced.configMaps[0]) ??
    `${workload}-${secret ? 'secrets' : 'config'}`;
  const resource = secret ? 'secret' : 'configmap';
  const field = secret ? 'stringData' : 'data';
  const create = existingNames.includes(name)
    ? kubectl(snapshot, `patch ${resource} ${name} --type merge -p '{"${field}":{"${key}":"<value>"}}'`)
    : kubectl(
        snapshot,
        `create ${secret ? 'secret generic' : 'configmap'} ${name} --from-literal=${key}=<value>`,
      );
  const wire = viaEnvFrom
    ? kubectl(snapshot, `rollout restart deployment/${workload}`)
    : kubectl(
        snapshot,
        `set env deployment/${workload} -c ${container?.name ?? '<container>'} --from=${resource}/${name} --keys=${key}`,
      );
  const instruction =
    `No ConfigMap or Secret in namespace ${snapshot.namespace} has a key ${key}. Add ${key} (with its real value) to ` +
    `${kind} ${name}, then ${viaEnvFrom ? 'restart the deployment (it already loads that ' + kind + ')' : `reference it from container ${container?.name ?? '?'} of deployment/${workload}`}.`;
  return { instruction, commands: [create, wire] };
}
