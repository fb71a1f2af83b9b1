/**
 * The generated client-node methods behind each kind the port serves. The generated APIs follow one naming
 * pattern (`listNamespacedPod`, `readNamespacedPod`, `patchNamespacedPod` …; cluster-scoped: `listNode` …), so
 * the table is built from the kind name instead of 70 hand-written wrappers.
 */
import type { AppsV1Api, CoordinationV1Api, CoreV1Api, StorageV1Api } from '@kubernetes/client-node';
import type { Kind, ListOptions } from './port.js';

type GeneratedMethod = (parameters: Record<string, unknown>, options?: unknown) => Promise<unknown>;

export type KindOperations = {
  list(namespace: string | undefined, options: ListOptions): Promise<unknown>;
  read(namespace: string | undefined, name: string): Promise<unknown>;
  create(namespace: string | undefined, body: unknown, params: Record<string, unknown>): Promise<unknown>;
  replace(
    namespace: string | undefined,
    name: string,
    body: unknown,
    params: Record<string, unknown>,
  ): Promise<unknown>;
  patch(
    namespace: string | undefined,
    name: string,
    body: unknown,
    params: Record<string, unknown>,
    options: unknown,
  ): Promise<unknown>;
  delete(namespace: string | undefined, name: string, params: Record<string, unknown>): Promise<unknown>;
};

type Apis = { core: CoreV1Api; apps: AppsV1Api; coordination: CoordinationV1Api; storage: StorageV1Api };

const KINDS: Record<Kind, { api: keyof Apis; namespaced: boolean }> = {
  Namespace: { api: 'core', namespaced: false },
  Node: { api: 'core', namespaced: false },
  Pod: { api: 'core', namespaced: true },
  Event: { api: 'core', namespaced: true },
  Service: { api: 'core', namespaced: true },
  Endpoints: { api: 'core', namespaced: true },
  ConfigMap: { api: 'core', namespaced: true },
  PersistentVolumeClaim: { api: 'core', namespaced: true },
  ResourceQuota: { api: 'core', namespaced: true },
  Deployment: { api: 'apps', namespaced: true },
  ReplicaSet: { api: 'apps', namespaced: true },
  Lease: { api: 'coordination', namespaced: true },
  StorageClass: { api: 'storage', namespaced: false },
};

export function kindOperations(apis: Apis): Record<Kind, KindOperations> {
  const table = {} as Record<Kind, KindOperations>;
  for (const [kind, { api, namespaced }] of Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]) {
    const client = apis[api];
    const method = (name: string): GeneratedMethod => {
      const found = (client as unknown as Record<string, unknown>)[name];
      if (typeof found !== 'function') throw new Error(`client-node has no ${name}`);
      return (found as GeneratedMethod).bind(client);
    };
    const scoped = (verb: string) => (namespaced ? `${verb}Namespaced${kind}` : `${verb}${kind}`);
    const at = (namespace: string | undefined) => (namespaced ? { namespace } : {});
    table[kind] = {
      list: (namespace, options) =>
        namespaced && namespace === undefined
          ? method(`list${kind}ForAllNamespaces`)({ ...options })
          : method(scoped('list'))({ ...at(namespace), ...options }),
      read: (namespace, name) => method(scoped('read'))({ ...at(namespace), name }),
      create: (namespace, body, params) => method(scoped('create'))({ ...at(namespace), body, ...params }),
      replace: (namespace, name, body, params) =>
        method(scoped('replace'))({ ...at(namespace), name, body, ...params }),
      patch: (namespace, name, body, params, options) =>
        method(scoped('patch'))({ ...at(namespace), name, body, ...params }, options),
      delete: (namespace, name, params) => method(scoped('delete'))({ ...at(namespace), name, ...params }),
    };
  }
  return table;
}
