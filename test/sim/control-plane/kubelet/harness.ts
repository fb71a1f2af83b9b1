/**
 * Fixtures for the kubelet tests: a seeded SimCluster (three default nodes) with a `demo` namespace, pods created
 * the way a client would (no nodeName: the real scheduler binds them), and readers for what `kubectl get`,
 * `describe` and `logs` would show. Time only moves through `cluster.advance`.
 */
import type { ConfigMap, ContainerStatus, Event, Pod } from '../../../../src/kube/types.js';
import { SimCluster } from '../../../../src/sim/cluster.js';
import type { PodLogOptions } from '../../../../src/sim/control-plane/pod-logs.js';
import { ApiError } from '../../../../src/sim/errors.js';
import { configMaps } from '../../../../src/sim/resources/configmaps.js';
import { events } from '../../../../src/sim/resources/events.js';
import { namespaces } from '../../../../src/sim/resources/namespaces.js';
import { pods } from '../../../../src/sim/resources/pods.js';

export const START = Date.parse('2026-01-01T00:00:00Z');
export const NS = 'demo';
export const ANNOTATION = 'sim.sre-bot.dev/';

export function newCluster(): SimCluster {
  const cluster = new SimCluster({ seed: 1, startTime: START });
  cluster.api.create(namespaces, undefined, { metadata: { name: NS } });
  cluster.settle();
  return cluster;
}

/** Seconds since START, for readable assertions on timestamps. */
export function at(seconds: number): string {
  return new Date(START + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export type Container = NonNullable<Pod['spec']>['containers'][number];

export function container(overrides: Partial<Container> = {}): Container {
  return { name: 'web', image: 'nginx:1.25', ...overrides };
}

/** Creates a pod (spec merged over one `web` container) with `sim.sre-bot.dev/*` annotations given without prefix. */
export function createPod(
  cluster: SimCluster,
  name: string,
  options: {
    behaviour?: Record<string, string>;
    spec?: Partial<NonNullable<Pod['spec']>>;
    annotations?: Record<string, string>;
  } = {},
): Pod {
  const annotations: Record<string, string> = { ...options.annotations };
  for (const [key, value] of Object.entries(options.behaviour ?? {}))
    annotations[`${ANNOTATION}${key}`] = value;
  const body: Pod = {
    metadata: { name, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: { containers: [container()], ...options.spec },
  };
  const created = cluster.api.create(pods, NS, body) as Pod;
  cluster.settle();
  return created;
}

export function getPod(cluster: SimCluster, name: string): Pod {
  return cluster.api.get(pods, NS, name);
}

export function findPod(cluster: SimCluster, name: string): Pod | undefined {
  return cluster.api.find(pods, NS, name);
}

export function status(cluster: SimCluster, name: string, containerName = 'web'): ContainerStatus {
  const pod = getPod(cluster, name);
  const found = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (s) => s.name === containerName,
  );
  if (!found) throw new Error(`no status for container ${containerName} of pod ${name}`);
  return found;
}

/** `waiting:Reason`, `running`, `terminated:Reason:exitCode`: the container's state at a glance. */
export function stateOf(cluster: SimCluster, name: string, containerName = 'web'): string {
  const state = status(cluster, name, containerName).state ?? {};
  if (state.waiting) return `waiting:${state.waiting.reason}`;
  if (state.running) return 'running';
  if (state.terminated) return `terminated:${state.terminated.reason}:${state.terminated.exitCode}`;
  return 'none';
}

export function condition(
  cluster: SimCluster,
  name: string,
  type: string,
): { status?: string; reason?: string; message?: string } {
  return getPod(cluster, name).status?.conditions?.find((c) => c.type === type) ?? {};
}

/** The pod's events, oldest first (event names end in the hex virtual time and a sequence number). */
export function podEvents(cluster: SimCluster, name: string): Event[] {
  const suffix = (event: Event) => event.metadata?.name?.split('.').pop() ?? '';
  return (cluster.api.list(events, NS).items as Event[])
    .filter((event) => event.involvedObject.kind === 'Pod' && event.involvedObject.name === name)
    .sort(
      (a, b) =>
        suffix(a).length - suffix(b).length || (suffix(a) < suffix(b) ? -1 : suffix(a) > suffix(b) ? 1 : 0),
    );
}

/** `Type Reason: message` per event, oldest first. */
export function eventLines(cluster: SimCluster, name: string): string[] {
  return podEvents(cluster, name).map((event) => `${event.type} ${event.reason}: ${event.message}`);
}

/** How many times an event with this reason and message was recorded (its count; 0 when absent). */
export function eventCount(cluster: SimCluster, name: string, reason: string, message: string): number {
  const found = podEvents(cluster, name).find(
    (event) => event.reason === reason && event.message === message,
  );
  return found ? (found.count ?? found.series?.count ?? 1) : 0;
}

/** What `kubectl logs` would print, or the 400 message the API answers with. */
export function logs(cluster: SimCluster, name: string, options: PodLogOptions = {}): string {
  try {
    return cluster.components.podLogs.read(NS, name, options);
  } catch (error) {
    if (error instanceof ApiError) return `ERROR ${error.code}: ${error.message}`;
    throw error;
  }
}

export function setRegistryUnpullable(cluster: SimCluster, lines: string): void {
  const body: ConfigMap = { metadata: { name: 'sim-registry' }, data: { unpullable: lines } };
  if (cluster.api.find(configMaps, 'sim-system', 'sim-registry')) {
    cluster.api.replace(configMaps, 'sim-system', 'sim-registry', body);
  } else {
    cluster.api.create(configMaps, 'sim-system', body);
  }
  cluster.settle();
}

/** Advances time one second at a time until `check` holds; returns the seconds it took (fails after `max`). */
export function advanceUntil(cluster: SimCluster, check: () => boolean, max = 600): number {
  for (let seconds = 0; seconds <= max; seconds += 1) {
    if (check()) return seconds;
    cluster.advance(1000);
  }
  throw new Error(`condition not reached within ${max}s`);
}

export function elapsedSeconds(cluster: SimCluster): number {
  return (cluster.clock.now() - START) / 1000;
}
