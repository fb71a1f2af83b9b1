/**
 * Which workload an alert is about: namespace + Deployment. A `deployment` label names it; a `pod` label is
 * followed through the API (Pod ⇒ ReplicaSet ⇒ Deployment); anything else (a StatefulSet, a Job, a PVC, a
 * namespace quota) is namespace-wide. `container` and `job` are never read: on kube-state-metrics alerts they
 * describe the exporter (`kube-rbac-proxy-main`, `kube-state-metrics`), not the workload.
 *
 * Lookups are cached briefly (an alert storm names the same pods over and over) and concurrent lookups of one
 * pod share a single request.
 */
import type { Clock } from '../clock.js';
import type { KubePort } from '../kube/port.js';
import type { Logger } from '../log.js';
import type { ReceivedAlert } from './received-alert.js';

export type Workload = { namespace: string; deployment: string | undefined };

export type WorkloadResolverOptions = { ttlMs?: number; maxEntries?: number };

const DEFAULT_TTL_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 5_000;

export function workloadKey(workload: Workload): string {
  return `${workload.namespace}/${workload.deployment ?? '*'}`;
}

export class WorkloadResolver {
  readonly #cache = new Map<string, { at: number; value: Promise<string | undefined> }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(
    private readonly kube: KubePort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: WorkloadResolverOptions = {},
  ) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  }

  /** The workload, or undefined when the alert names no namespace (a cluster-level alert). */
  async resolve(alert: ReceivedAlert): Promise<Workload | undefined> {
    const { namespace } = alert;
    if (!namespace) return undefined;
    if (alert.deployment) {
      const exists = await this.#cached(`deployment:${namespace}/${alert.deployment}`, () =>
        this.#deploymentExists(namespace, alert.deployment!),
      );
      return { namespace, deployment: exists };
    }
    if (alert.pod) {
      const pod = alert.pod;
      const deployment = await this.#cached(`pod:${namespace}/${pod}`, () => this.#podOwner(namespace, pod));
      return { namespace, deployment };
    }
    return { namespace, deployment: undefined };
  }

  #cached(key: string, lookup: () => Promise<string | undefined>): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    if (this.#cache.size >= this.#maxEntries) this.#evictOldest();
    const value = lookup();
    this.#cache.set(key, { at: now, value });
    // A failed lookup is not remembered: the next alert tries again.
    value.catch(() => this.#cache.delete(key));
    return value;
  }

  #evictOldest(): void {
    // Map iteration is insertion order: the first entries are the oldest.
    const excess = this.#cache.size - this.#maxEntries + 1;
    let removed = 0;
    for (const key of this.#cache.keys()) {
      if (removed >= excess) break;
      this.#cache.delete(key);
      removed += 1;
    }
  }

  async #deploymentExists(namespace: string, name: string): Promise<string | undefined> {
    try {
      return (await this.kube.get('Deployment', namespace, name)) ? name : undefined;
    } catch (error) {
      // The label is authoritative; the API being unreachable must not turn it into a namespace-wide incident.
      this.logger.warn({ err: error, namespace, deployment: name }, 'could not check the alert’s deployment');
      return name;
    }
  }

  async #podOwner(namespace: string, podName: string): Promise<string | undefined> {
    try {
      const pod = await this.kube.get('Pod', namespace, podName);
      if (!pod) return await this.#guessFromPodName(namespace, podName);
      const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller);
      if (owner?.kind !== 'ReplicaSet') return undefined;
      const replicaSet = await this.kube.get('ReplicaSet', namespace, owner.name);
      const deployment = replicaSet?.metadata?.ownerReferences?.find((reference) => reference.controller);
      if (deployment) return deployment.kind === 'Deployment' ? deployment.name : undefined;
      // The ReplicaSet is gone (an old revision): its name still carries the Deployment's.
      return replicaSet ? undefined : await this.#existing(namespace, stripSuffix(owner.name, 1));
    } catch (error) {
      this.logger.warn({ err: error, namespace, pod: podName }, 'could not look up the alert’s pod');
      return stripSuffix(podName, 2);
    }
  }

  /** A pod that no longer exists (replaced since the alert fired): `<deployment>-<rs hash>-<pod hash>`. */
  async #guessFromPodName(namespace: string, podName: string): Promise<string | undefined> {
    return this.#existing(namespace, stripSuffix(podName, 2));
  }

  async #existing(namespace: string, name: string | undefined): Promise<string | undefined> {
    if (!name) return undefined;
    return (await this.kube.get('Deployment', namespace, name)) ? name : undefined;
  }
}

/** `payments-7c9f6d8b5-x2k9q` without its last `count` dash-separated parts, or undefined if too short. */
function stripSuffix(name: string, count: number): string | undefined {
  const parts = name.split('-');
  return parts.length > count ? parts.slice(0, -count).join('-') : undefined;
}
