/**
 * The whole product on the embedded defaults: the simulated cluster with a broken `payments` deployment, the bot
 * (rules-only diagnosis, memory store), and the local Slack emulator with its browser console. `sre-bot demo`
 * runs it for a newcomer; the Slack end-to-end tests and benchmarks start the very same composition.
 */
import { loadConfig } from '../config.js';
import { createClientNodeKube } from '../kube/client-node-adapter.js';
import { createLogger, silentLogger } from '../log.js';
import { loadScenario } from '../sim/scenario.js';
import { startSim, type SimHandle } from '../sim/sim.js';
import { startSlackEmulator, type SlackEmulator } from '../slack-emulator/index.js';
import { createBot, type Bot } from './bot.js';
import { createServices, type Services } from './services.js';

export type DemoOptions = {
  scenarios?: string[];
  /** Virtual clock speed of the sim (the demo runs in real time; tests speed it up). */
  speed?: number;
  /** Fast-forward the sim at start so the failure is already visible. */
  advanceMs?: number;
  /** Console port (0 = free). */
  consolePort?: number;
  kubeconfigPath?: string;
  /** Environment-style settings for the bot (SRE_APPROVERS, SRE_VERIFY_SETTLE_SECONDS …), over the demo defaults. */
  env?: Record<string, string>;
  /** Write structured logs to stderr (the demo) or stay silent (tests). */
  logs?: boolean;
  seed?: number;
  /** Bot knobs for tests (Slack retries off, no Slack pacing). */
  fast?: boolean;
};

export type Demo = {
  sim: SimHandle;
  emulator: SlackEmulator;
  bot: Bot;
  services: Services;
  botUrl: string;
  /** The namespaces the scenarios create (what to diagnose), in order. */
  namespaces: string[];
  stop(): Promise<void>;
};

export const DEMO_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-emulator-token',
  SLACK_SIGNING_SECRET: 'emulator-signing-secret',
  SLACK_CHANNEL: 'C0INCIDENTS',
  SRE_APPROVERS: 'U0ALICE',
  SRE_ONCALL: 'S0SREONCALL',
  STORE_URL: 'memory://',
  LLM_PROVIDER: 'none',
  PORT: '0',
  SRE_VERIFY_SETTLE_SECONDS: '10',
  SRE_VERIFY_TIMEOUT_SECONDS: '180',
} as const;

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  // The console first: its port is the one a user picks, so a port in use fails before anything else started
  // (or wrote .sim/kubeconfig over the one a running demo uses).
  const emulator = await startSlackEmulator({ port: options.consolePort ?? 0 });
  const started: { stop(): Promise<void> }[] = [emulator];
  try {
    const scenarios = options.scenarios ?? ['payments-missing-env'];
    const sim = await startSim({
      scenarios,
      speed: options.speed ?? 1,
      advanceMs: options.advanceMs ?? 90_000,
      ...(options.kubeconfigPath ? { kubeconfigPath: options.kubeconfigPath } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    });
    started.unshift(sim);
    const env = { ...DEMO_ENV, SLACK_API_URL: emulator.apiUrl, ...options.env };
    const config = loadConfig(env);
    const services = createServices(config, {
      kube: createClientNodeKube({ kubeconfigText: sim.kubeconfig }),
      logger: options.logs ? createLogger(config.logLevel) : silentLogger(),
    });
    started.unshift({ stop: () => services.close() });
    const bot = await createBot(services, {
      botId: 'B0SREBOT',
      botUserId: 'U0SREBOT',
      host: '127.0.0.1',
      ...(options.fast ? { slackRetries: 0, postIntervalMs: 0, updateIntervalMs: 0 } : {}),
    });
    const { port } = await bot.start();
    return running({ sim, emulator, bot, services, port, namespaces: scenarioNamespaces(scenarios) });
  } catch (error) {
    for (const part of started) await part.stop().catch(() => undefined);
    throw error;
  }
}

function running(parts: {
  sim: SimHandle;
  emulator: SlackEmulator;
  bot: Bot;
  services: Services;
  port: number;
  namespaces: string[];
}): Demo {
  const { sim, emulator, bot, services, port, namespaces } = parts;
  const botUrl = `http://127.0.0.1:${port}/slack/events`;
  emulator.setBotUrl(botUrl);
  return {
    sim,
    emulator,
    bot,
    services,
    botUrl,
    namespaces,
    async stop() {
      await bot.stop();
      await services.close();
      await emulator.stop();
      await sim.stop();
    },
  };
}

/** Namespaces the scenarios create (the sim's own `sim-system` aside): what the banner tells a user to diagnose. */
function scenarioNamespaces(scenarios: readonly string[]): string[] {
  const names = scenarios.flatMap((scenario) =>
    loadScenario(scenario)
      .objects.filter((object) => object.kind === 'Namespace')
      .map((object) => object.metadata?.name ?? ''),
  );
  return [...new Set(names.filter((name) => name !== '' && name !== 'sim-system'))];
}
