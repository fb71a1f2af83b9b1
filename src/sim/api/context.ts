/**
 * What every write path shares: the store, the virtual clock, randomness and admission plugins.
 */
import type { KubeObject } from '../../kube/types.js';
import type { VirtualClock } from '../clock.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import type { ObjectStore } from '../store.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export type AdmissionRequest = {
  operation: Operation;
  descriptor: ResourceDescriptor;
  namespace: string | undefined;
  /** The object as it would be stored (after defaults); admission may still mutate it. Absent for DELETE. */
  object: KubeObject | undefined;
  old: KubeObject | undefined;
  dryRun: boolean;
  user: string;
};

/**
 * An admission plugin (quota, namespace lifecycle …): throws an ApiError to reject a write. Runs for writes
 * from clients and controllers alike, as real admission does.
 */
export type AdmissionPlugin = {
  readonly name: string;
  admit(request: AdmissionRequest, context: ApiContext): void;
};

export type WriteOptions = {
  /** `dryRun=All`: full processing, nothing persisted, no resourceVersion consumed. */
  dryRun?: boolean;
  fieldManager?: string;
  /** `force=true` on server-side apply. */
  force?: boolean;
  /** Who writes: a user name for 403 messages and managedFields (`kubectl`, `system:kube-scheduler`, …). */
  user?: string;
  /** Internal: server-side apply already recorded its managedFields entry. */
  managedFieldsRecorded?: boolean;
  /**
   * The subresource a write came through when it lands on the main object (`scale`): recorded on the
   * managedFields entry, so a later apply conflict names it as a real one does
   * (`conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas`).
   */
  subresource?: string;
};

export type DeleteOptions = {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
};

export type ApiContext = {
  readonly store: ObjectStore;
  readonly clock: VirtualClock;
  readonly random: () => number;
  readonly admission: readonly AdmissionPlugin[];
};
