/**
 * The Kubernetes port: the narrow set of API operations the bot uses. The domain (observer, actions, verifier,
 * alert grouping) depends on this type only; `client-node-adapter.ts` implements it with @kubernetes/client-node,
 * and tests run it against the simulated cluster.
 */
import type { KeySet } from '../domain/snapshot.js';
import type {
  ConfigMap,
  Deployment,
  Endpoints,
  Event,
  Lease,
  Namespace,
  Node,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  ResourceQuota,
  Service,
  StorageClass,
} from './types.js';

export type KindMap = {
  Namespace: Namespace;
  Node: Node;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  Pod: Pod;
  Event: Event;
  Service: Service;
  Endpoints: Endpoints;
  PersistentVolumeClaim: PersistentVolumeClaim;
  ResourceQuota: ResourceQuota;
  StorageClass: StorageClass;
  Lease: Lease;
  /** Only for writes and reads by name: ConfigMap contents are never listed (see listKeySets). */
  ConfigMap: ConfigMap;
};

export type Kind = keyof KindMap;
export type ClusterScopedKind = 'Namespace' | 'Node' | 'StorageClass';

export type KeySetList = { sets: KeySet[]; scrub: (text: string) => string };

export type ListOptions = { labelSelector?: string; fieldSelector?: string; limit?: number };

export type LogOptions = { container: string; previous?: boolean; tailLines?: number; limitBytes?: number };

export type Patch =
  | { type: 'strategic'; body: Record<string, unknown> }
  | { type: 'merge'; body: Record<string, unknown> }
  | { type: 'json'; body: { op: string; path: string; value?: unknown; from?: string }[] };

export type WriteOptions = {
  /** `dryRun=All`: the API server processes the write fully and persists nothing. */
  dryRun?: boolean;
  /** Recorded in managedFields (`sre-bot`). */
  fieldManager: string;
};

export type DeleteOptions = {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
};

export type KubePort = {
  list<K extends Kind>(kind: K, namespace: string | undefined, options?: ListOptions): Promise<KindMap[K][]>;
  /** The object, or undefined when it does not exist (404). */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<KindMap[K] | undefined>;
  /**
   * ConfigMaps and Secrets as names and keys. Their values never leave the adapter: `scrub` masks any of the
   * secret values (and sensitive-looking ConfigMap values) wherever text repeats them, e.g. a log line.
   */
  listKeySets(kind: 'ConfigMap' | 'Secret', namespace: string): Promise<KeySetList>;
  readLog(namespace: string, pod: string, options: LogOptions): Promise<string>;
  create<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    object: KindMap[K],
    options: WriteOptions,
  ): Promise<KindMap[K]>;
  /** PUT: carries metadata.resourceVersion, so a concurrent change is a 409 (KubeApiError kube_conflict). */
  replace<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    object: KindMap[K],
    options: WriteOptions,
  ): Promise<KindMap[K]>;
  patch<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    patch: Patch,
    options: WriteOptions,
  ): Promise<KindMap[K]>;
  delete(kind: Kind, namespace: string | undefined, name: string, options?: DeleteOptions): Promise<void>;
  /** How many API requests this client has made (bounded-observation checks and benchmarks read it). */
  readonly requestCount: number;
};
