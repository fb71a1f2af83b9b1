/**
 * A real bot for the alert tests: the simulated cluster with public scenarios, the Slack emulator, and
 * `createBot` over `createServices` (real Kubernetes client against the sim, memory store, no LLM unless one is
 * given), serving POST /alerts on a real port.
 */
import type { Clock } from '../../../src/clock.js';
import { createBot, type Bot } from '../../../src/app/bot.js';
import { createServices } from '../../../src/app/services.js';
import { loadConfig } from '../../../src/config.js';
import { createClientNodeKube } from '../../../src/kube/client-node-adapter.js';
import type { KubePort } from '../../../src/kube/port.js';
import type { LlmPort } from '../../../src/llm/port.js';
import { silentLogger, type Logger } from '../../../src/log.js';
import { startSim, type SimHandle } from '../../../src/sim/sim.js';
import type { Scenario } from '../../../src/sim/scenario.js';
import {
  startSlackEmulator,
  type SlackEmulator,
  type SlackEmulatorOptions,
} from '../../../src/slack-emulator/index.js';
import { createKeyvStore } from '../../../src/store/keyv-store.js';
import type { StorePort } from '../../../src/store/port.js';
import { wire } from './payloads.js';

export const ALERTS_TOKEN = 'test-alerts-token-0123456789abcdef';
export const CHANNEL = 'C0INCIDENTS';

export type HarnessOptions = {
  scenarios?: string[];
  scenarioObjects?: Scenario[];
  /** Environment over the defaults below; `ALERTS_TOKEN: ''` turns /alerts off. */
  env?: Record<string, string>;
  llm?: LlmPort;
  /** Build the LLM from the environment (LLM_PROVIDER …) instead of `llm`. */
  llmFromConfig?: boolean;
  /** Run the sim's clock in real time at this speed (verification needs time to pass). */
  simSpeed?: number;
  clock?: Clock;
  logger?: Logger;
  expirySweepMs?: number;
  slackRetries?: number;
  /** Slack pacing as in production (1 post/s per channel) instead of none. */
  realPacing?: boolean;
  emulator?: SlackEmulatorOptions;
  /** Reuse a running sim (its owner stops it). */
  sim?: SimHandle;
};

export type Harness = {
  sim: SimHandle;
  emulator: SlackEmulator;
  bot: Bot;
  kube: KubePort;
  store: StorePort;
  /** http://127.0.0.1:PORT of the bot. */
  url: string;
  /** POSTs a payload to /alerts as Alertmanager does (Go wire format, bearer token). */
  postAlerts(payload: unknown, options?: { token?: string | null; body?: string }): Promise<Response>;
  /** Waits until the bot has handled everything it accepted. */
  idle(): Promise<void>;
  metrics(): Promise<string>;
  stop(): Promise<void>;
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownSim = options.sim === undefined;
  const sim =
    options.sim ??
    (await startSim({
      scenarios: options.scenarios ?? ['payments-missing-env'],
      ...(options.scenarioObjects ? { scenarioObjects: options.scenarioObjects } : {}),
      advanceMs: 90_000,
      ...(options.simSpeed ? { speed: options.simSpeed } : {}),
    }));
  const emulator = await startSlackEmulator({ checkMessage: null, ...options.emulator });
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SLACK_CHANNEL: CHANNEL,
    SRE_APPROVERS: 'U0ALICE',
    SRE_ONCALL: 'S0SREONCALL',
    STORE_URL: 'memory://',
    LLM_PROVIDER: 'none',
    PORT: '0',
    ALERTS_TOKEN,
    ...options.env,
  };
  const config = loadConfig(env);
  const store = await createKeyvStore({ kind: 'memory' });
  const kube = createClientNodeKube({ kubeconfigText: sim.kubeconfig });
  const services = createServices(config, {
    kube,
    ...(options.llmFromConfig ? {} : { llm: options.llm }),
    store,
    logger: options.logger ?? silentLogger(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const bot = await createBot(services, {
    botId: 'B0SREBOT',
    botUserId: 'U0SREBOT',
    slackRetries: options.slackRetries ?? 0,
    ...(options.realPacing ? {} : { postIntervalMs: 0, updateIntervalMs: 0 }),
    ...(options.expirySweepMs !== undefined ? { expirySweepMs: options.expirySweepMs } : {}),
  });
  const { port } = await bot.start();
  const url = `http://127.0.0.1:${port}`;
  emulator.setBotUrl(`${url}/slack/events`);

  return {
    sim,
    emulator,
    bot,
    kube,
    store,
    url,
    postAlerts: (payload, post = {}) => {
      const token = post.token === undefined ? ALERTS_TOKEN : post.token;
      return fetch(`${url}/alerts`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Alertmanager/0.33.1',
          ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        },
        body: post.body ?? wire(payload),
      });
    },
    idle: async () => {
      if (!(await bot.tracker.idle(60_000))) throw new Error('the bot did not become idle');
    },
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
    stop: async () => {
      await bot.stop();
      await services.close();
      await store.close();
      await emulator.stop();
      if (ownSim) await sim.stop();
    },
  };
}

/** The value of one Prometheus sample in a /metrics text, or undefined when absent. */
export function sample(
  metrics: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of metrics.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((pair) => present.includes(pair)) && present.length === wanted.length)
      return Number(match[3]);
  }
  return undefined;
}

/** Names of the pods of a deployment in the sim, oldest first. */
export async function podsOf(kube: KubePort, namespace: string, app: string): Promise<string[]> {
  const pods = await kube.list('Pod', namespace, { labelSelector: `app=${app}` });
  return pods
    .map((pod) => pod.metadata?.name ?? '')
    .filter(Boolean)
    .sort();
}

/** Polls an async condition until it holds (or fails after `timeoutMs`). */
export async function eventually(
  probe: () => Promise<boolean>,
  timeoutMs = 5_000,
  what = 'a condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
