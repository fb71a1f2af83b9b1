/**
 * A bounded, redacted picture of one namespace (or one Deployment and what it touches), taken by the observer
 * and read by the analyzers. Everything in it may reach the LLM and Slack, so it never holds secret values:
 * Secrets and ConfigMaps appear as names and keys only, sensitive literal env values are masked, and log and
 * event text has token-like strings masked.
 */
import type {
  Deployment,
  Endpoints,
  PersistentVolumeClaim,
  Pod,
  ReplicaSet,
  ResourceQuota,
  Service,
  Taint,
} from '../kube/types.js';

/** A ConfigMap or Secret: its name and the keys it holds, never the values. */
export type KeySet = { name: string; keys: string[]; type?: string };

/** Identical events folded together (same object, type, reason and message). */
export type EventGroup = {
  object: { kind: string; name: string };
  /** `spec.containers{app}` for container events. */
  fieldPath?: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  source?: string;
};

export type NodeSummary = {
  name: string;
  ready: boolean;
  unschedulable: boolean;
  labels: Record<string, string>;
  taints: Taint[];
  allocatable: Record<string, string>;
};

export type StorageClassSummary = { name: string; provisioner: string; isDefault: boolean };

/** Log lines of one container run: `previous` is the last terminated run. */
export type ContainerLog = { pod: string; container: string; previous: boolean; lines: string[] };

export type Snapshot = {
  namespace: string;
  /** The Deployment the request named, or null for the whole namespace. */
  target: string | null;
  /** When the observation finished (RFC 3339). */
  observedAt: string;
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  pods: Pod[];
  events: EventGroup[];
  services: Service[];
  endpoints: Endpoints[];
  configMaps: KeySet[];
  secrets: KeySet[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  storageClasses: StorageClassSummary[];
  resourceQuotas: ResourceQuota[];
  nodes: NodeSummary[];
  logs: ContainerLog[];
  /** What could not be read (a 403 on secrets, a log that failed) — analyzers still run on the rest. */
  gaps: string[];
  /** API requests the observation made: bounded, independent of the number of pods except capped log reads. */
  apiRequests: number;
  /**
   * Each Deployment's pod-template hash as read, before masking. The stale check compares the live object with
   * the proposal's basis; hashed from the masked template (a `DB_PASSWORD` literal, a scrubbed annotation) it
   * never matched, and every proposal on such a Deployment was refused as stale.
   */
  templateHashes?: Record<string, string>;
};
