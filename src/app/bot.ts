/**
 * Composition of the Slack bot (`sre-bot serve`, the demo and the end-to-end tests): services ⇒ incident flows
 * ⇒ Bolt app with its listeners and HTTP routes. Returns handles to start, stop and observe it.
 */
import type { Server } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { WebClientEvent } from '@slack/web-api';
import { alertReceiver } from '../alerts/alert-receiver.js';
import { requireSlack, type Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { diagnose } from '../diagnosis/diagnose.js';
import { startExpirySweep, type ExpirySweep } from '../incidents/expire-flow.js';
import type { IncidentDeps } from '../incidents/incident-deps.js';
import { IncidentRepository } from '../incidents/incident-repository.js';
import { resumeIncidents } from '../incidents/resume-flow.js';
import { createMetrics, type Metrics } from '../metrics/metrics.js';
import { createApproverCheck } from '../slack/approvers.js';
import { createSlackApp, registerListeners, type BotIdentity } from '../slack/slack-app.js';
import { createWebApiChat } from '../slack/web-api-chat.js';
import { WorkTracker } from '../slack/work-tracker.js';
import { diagnoseDeps, holderIdentity, remediationDeps, type Services } from './services.js';
import { basicRoutes } from './routes.js';
import type { Logger } from '../log.js';

/**
 * Slack allows about one chat.postMessage per second per channel. Posts launched exactly 1 s apart arrive a few
 * ms closer or further apart; the margin keeps two of them from landing in the same second (measured by the
 * alert-storm benchmark: at 1000 ms, gaps of 986 ms occurred).
 */
const POST_INTERVAL_MS = 1100;

export type BotOptions = {
  /** Tests: skip Bolt's auth.test, turn off Web API retries, shorten Slack pacing. */
  botId?: string;
  botUserId?: string;
  slackRetries?: number;
  postIntervalMs?: number;
  updateIntervalMs?: number;
  /**
   * More HTTP routes on the same port (POST /alerts is built in, from ALERTS_TOKEN). Bolt reads routes when the
   * app is built, before the incident deps exist (they need the app's Web API client), so handlers get them
   * through `deps()`.
   */
  extraRoutes?: (context: {
    deps: () => IncidentDeps;
    tracker: WorkTracker;
    metrics: Metrics;
  }) => CustomRoute[];
  holder?: string;
  /** How often stale proposals are looked for (default every minute; SRE_INCIDENT_TTL_HOURS is the age). */
  expirySweepMs?: number;
  /**
   * The interface to listen on (default: all, as a pod must). The demo binds loopback: its signing secret is
   * public, so nothing beyond this machine may reach it.
   */
  host?: string;
};

export type Bot = {
  deps: IncidentDeps;
  tracker: WorkTracker;
  metrics: Metrics;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
};

export async function createBot(services: Services, options: BotOptions = {}): Promise<Bot> {
  const { config, logger } = services;
  const slack = requireSlack(config);
  const metrics = createMetrics();
  const store = await services.store();
  const tracker = new WorkTracker(logger);
  const depsHolder: { deps?: IncidentDeps } = {};
  const currentDeps = (): IncidentDeps => {
    if (!depsHolder.deps) throw new Error('the bot is still starting');
    return depsHolder.deps;
  };
  const routes: CustomRoute[] = [
    ...basicRoutes(metrics),
    // POST /alerts exists only when ALERTS_TOKEN is set: otherwise Bolt answers 404, as for any unknown path.
    ...(config.alertsToken
      ? alertReceiver({
          token: config.alertsToken,
          channel: alertChannel(config),
          deps: currentDeps,
          kube: services.kube,
          store,
          clock: services.clock,
          tracker,
          metrics,
          logger,
        })
      : []),
    ...(options.extraRoutes ? options.extraRoutes({ deps: currentDeps, tracker, metrics }) : []),
  ];

  const { app, client, identify } = createSlackApp(
    {
      botToken: slack.botToken,
      signingSecret: slack.signingSecret,
      appToken: slack.appToken,
      apiUrl: config.slack.apiUrl,
      port: config.port,
      ...(options.botId ? { botId: options.botId } : {}),
      ...(options.botUserId ? { botUserId: options.botUserId } : {}),
      ...(options.slackRetries !== undefined ? { retries: options.slackRetries } : {}),
    },
    routes,
    logger,
  );
  // The WebClient waits out a 429's Retry-After and tries again: each of those is a retry.
  client.on(WebClientEvent.RATE_LIMITED, () => metrics.slackRetries.inc());
  const chat = createWebApiChat(client, {
    postIntervalMs: options.postIntervalMs ?? POST_INTERVAL_MS,
    ...(options.updateIntervalMs !== undefined ? { updateIntervalMs: options.updateIntervalMs } : {}),
    onError: (method) => metrics.slackErrors.inc({ method }),
  });
  const diagnosis = diagnoseDeps(services);
  const incidentDeps: IncidentDeps = {
    chat,
    incidents: new IncidentRepository(store),
    store,
    kube: services.kube,
    diagnose: async (namespace, deployment) => {
      const { report } = await diagnose(diagnosis, { namespace, ...(deployment ? { deployment } : {}) });
      if (report.llm) {
        metrics.llmCalls.inc({
          provider: report.llm.provider,
          result: report.llm.fallback ? 'fallback' : 'ok',
        });
        metrics.llmTokens.inc({ kind: 'prompt' }, report.llm.promptTokens);
        metrics.llmTokens.inc({ kind: 'completion' }, report.llm.completionTokens);
        if (report.llm.fallback)
          metrics.llmErrors.inc({ reason: report.llm.fallback.split(':')[0]!.slice(0, 40) });
      }
      return report;
    },
    remediation: await remediationDeps(services, options.holder ?? holderIdentity('serve')),
    isApprover: createApproverCheck(config.approvers, chat, services.clock),
    clock: services.clock,
    logger,
    settings: {
      approvers: config.approvers && [...config.approvers.users, ...config.approvers.groups],
      oncall: config.oncall,
      namespaceAllowed: config.namespaceAllowed,
      namespaces: config.namespaces,
    },
    events: {
      incidentOpened: (trigger) => metrics.incidentsOpened.inc({ trigger }),
      incidentEnded: (outcome, seconds) => {
        metrics.incidentsEnded.inc({ outcome });
        metrics.incidentDuration.observe({ outcome }, seconds);
      },
      diagnosed: (seconds, source) => metrics.diagnosisDuration.observe({ source }, seconds),
      verified: (healthy, seconds) =>
        metrics.verificationDuration.observe({ healthy: String(healthy) }, seconds),
    },
  };
  depsHolder.deps = incidentDeps;
  registerListeners(app, incidentDeps, tracker, {
    approvers: config.approvers,
    namespaces: config.namespaces,
    llmProvider: config.llm.provider,
  });

  let expiry: ExpirySweep | undefined;
  return {
    deps: incidentDeps,
    tracker,
    metrics,
    async start() {
      const listen = options.host ? { port: config.port, host: options.host } : config.port;
      const server = (await app.start(listen)) as Server | undefined;
      const address = server?.address();
      const port = address && typeof address === 'object' ? address.port : config.port;
      logger.info({ port, mode: slack.appToken ? 'socket' : 'http' }, 'sre-bot serving');
      // Incidents a previous run left mid-flight (applying, verifying) are picked up again.
      tracker.run('resume', () => resumeIncidents(incidentDeps));
      // Bolt checks the token only when the first event arrives; say now whether Slack answers, in one line.
      if (!options.botId) void checkSlack(identify, logger, config.slack.apiUrl);
      expiry = startExpirySweep(incidentDeps, {
        ttlMs: config.incidentTtlHours * 3_600_000,
        intervalMs: options.expirySweepMs ?? 60_000,
      });
      return { port };
    },
    async stop() {
      await expiry?.stop();
      expiry = undefined;
      await app.stop();
      await tracker.idle(30_000);
    },
  };
}

/** Alert-triggered incidents need somewhere to go: ALERTS_TOKEN without SLACK_CHANNEL stops start-up. */
function alertChannel(config: Config): string {
  if (!config.slack.channel)
    throw new ConfigError(
      'SLACK_CHANNEL',
      'is required when ALERTS_TOKEN is set (alert incidents are posted there)',
    );
  return config.slack.channel;
}

/**
 * One auth.test at start-up (the same one Bolt's authorization then reuses): a clear line naming Slack, instead
 * of only the Web API client's retry warnings.
 */
async function checkSlack(
  identify: () => Promise<BotIdentity>,
  logger: Logger,
  apiUrl: string | undefined,
): Promise<void> {
  try {
    const identity = await identify();
    logger.info({ team: identity.team, user: identity.user }, 'connected to Slack');
  } catch (error) {
    logger.error(
      { err: error, slackApiUrl: apiUrl ?? 'https://slack.com/api/' },
      'cannot use Slack: auth.test failed — check SLACK_BOT_TOKEN, SLACK_API_URL and the network',
    );
  }
}
