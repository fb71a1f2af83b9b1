/**
 * The simulated image registry (SPEC §6): every image can be pulled except those matching a line (`*` wildcard)
 * of the `unpullable` key of ConfigMap `sim-registry` in `sim-system`. A pattern matches the image as written in
 * the pod (`nginx:doesnotexist`) or its full reference (`docker.io/library/nginx:doesnotexist`).
 */
import type { ConfigMap } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import { configMaps } from '../../resources/configmaps.js';
import type { ImageRef } from './image-names.js';

export const REGISTRY_NAMESPACE = 'sim-system';
export const REGISTRY_CONFIGMAP = 'sim-registry';
export const UNPULLABLE_KEY = 'unpullable';

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function unpullablePatterns(api: ClusterApi): RegExp[] {
  const registry = api.find(configMaps, REGISTRY_NAMESPACE, REGISTRY_CONFIGMAP) as ConfigMap | undefined;
  const text = registry?.data?.[UNPULLABLE_KEY] ?? '';
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(patternToRegExp);
}

export function isUnpullable(api: ClusterApi, image: string, ref: ImageRef): boolean {
  return unpullablePatterns(api).some((pattern) => pattern.test(image) || pattern.test(ref.full));
}

/** containerd's answer for a reference the registry does not have, as the CRI returns it. */
export function notFoundPullError(ref: ImageRef): string {
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": ` +
    `failed to resolve reference "${ref.full}": ${ref.full}: not found`
  );
}
