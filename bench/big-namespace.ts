/**
 * A large namespace for the diagnosis benchmarks: many healthy Deployments, one failing one (a missing env var
 * whose value exists in a ConfigMap), and thousands of ordinary events — generated, not hand-written.
 */
import type { KubeObject } from '../src/kube/types.js';
import { defaultNode } from '../src/sim/bootstrap.js';
import type { Scenario } from '../src/sim/scenario.js';

export function bigNamespace(namespace: string, deployments: number, replicas: number): Scenario {
  // Default nodes hold 110 pods each (330 in all): declare enough nodes that every pod can be scheduled.
  const nodeCount = Math.max(3, Math.ceil((deployments * replicas) / 100));
  const nodes: KubeObject[] = Array.from({ length: nodeCount }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Node',
    ...defaultNode(
      `node-${index + 1}`,
      index + 1,
      new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      '16',
      '64Gi',
    ),
  }));
  const objects: KubeObject[] = [
    ...nodes,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'shared-config', namespace },
      data: { REQUIRED_CONFIG: 'https://config.internal/bench', LOG_LEVEL: 'info' },
    },
  ];
  for (let index = 0; index < deployments; index += 1) {
    const name = index === 0 ? 'broken' : `svc-${String(index).padStart(3, '0')}`;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: {
            labels: { app: name },
            annotations: {
              'sim.sre-bot.dev/logs': `${name} starting\nlistening on :8080`,
              ...(index === 0 ? { 'sim.sre-bot.dev/requires-env': 'REQUIRED_CONFIG' } : {}),
            },
          },
          spec: {
            containers: [
              {
                name: 'app',
                image: `registry.example.com/bench/${name}:1.0.0`,
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
        },
      },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
    });
  }
  return { name: `bench-${namespace}`, path: '(generated)', objects };
}

/** Ordinary events (config reloads, scaling chatter) so the namespace carries `count` of them. */
export function noiseEvents(namespace: string, count: number, now: string): KubeObject[] {
  const reasons = ['ConfigReloaded', 'CacheWarmed', 'LeaderElection', 'Sync', 'HealthCheck'];
  return Array.from({ length: count }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `noise.${index.toString(16).padStart(8, '0')}`, namespace },
    involvedObject: {
      kind: 'Deployment',
      namespace,
      name: `svc-${String((index % 99) + 1).padStart(3, '0')}`,
    },
    reason: reasons[index % reasons.length],
    message: `routine event ${index} for the benchmark (nothing is wrong)`,
    type: 'Normal',
    source: { component: 'bench-generator' },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  }));
}
