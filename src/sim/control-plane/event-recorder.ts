/**
 * Records core/v1 Events the way client-go's recorders do: identical events (same source, object, type, reason
 * and message) are folded into one whose `count` and `lastTimestamp` grow; the scheduler's events use the newer
 * events API shape (`eventTime`, `series`, `reportingController`, empty `source`).
 */
import type { Event, KubeObject } from '../../kube/types.js';
import type { ClusterApi } from '../api/cluster-api.js';
import { ApiError } from '../errors.js';
import { events as eventsResource } from '../resources/events.js';

export type EventSource = {
  /** `kubelet`, `deployment-controller`, `replicaset-controller`, `default-scheduler` … */
  component: string;
  /** Node name for kubelet events. */
  host?: string;
};

export type EventOptions = {
  /** `spec.containers{web}` for container events. */
  fieldPath?: string;
  /** Use the events.k8s.io recorder shape (the scheduler does): eventTime + series instead of count. */
  action?: string;
};

export class EventRecorder {
  constructor(private readonly api: ClusterApi) {}

  normal(
    object: KubeObject,
    reason: string,
    message: string,
    source: EventSource,
    options: EventOptions = {},
  ): void {
    this.record(object, 'Normal', reason, message, source, options);
  }

  warning(
    object: KubeObject,
    reason: string,
    message: string,
    source: EventSource,
    options: EventOptions = {},
  ): void {
    this.record(object, 'Warning', reason, message, source, options);
  }

  record(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    options: EventOptions = {},
  ): void {
    const metadata = object.metadata ?? {};
    const namespace = metadata.namespace ?? 'default';
    if (!this.api.namespaceExists(namespace)) return;
    const involvedObject = {
      kind: object.kind,
      namespace: metadata.namespace,
      name: metadata.name,
      uid: metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: metadata.resourceVersion,
      ...(options.fieldPath ? { fieldPath: options.fieldPath } : {}),
    };
    const existing = this.#findSimilar(namespace, involvedObject.uid, type, reason, message, source, options);
    const nowTime = this.api.clock.nowTime();
    if (existing) {
      const updated: Event = structuredClone(existing);
      if (options.action) {
        updated.series = {
          count: (existing.series?.count ?? 1) + 1,
          lastObservedTime: this.api.clock.nowMicroTime(),
        };
      } else {
        updated.count = (existing.count ?? 1) + 1;
        updated.lastTimestamp = nowTime;
      }
      updated.involvedObject = involvedObject;
      this.#write(() =>
        this.api.replace(eventsResource, namespace, existing.metadata.name!, updated, {
          user: source.component,
        }),
      );
      return;
    }
    const name = `${metadata.name ?? 'unknown'}.${this.#uniqueSuffix()}`;
    const event: Event = options.action
      ? {
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          source: {},
          type,
          eventTime: this.api.clock.nowMicroTime(),
          action: options.action,
          reportingComponent: source.component,
          reportingInstance: source.host ?? `${source.component}-sim-control-plane`,
        }
      : {
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
          firstTimestamp: nowTime,
          lastTimestamp: nowTime,
          count: 1,
          type,
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        };
    this.#write(() => this.api.create(eventsResource, namespace, event, { user: source.component }));
  }

  /**
   * client-go's recorders drop an event the API server refuses (a terminating namespace answers 403, a quota on
   * events 403): recording must never break the component that reports.
   */
  #write(write: () => void): void {
    try {
      write();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  #findSimilar(
    namespace: string,
    uid: string | undefined,
    type: string,
    reason: string,
    message: string,
    source: EventSource,
    options: EventOptions,
  ): Event | undefined {
    for (const candidate of this.api.store.list(eventsResource.storage, namespace) as Event[]) {
      if (
        candidate.involvedObject.uid === uid &&
        candidate.type === type &&
        candidate.reason === reason &&
        candidate.message === message &&
        candidate.reportingComponent === source.component &&
        (candidate.involvedObject.fieldPath ?? '') === (options.fieldPath ?? '')
      ) {
        return candidate;
      }
    }
    return undefined;
  }

  /** Event names are `<object>.<hex unix nanoseconds>`; a counter keeps them unique within one virtual instant. */
  #sequence = 0;
  #uniqueSuffix(): string {
    this.#sequence += 1;
    return (BigInt(this.api.clock.now()) * 1_000_000n + BigInt(this.#sequence)).toString(16);
  }
}
