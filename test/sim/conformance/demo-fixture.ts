/**
 * The cluster the kubectl transcripts were captured against, rebuilt in the sim: namespace `demo`, Deployment
 * `web` (2 replicas, container `web`, port 80, env A=1) with two revisions (nginx:1.24, then nginx:1.25 — what
 * `rollout history`/`undo` in the transcripts show), both pods Running and Ready, and the virtual clock on the
 * wall clock (startSim starts it in the past by the load time) so kubectl's own age arithmetic stays sane.
 */
import { parseScenario } from '../../../src/sim/scenario.js';
import { startSim, type SimHandle } from '../../../src/sim/sim.js';

export type DemoOptions = {
  /** Pod log lines (the transcripts' fake printed two); absent = the sim's default, no output. */
  logs?: string;
  /** The container exits 1 after this many seconds, so pods have a previous run for `logs --previous`. */
  exitAfterSeconds?: number;
  /** Virtual time to run after loading (default 60 s: both revisions rolled out). */
  advanceMs?: number;
};

export function demoScenarioText(options: DemoOptions = {}): string {
  const annotations: Record<string, string> = {};
  if (options.logs !== undefined) annotations['sim.sre-bot.dev/logs'] = options.logs;
  if (options.exitAfterSeconds !== undefined) {
    annotations['sim.sre-bot.dev/exit-code'] = '1';
    annotations['sim.sre-bot.dev/exit-after-seconds'] = String(options.exitAfterSeconds);
  }
  const deployment = (image: string) =>
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: {
            labels: { app: 'web' },
            ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          },
          spec: {
            containers: [
              { name: 'web', image, ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
            ],
          },
        },
      },
    });
  // JSON is YAML: one document per object, the Deployment twice for two revisions.
  return [
    JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }),
    deployment('nginx:1.24'),
    deployment('nginx:1.25'),
  ].join('\n---\n');
}

export async function startDemo(
  options: DemoOptions = {},
  simOptions: { speed?: number } = {},
): Promise<SimHandle> {
  return startSim({
    scenarioObjects: [{ name: 'demo', path: 'demo.yaml', objects: parseScenario(demoScenarioText(options)) }],
    seed: 7,
    recordRequests: true,
    advanceMs: options.advanceMs ?? 60_000,
    ...simOptions,
  });
}

/** `dep.yaml` of the apply transcripts (the last-applied annotation they show is this file, compacted). */
export const DEP_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: demo
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: busybox:1.36
        env:
        - name: X
          value: "3"
`;
