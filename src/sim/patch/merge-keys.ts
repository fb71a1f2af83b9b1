/**
 * The schema knowledge strategic merge patch and server-side apply need: which lists merge by key (and by
 * which key), which are primitive sets, which structs are atomic. The real server reads this from the Go
 * struct tags (`patchStrategy`/`patchMergeKey`, `+listType`/`+listMapKey`, `+structType=atomic`) of
 * k8s.io/api; we keep the subset our built-in kinds use, composed by type so each kind's PodSpec is found at
 * its own path (`spec` for Pods, `spec.template.spec` for Deployments, `spec.jobTemplate.spec.template.spec`
 * for CronJobs). A list not described here is atomic: a patch replaces it wholesale.
 */

export type ListStrategy =
  | {
      kind: 'map';
      /** SMP `patchMergeKey`. */
      key: string;
      /** SSA `+listMapKey`s when they differ from the SMP key (ports are keyed by port *and* protocol). */
      applyKeys?: readonly string[];
      /** Defaults the server fills before keying (a port without protocol is TCP). */
      keyDefaults?: Readonly<Record<string, unknown>>;
    }
  /** A list of scalars merged as a set (`finalizers`). */
  | { kind: 'set' };

export type FieldSchema = {
  /** Name of the struct type of the value, or of the list's elements. */
  type?: string;
  list?: ListStrategy;
  /** `patchStrategy:"retainKeys"`: informative — `$retainKeys` is honoured wherever a patch carries it. */
  retainKeys?: boolean;
  /** `+structType=atomic`: owned (and replaced) as one value by server-side apply. */
  atomic?: boolean;
};

export type TypeSchema = Readonly<Record<string, FieldSchema>>;

const byName: ListStrategy = { kind: 'map', key: 'name' };
const byType: ListStrategy = { kind: 'map', key: 'type' };
const byIp: ListStrategy = { kind: 'map', key: 'ip' };
const TCP = { protocol: 'TCP' };

const meta: FieldSchema = { type: 'ObjectMeta' };
const conditions: FieldSchema = { list: byType };
const selector: FieldSchema = { atomic: true };
const template: FieldSchema = { type: 'PodTemplateSpec' };
const container: FieldSchema = { type: 'Container', list: byName };

/** Struct types by name (names follow k8s.io/api). */
export const TYPES: Readonly<Record<string, TypeSchema>> = {
  Object: { metadata: meta },
  ObjectMeta: {
    ownerReferences: { list: { kind: 'map', key: 'uid' } },
    finalizers: { list: { kind: 'set' } },
  },
  PodTemplateSpec: { metadata: meta, spec: { type: 'PodSpec' } },
  PodSpec: {
    containers: container,
    initContainers: container,
    ephemeralContainers: container,
    volumes: { list: byName, retainKeys: true },
    imagePullSecrets: { list: byName },
    hostAliases: { list: byIp },
    topologySpreadConstraints: {
      list: { kind: 'map', key: 'topologyKey', applyKeys: ['topologyKey', 'whenUnsatisfiable'] },
    },
    schedulingGates: { list: byName },
    resourceClaims: { list: byName, retainKeys: true },
  },
  Container: {
    env: { list: byName },
    ports: {
      list: { kind: 'map', key: 'containerPort', applyKeys: ['containerPort', 'protocol'], keyDefaults: TCP },
    },
    volumeMounts: { list: { kind: 'map', key: 'mountPath' } },
    volumeDevices: { list: { kind: 'map', key: 'devicePath' } },
  },
  Pod: { metadata: meta, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodStatus: { conditions, podIPs: { list: byIp }, hostIPs: { list: byIp } },
  PodTemplate: { metadata: meta, template },
  Deployment: { metadata: meta, spec: { type: 'DeploymentSpec' }, status: { type: 'WorkloadStatus' } },
  DeploymentSpec: { template, selector, strategy: { retainKeys: true } },
  ReplicaSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status: { type: 'WorkloadStatus' } },
  StatefulSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status: { type: 'WorkloadStatus' } },
  DaemonSet: { metadata: meta, spec: { type: 'WorkloadSpec' }, status: { type: 'WorkloadStatus' } },
  ReplicationController: {
    metadata: meta,
    spec: { type: 'WorkloadSpec' },
    status: { type: 'WorkloadStatus' },
  },
  Job: { metadata: meta, spec: { type: 'WorkloadSpec' }, status: { type: 'WorkloadStatus' } },
  /** The parts of ReplicaSet/StatefulSet/DaemonSet/RC/Job specs that matter here. */
  WorkloadSpec: { template, selector },
  WorkloadStatus: { conditions },
  CronJob: { metadata: meta, spec: { type: 'CronJobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: meta, spec: { type: 'WorkloadSpec' } },
  Service: { metadata: meta, spec: { type: 'ServiceSpec' }, status: { type: 'ConditionsStatus' } },
  ServiceSpec: {
    ports: { list: { kind: 'map', key: 'port', applyKeys: ['port', 'protocol'], keyDefaults: TCP } },
    selector, // +mapType=atomic
  },
  ConditionsStatus: { conditions },
  Node: { metadata: meta, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { list: { kind: 'set' } } },
  NodeStatus: { conditions, addresses: { list: byType } },
  Namespace: { metadata: meta, status: { type: 'ConditionsStatus' } },
  PersistentVolumeClaim: { metadata: meta, status: { type: 'ConditionsStatus' } },
  ServiceAccount: { metadata: meta, secrets: { list: byName } },
};

/** Kinds whose root type is not the generic `Object` (metadata only). */
const KIND_ROOTS: Readonly<Record<string, string>> = {
  Pod: 'Pod',
  PodTemplate: 'PodTemplate',
  Deployment: 'Deployment',
  ReplicaSet: 'ReplicaSet',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  ReplicationController: 'ReplicationController',
  Job: 'Job',
  CronJob: 'CronJob',
  Service: 'Service',
  Node: 'Node',
  Namespace: 'Namespace',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  ServiceAccount: 'ServiceAccount',
};

export function typeSchema(name: string | undefined): TypeSchema | undefined {
  return name === undefined ? undefined : TYPES[name];
}

/** The root type of a kind; unknown kinds still get ObjectMeta's lists (finalizers, ownerReferences). */
export function rootSchema(kind: string): TypeSchema {
  return TYPES[KIND_ROOTS[kind] ?? 'Object'] ?? {};
}

export function fieldSchema(type: TypeSchema | undefined, field: string): FieldSchema | undefined {
  return type !== undefined && Object.prototype.hasOwnProperty.call(type, field) ? type[field] : undefined;
}

/** Walks a dotted path of field names (list elements are transparent): `schemaAt('Deployment', 'spec.template.spec.containers')`. */
export function schemaAt(kind: string, path: string): FieldSchema | undefined {
  let type: TypeSchema | undefined = rootSchema(kind);
  let field: FieldSchema | undefined;
  for (const name of path.split('.')) {
    field = fieldSchema(type, name);
    type = typeSchema(field?.type);
  }
  return field;
}

/** The SSA list-map keys of a keyed list. */
export function applyKeysOf(strategy: Extract<ListStrategy, { kind: 'map' }>): readonly string[] {
  return strategy.applyKeys ?? [strategy.key];
}
