/**
 * The environment the kubelet gives a container (`kubelet_pods.go makeEnvironmentVariables`): `envFrom` sources
 * first, then `env` in order with `$(VAR)` expansion. A reference to a missing ConfigMap, Secret or key that is
 * not `optional` is a CreateContainerConfigError with the kubelet's exact message; the kubelet's object managers
 * name the kinds in the singular (`configmap "app-config" not found`).
 */
import type { ConfigMap, Container, Node, Pod, Secret } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import { parseBytes, parseMillicores } from '../../../kube/quantity.js';
import { configMaps } from '../../resources/configmaps.js';
import { secrets } from '../../resources/secrets.js';

export type EnvResult = { env: Map<string, string> } | { error: string };

export type EnvContext = {
  api: ClusterApi;
  pod: Pod;
  node: Node | undefined;
  podIp: string | undefined;
  hostIp: string | undefined;
};

class ConfigError extends Error {}

function secretValues(secret: Secret): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, encoded] of Object.entries(secret.data ?? {}))
    values[key] = Buffer.from(encoded, 'base64').toString('utf8');
  // stringData is write-only in a real cluster; the sim may still hold it when no defaulting folded it into data.
  for (const [key, value] of Object.entries(secret.stringData ?? {})) values[key] ??= value;
  return values;
}

function lookupConfigMap(
  context: EnvContext,
  name: string,
  optional: boolean | undefined,
): ConfigMap | undefined {
  const found = context.api.find(configMaps, context.pod.metadata?.namespace, name) as ConfigMap | undefined;
  if (!found && !optional) throw new ConfigError(`configmap "${name}" not found`);
  return found;
}

function lookupSecret(
  context: EnvContext,
  name: string,
  optional: boolean | undefined,
): Record<string, string> | undefined {
  const found = context.api.find(secrets, context.pod.metadata?.namespace, name) as Secret | undefined;
  if (!found && !optional) throw new ConfigError(`secret "${name}" not found`);
  return found ? secretValues(found) : undefined;
}

/** `$(VAR)` becomes VAR's value when defined earlier, `$$` an escaped `$`; unknown references stay as written. */
export function expandReferences(value: string, env: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && env.has(name) ? (env.get(name) ?? '') : match;
  });
}

function fieldValue(context: EnvContext, fieldPath: string): string {
  const { pod } = context;
  const bracketed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(fieldPath);
  if (bracketed) {
    const map = bracketed[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations;
    return map?.[bracketed[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return context.podIp ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return context.hostIp ?? '';
    default:
      return '';
  }
}

/** `resourceFieldRef`: the container's limit (node allocatable when unset) or request, divided and rounded up. */
function resourceValue(
  context: EnvContext,
  container: Container,
  resource: string,
  divisor: string | undefined,
): string {
  const [kind, name = ''] = resource.split('.') as [string, string | undefined];
  const parse = name === 'cpu' ? parseMillicores : parseBytes;
  const fromSpec =
    kind === 'limits' ? container.resources?.limits?.[name] : container.resources?.requests?.[name];
  const fallback = kind === 'limits' ? context.node?.status?.allocatable?.[name] : '0';
  const amount = parse(fromSpec ?? fallback) ?? 0;
  const unit = parse(divisor ?? '1') || 1;
  return String(Math.ceil(amount / unit));
}

export function resolveEnv(context: EnvContext, container: Container): EnvResult {
  const env = new Map<string, string>();
  try {
    for (const source of container.envFrom ?? []) {
      const prefix = source.prefix ?? '';
      if (source.configMapRef) {
        const found = lookupConfigMap(context, source.configMapRef.name ?? '', source.configMapRef.optional);
        for (const [key, value] of Object.entries(found?.data ?? {})) env.set(prefix + key, value);
      }
      if (source.secretRef) {
        const found = lookupSecret(context, source.secretRef.name ?? '', source.secretRef.optional);
        for (const [key, value] of Object.entries(found ?? {})) env.set(prefix + key, value);
      }
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (!from) {
        env.set(variable.name, expandReferences(variable.value ?? '', env));
        continue;
      }
      const namespace = context.pod.metadata?.namespace ?? '';
      if (from.configMapKeyRef) {
        const { name = '', key, optional } = from.configMapKeyRef;
        const found = lookupConfigMap(context, name, optional);
        if (!found) continue;
        const value = found.data?.[key];
        if (value === undefined) {
          if (optional) continue;
          throw new ConfigError(`couldn't find key ${key} in ConfigMap ${namespace}/${name}`);
        }
        env.set(variable.name, value);
      } else if (from.secretKeyRef) {
        const { name = '', key, optional } = from.secretKeyRef;
        const found = lookupSecret(context, name, optional);
        if (!found) continue;
        const value = found[key];
        if (value === undefined) {
          if (optional) continue;
          throw new ConfigError(`couldn't find key ${key} in Secret ${namespace}/${name}`);
        }
        env.set(variable.name, value);
      } else if (from.fieldRef) {
        env.set(variable.name, fieldValue(context, from.fieldRef.fieldPath));
      } else if (from.resourceFieldRef) {
        const { resource, divisor } = from.resourceFieldRef;
        env.set(variable.name, resourceValue(context, container, resource, divisor));
      }
    }
  } catch (error) {
    if (error instanceof ConfigError) return { error: error.message };
    throw error;
  }
  return { env };
}
