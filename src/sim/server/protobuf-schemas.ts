/**
 * Field numbers of the Kubernetes protobuf messages (the generated.proto files of k8s.io/api and apimachinery)
 * for the kinds `kubectl create <generator>` sends, with their JSON names. Only what those generators can set is
 * listed; protobuf.ts refuses any other non-empty field rather than drop it.
 */
export type FieldSpec = {
  name: string;
  /**
   * A scalar (`string`, `bytes`, `int`, `bool`), or the name of another message in MESSAGES (a test checks that
   * every name resolves).
   */
  type: string;
  repeated?: boolean;
  /** A map<string, type> (entries are messages: key = 1, value = 2). */
  map?: boolean;
  /** A pointer field in Go: written only when set, so a zero is a value (`replicas: 0`), not "unset". */
  keepZero?: boolean;
  /** Read-only or server-set (status, creationTimestamp): skipped. */
  ignore?: boolean;
};

export type Message = {
  kind?: string;
  fields: Record<number, FieldSpec>;
  toJson?: (object: Record<string, unknown>) => unknown;
};

const f = (
  name: string,
  type: FieldSpec['type'],
  extra: Omit<FieldSpec, 'name' | 'type'> = {},
): FieldSpec => ({
  name,
  type,
  ...extra,
});
const strings = (name: string) => f(name, 'string', { repeated: true });
const labels = (name: string) => f(name, 'string', { map: true });
const ignored = (name: string) => f(name, 'string', { ignore: true });

const ObjectMeta: Message = {
  fields: {
    1: f('name', 'string'),
    2: f('generateName', 'string'),
    3: f('namespace', 'string'),
    4: ignored('selfLink'),
    5: ignored('uid'),
    6: f('resourceVersion', 'string'),
    7: ignored('generation'),
    8: ignored('creationTimestamp'),
    11: labels('labels'),
    12: labels('annotations'),
    14: strings('finalizers'),
  },
};

const Quantity: Message = {
  fields: { 1: f('string', 'string') },
  toJson: (object) => object['string'] ?? '0',
};
const IntOrString: Message = {
  fields: { 1: f('type', 'int'), 2: f('intVal', 'int'), 3: f('strVal', 'string') },
  toJson: (object) => (object['type'] === 1 ? (object['strVal'] ?? '') : (object['intVal'] ?? 0)),
};

const MESSAGE_TABLE = {
  ObjectMeta,
  Quantity,
  IntOrString,
  LabelSelectorRequirement: {
    fields: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: strings('values') },
  },
  LabelSelector: {
    fields: {
      1: labels('matchLabels'),
      2: f('matchExpressions', 'LabelSelectorRequirement', { repeated: true }),
    },
  },
  ContainerPort: {
    fields: {
      1: f('name', 'string'),
      2: f('hostPort', 'int'),
      3: f('containerPort', 'int'),
      4: f('protocol', 'string'),
      5: f('hostIP', 'string'),
    },
  },
  EnvVar: { fields: { 1: f('name', 'string'), 2: f('value', 'string') } },
  ResourceRequirements: {
    fields: { 1: f('limits', 'Quantity', { map: true }), 2: f('requests', 'Quantity', { map: true }) },
  },
  Container: {
    fields: {
      1: f('name', 'string'),
      2: f('image', 'string'),
      3: strings('command'),
      4: strings('args'),
      5: f('workingDir', 'string'),
      6: f('ports', 'ContainerPort', { repeated: true }),
      7: f('env', 'EnvVar', { repeated: true }),
      8: f('resources', 'ResourceRequirements'),
      13: f('terminationMessagePath', 'string'),
      14: f('imagePullPolicy', 'string'),
      20: f('terminationMessagePolicy', 'string'),
    },
  },
  PodSpec: {
    fields: {
      2: f('containers', 'Container', { repeated: true }),
      3: f('restartPolicy', 'string'),
      4: f('terminationGracePeriodSeconds', 'int', { keepZero: true }),
      6: f('dnsPolicy', 'string'),
      7: labels('nodeSelector'),
      8: f('serviceAccountName', 'string'),
      19: f('schedulerName', 'string'),
      20: f('initContainers', 'Container', { repeated: true }),
    },
  },
  PodTemplateSpec: { fields: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'PodSpec') } },
  RollingUpdateDeployment: {
    fields: { 1: f('maxUnavailable', 'IntOrString'), 2: f('maxSurge', 'IntOrString') },
  },
  DeploymentStrategy: {
    fields: { 1: f('type', 'string'), 2: f('rollingUpdate', 'RollingUpdateDeployment') },
  },
  DeploymentSpec: {
    fields: {
      1: f('replicas', 'int', { keepZero: true }),
      2: f('selector', 'LabelSelector'),
      3: f('template', 'PodTemplateSpec'),
      4: f('strategy', 'DeploymentStrategy'),
      5: f('minReadySeconds', 'int'),
      6: f('revisionHistoryLimit', 'int', { keepZero: true }),
      7: f('paused', 'bool'),
      9: f('progressDeadlineSeconds', 'int', { keepZero: true }),
    },
  },
  Deployment: {
    kind: 'Deployment',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'DeploymentSpec'), 3: ignored('status') },
  },
  NamespaceSpec: { fields: { 1: strings('finalizers') } },
  Namespace: {
    kind: 'Namespace',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'NamespaceSpec'), 3: ignored('status') },
  },
  ConfigMap: {
    kind: 'ConfigMap',
    fields: {
      1: f('metadata', 'ObjectMeta'),
      2: labels('data'),
      3: f('binaryData', 'bytes', { map: true }),
      4: f('immutable', 'bool', { keepZero: true }),
    },
  },
  Secret: {
    kind: 'Secret',
    fields: {
      1: f('metadata', 'ObjectMeta'),
      2: f('data', 'bytes', { map: true }),
      3: f('type', 'string'),
      4: labels('stringData'),
      5: f('immutable', 'bool', { keepZero: true }),
    },
  },
  ServicePort: {
    fields: {
      1: f('name', 'string'),
      2: f('protocol', 'string'),
      3: f('port', 'int'),
      4: f('targetPort', 'IntOrString'),
      5: f('nodePort', 'int'),
    },
  },
  ServiceSpec: {
    fields: {
      1: f('ports', 'ServicePort', { repeated: true }),
      2: labels('selector'),
      3: f('clusterIP', 'string'),
      4: f('type', 'string'),
      5: strings('externalIPs'),
      7: f('sessionAffinity', 'string'),
      10: f('externalName', 'string'),
    },
  },
  Service: {
    kind: 'Service',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ServiceSpec'), 3: ignored('status') },
  },
  ObjectReference: {
    fields: { 1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string') },
  },
  LocalObjectReference: { fields: { 1: f('name', 'string') } },
  ServiceAccount: {
    kind: 'ServiceAccount',
    fields: {
      1: f('metadata', 'ObjectMeta'),
      2: f('secrets', 'ObjectReference', { repeated: true }),
      3: f('imagePullSecrets', 'LocalObjectReference', { repeated: true }),
      4: f('automountServiceAccountToken', 'bool', { keepZero: true }),
    },
  },
  ResourceQuotaSpec: { fields: { 1: f('hard', 'Quantity', { map: true }), 2: strings('scopes') } },
  ResourceQuota: {
    kind: 'ResourceQuota',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('spec', 'ResourceQuotaSpec'), 3: ignored('status') },
  },
  PolicyRule: {
    fields: {
      1: strings('verbs'),
      2: strings('apiGroups'),
      3: strings('resources'),
      4: strings('resourceNames'),
      5: strings('nonResourceURLs'),
    },
  },
  Role: {
    kind: 'Role',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('rules', 'PolicyRule', { repeated: true }) },
  },
  ClusterRole: {
    kind: 'ClusterRole',
    fields: { 1: f('metadata', 'ObjectMeta'), 2: f('rules', 'PolicyRule', { repeated: true }) },
  },
  Subject: {
    fields: {
      1: f('kind', 'string'),
      2: f('apiGroup', 'string'),
      3: f('name', 'string'),
      4: f('namespace', 'string'),
    },
  },
  RoleRef: { fields: { 1: f('apiGroup', 'string'), 2: f('kind', 'string'), 3: f('name', 'string') } },
  RoleBinding: {
    kind: 'RoleBinding',
    fields: {
      1: f('metadata', 'ObjectMeta'),
      2: f('subjects', 'Subject', { repeated: true }),
      3: f('roleRef', 'RoleRef'),
    },
  },
  ClusterRoleBinding: {
    kind: 'ClusterRoleBinding',
    fields: {
      1: f('metadata', 'ObjectMeta'),
      2: f('subjects', 'Subject', { repeated: true }),
      3: f('roleRef', 'RoleRef'),
    },
  },
} satisfies Record<string, Message>;

export const MESSAGES: Readonly<Record<string, Message | undefined>> = MESSAGE_TABLE;
