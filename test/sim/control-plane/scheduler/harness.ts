/**
 * Fixtures for the scheduler tests: a seeded SimCluster (three 4-CPU / 16Gi nodes unless told otherwise) with a
 * `demo` namespace, pods created without a node, and readers for the PodScheduled condition and the
 * scheduler's events (events.k8s.io style: `action`, `series`).
 */
import type { Event, Node, Pod } from '../../../../src/kube/types.js';
import { SimCluster } from '../../../../src/sim/cluster.js';
import { events } from '../../../../src/sim/resources/events.js';
import { namespaces } from '../../../../src/sim/resources/namespaces.js';
import { nodes } from '../../../../src/sim/resources/nodes.js';
import { pods } from '../../../../src/sim/resources/pods.js';

export const START = Date.parse('2026-01-01T00:00:00Z');
export const NS = 'demo';

export function newCluster(options: { withoutDefaultNodes?: boolean } = {}): SimCluster {
  const cluster = new SimCluster({ seed: 1, startTime: START, ...options });
  cluster.api.create(namespaces, undefined, { metadata: { name: NS } });
  cluster.settle();
  return cluster;
}

type PodSpec = NonNullable<Pod['spec']>;

export function createPod(
  cluster: SimCluster,
  name: string,
  spec: Partial<PodSpec> = {},
  requests?: Record<string, string>,
): Pod {
  const body: Pod = {
    metadata: { name },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.25', ...(requests ? { resources: { requests } } : {}) }],
      ...spec,
    },
  };
  const created = cluster.api.create(pods, NS, body) as Pod;
  cluster.settle();
  return created;
}

export function getPod(cluster: SimCluster, name: string): Pod {
  return cluster.api.get(pods, NS, name);
}

export function podScheduled(
  cluster: SimCluster,
  name: string,
): { status?: string; reason?: string; message?: string } {
  return getPod(cluster, name).status?.conditions?.find((c) => c.type === 'PodScheduled') ?? {};
}

export function schedulerEvents(cluster: SimCluster, name: string): Event[] {
  return (cluster.api.list(events, NS).items as Event[]).filter(
    (event) => event.involvedObject.name === name && event.reportingComponent === 'default-scheduler',
  );
}

/** The FailedScheduling message of a pod (the most recent one). */
export function failedScheduling(cluster: SimCluster, name: string): string | undefined {
  return schedulerEvents(cluster, name)
    .filter((event) => event.reason === 'FailedScheduling')
    .at(-1)?.message;
}

export function updateNode(cluster: SimCluster, name: string, change: (node: Node) => void): void {
  const node = structuredClone(cluster.api.get(nodes, undefined, name)) as Node;
  change(node);
  cluster.api.replace(nodes, undefined, name, node);
  cluster.settle();
}
