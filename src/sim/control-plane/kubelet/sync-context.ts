/** Everything one pod sync works with: the cluster, the instant, the pod and the kubelet's memory of it. */
import type { Node, Pod } from '../../../kube/types.js';
import type { ClusterApi } from '../../api/cluster-api.js';
import type { KubeletEvents } from './kubelet-events.js';
import type { LogBook } from './log-book.js';
import type { NodeImages } from './node-images.js';
import type { PodRuntime } from './runtime-state.js';

export type SyncContext = {
  readonly api: ClusterApi;
  readonly now: number;
  readonly pod: Pod;
  readonly node: Node;
  readonly runtime: PodRuntime;
  readonly events: KubeletEvents;
  readonly images: NodeImages;
  readonly logs: LogBook;
};

/** How often the kubelet's pod worker retries a pod whose last sync failed (`backOffPeriod`). */
export const SYNC_RETRY_MS = 10_000;
/** How soon the kubelet notices a change of its containers (PLEG relist period). */
export const RELIST_MS = 1_000;
