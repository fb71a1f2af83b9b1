/**
 * Kubernetes objects as they travel over the wire (JSON: timestamps are RFC 3339 strings).
 *
 * The field definitions come from @kubernetes/client-node's generated models, imported as types only: the
 * domain, the analyzers and the simulated cluster all speak the API's JSON shape, and no code here depends on
 * the client library at run time. `Wire<T>` turns the models' `Date` fields back into the strings the API sends.
 */
import type {
  CoreV1Event,
  V1ConfigMap,
  V1Container,
  V1ContainerStatus,
  V1Deployment,
  V1Endpoints,
  V1Lease,
  V1Namespace,
  V1Node,
  V1ObjectMeta,
  V1OwnerReference,
  V1PersistentVolumeClaim,
  V1Pod,
  V1PodTemplateSpec,
  V1Probe,
  V1ReplicaSet,
  V1ResourceQuota,
  V1Secret,
  V1Service,
  V1StorageClass,
  V1EnvVar,
  V1Toleration,
  V1Taint,
} from '@kubernetes/client-node';

export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<V1ObjectMeta>;
export type OwnerReference = Wire<V1OwnerReference>;
export type Pod = Wire<V1Pod>;
export type PodTemplateSpec = Wire<V1PodTemplateSpec>;
export type Container = Wire<V1Container>;
export type ContainerStatus = Wire<V1ContainerStatus>;
export type EnvVar = Wire<V1EnvVar>;
export type Probe = Wire<V1Probe>;
export type Toleration = Wire<V1Toleration>;
export type Taint = Wire<V1Taint>;
export type Deployment = Wire<V1Deployment>;
export type ReplicaSet = Wire<V1ReplicaSet>;
export type Event = Wire<CoreV1Event>;
export type Service = Wire<V1Service>;
export type Endpoints = Wire<V1Endpoints>;
export type ConfigMap = Wire<V1ConfigMap>;
export type Secret = Wire<V1Secret>;
export type PersistentVolumeClaim = Wire<V1PersistentVolumeClaim>;
export type StorageClass = Wire<V1StorageClass>;
export type ResourceQuota = Wire<V1ResourceQuota>;
export type Namespace = Wire<V1Namespace>;
export type Node = Wire<V1Node>;
export type Lease = Wire<V1Lease>;

/** Any API object: what generic code (the simulated API server, the store of undo records) handles. */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
};
