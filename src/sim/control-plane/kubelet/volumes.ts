/**
 * Mounting the pod's volumes before its sandbox starts. A configMap or secret volume whose object (or one of its
 * listed keys) is missing and not optional fails `MountVolume.SetUp`, keeping the pod in ContainerCreating; the
 * kubelet's volume manager retries with exponential back-off. Projected volumes (the service-account token with
 * `kube-root-ca.crt`) and claims are always mountable here: the scheduler already checked the claims.
 */
import type { ConfigMap, Pod, Secret } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import { configMaps } from '../../resources/configmaps.js';
import { secrets } from '../../resources/secrets.js';

export type MountFailure = { volume: string; message: string };

/** The volume manager's retry delays: 1 s doubling, capped at its 2m2s maximum. */
export const MOUNT_RETRY_INITIAL_MS = 1_000;
export const MOUNT_RETRY_MAX_MS = 122_000;

function missingKey(
  keys: readonly string[],
  items: readonly { key: string }[] | undefined,
): string | undefined {
  return (items ?? []).find((item) => !keys.includes(item.key))?.key;
}

function volumeFailures(
  api: ClusterApi,
  namespace: string | undefined,
  volumes: NonNullable<Pod['spec']>['volumes'],
): MountFailure[] {
  const failures: MountFailure[] = [];
  for (const entry of volumes ?? []) {
    const setUp = (message: string) =>
      failures.push({
        volume: entry.name,
        message: `MountVolume.SetUp failed for volume "${entry.name}" : ${message}`,
      });
    if (entry.configMap) {
      const { name = '', optional, items } = entry.configMap;
      const found = api.find(configMaps, namespace, name) as ConfigMap | undefined;
      if (!found) {
        if (!optional) setUp(`configmap "${name}" not found`);
        continue;
      }
      const key = missingKey(
        [...Object.keys(found.data ?? {}), ...Object.keys(found.binaryData ?? {})],
        items,
      );
      if (key !== undefined && !optional) setUp(`configmap references non-existent config key: ${key}`);
    } else if (entry.secret) {
      const { secretName = '', optional, items } = entry.secret;
      const found = api.find(secrets, namespace, secretName) as Secret | undefined;
      if (!found) {
        if (!optional) setUp(`secret "${secretName}" not found`);
        continue;
      }
      const key = missingKey(
        [...Object.keys(found.data ?? {}), ...Object.keys(found.stringData ?? {})],
        items,
      );
      if (key !== undefined && !optional) setUp(`references non-existent secret key: ${key}`);
    }
  }
  return failures;
}

export function mountFailures(api: ClusterApi, pod: Pod): MountFailure[] {
  return volumeFailures(api, pod.metadata?.namespace, pod.spec?.volumes);
}
