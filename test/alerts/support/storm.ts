/**
 * An alert storm, shared by the concurrency test and `npm run bench alert-storm`: N crash-looping Deployments
 * in one namespace, and Alertmanager notifications about them — five distinct alerts per workload (two crash
 * loops, two not-ready pods, one replicas mismatch), repeated until the total is reached, spread evenly over a
 * time window, each notification carrying a handful of alerts picked pseudo-randomly (seeded).
 */
import type { KubePort } from '../../../src/kube/port.js';
import type { Scenario } from '../../../src/sim/scenario.js';
import {
  kubeDeploymentReplicasMismatch,
  kubePodCrashLooping,
  kubePodNotReady,
  notification,
  type FixtureAlert,
} from './payloads.js';

export const STORM_NAMESPACE = 'storm';

export const workloadName = (index: number): string => `svc-${String(index + 1).padStart(2, '0')}`;

export function stormScenario(workloads: number): Scenario {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: STORM_NAMESPACE } },
    ...Array.from({ length: workloads }, (_, index) => {
      const name = workloadName(index);
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: STORM_NAMESPACE, labels: { app: name } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: {
              labels: { app: name },
              annotations: { 'sim.sre-bot.dev/requires-env': 'DATABASE_URL' },
            },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: `registry.example.com/${name}:1.0.0`,
                  resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
                },
              ],
            },
          },
        },
      };
    }),
  ];
  return { name: 'alert-storm', path: 'inline', objects };
}

/** The distinct alerts of the storm: five per workload, with the sim's real pod names. */
export async function stormAlerts(kube: KubePort, workloads: number): Promise<FixtureAlert[]> {
  const alerts: FixtureAlert[] = [];
  for (let index = 0; index < workloads; index += 1) {
    const name = workloadName(index);
    const pods = (await kube.list('Pod', STORM_NAMESPACE, { labelSelector: `app=${name}` }))
      .map((pod) => pod.metadata?.name ?? '')
      .sort();
    if (pods.length < 2) throw new Error(`storm: ${name} has ${pods.length} pods, expected 2`);
    alerts.push(
      kubePodCrashLooping(STORM_NAMESPACE, pods[0]!, 'app'),
      kubePodCrashLooping(STORM_NAMESPACE, pods[1]!, 'app'),
      kubePodNotReady(STORM_NAMESPACE, pods[0]!),
      kubePodNotReady(STORM_NAMESPACE, pods[1]!),
      kubeDeploymentReplicasMismatch(STORM_NAMESPACE, name),
    );
  }
  return alerts;
}

export type StormPlan = { notifications: Record<string, unknown>[]; total: number };

/** `total` alerts in notifications of `perNotification`, every distinct alert at least once. */
export function planStorm(
  distinct: FixtureAlert[],
  total: number,
  perNotification = 10,
  seed = 42,
): StormPlan {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const sequence: FixtureAlert[] = [...distinct];
  while (sequence.length < total) sequence.push(distinct[Math.floor(random() * distinct.length)]!);
  // Shuffle so the first sighting of each workload is spread over the window, not all up front.
  for (let i = sequence.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [sequence[i], sequence[j]] = [sequence[j]!, sequence[i]!];
  }
  const notifications: Record<string, unknown>[] = [];
  for (let i = 0; i < sequence.length; i += perNotification)
    notifications.push(notification(sequence.slice(i, i + perNotification)));
  return { notifications, total: sequence.length };
}

/** Sends the notifications evenly over `durationMs`, without waiting for answers before the next send. */
export async function sendStorm(
  plan: StormPlan,
  durationMs: number,
  post: (payload: unknown) => Promise<Response>,
): Promise<{ statuses: number[]; seconds: number }> {
  const started = performance.now();
  const interval = plan.notifications.length > 1 ? durationMs / (plan.notifications.length - 1) : 0;
  const responses: Promise<number>[] = [];
  for (const [index, payload] of plan.notifications.entries()) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    responses.push(post(payload).then((response) => response.status));
  }
  const statuses = await Promise.all(responses);
  return { statuses, seconds: (performance.now() - started) / 1000 };
}
