/**
 * The Bolt app: HTTP mode (signature-verified POST /slack/events) or Socket Mode when an app token is given. In
 * both, the same HTTP port serves the extra routes (/healthz, /metrics, /alerts). Listeners are registered
 * here from their factories; the app itself holds no business logic.
 */
import { App, type Authorize, type AuthorizeResult, type CustomRoute } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { buildHelp } from '../../blocks/help.js';
import { ACTION_IDS } from '../../blocks/ids.js';
import type { IncidentDeps } from '../incidents/incident-deps.js';
import type { Logger } from '../log.js';
import { boltLogger } from './bolt-logger.js';
import { incidentButtons } from './listeners/incident-buttons.js';
import { sreCommand } from './listeners/sre-command.js';
import type { WorkTracker } from './work-tracker.js';

export type SlackAppSettings = {
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Slack Web API base URL (emulator, tests); must end with `/`. */
  apiUrl: string | undefined;
  port: number;
  /** Skips Bolt's auth.test at start-up when both are known (tests). */
  botId?: string;
  botUserId?: string;
  /** Web API retries on 429/5xx (tests turn them off). */
  retries?: number;
  onRetry?: () => void;
};

/**
 * The Bolt app and the bot-token Web API client the bot posts with. Bolt is given an `authorize` function rather
 * than the token: with a token it calls auth.test once, in its constructor, and keeps that promise — so Slack
 * unreachable at start-up was an unhandled rejection that killed the process, and would have failed every later
 * event. Here auth.test runs when an event needs it and only a success is remembered.
 */
export function createSlackApp(
  settings: SlackAppSettings,
  routes: CustomRoute[],
  logger: Logger,
): { app: App; client: WebClient; identify: () => Promise<BotIdentity> } {
  const socketMode = settings.appToken !== undefined;
  const apiUrl = settings.apiUrl && !settings.apiUrl.endsWith('/') ? `${settings.apiUrl}/` : settings.apiUrl;
  const clientOptions: WebClientOptions = {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    logger: boltLogger(logger),
    retryConfig: {
      retries: settings.retries ?? 5,
      factor: 2,
      minTimeout: 1000,
      maxTimeout: 30_000,
      randomize: true,
    },
  };
  const client = new WebClient(settings.botToken, clientOptions);
  const identify = botIdentity(client, settings);
  const authorize: Authorize<boolean> = async () => (await identify()).authorization;
  const app = new App({
    authorize,
    ...(socketMode
      ? { socketMode: true, appToken: settings.appToken }
      : { signingSecret: settings.signingSecret ?? '' }),
    port: settings.port,
    customRoutes: routes,
    logger: boltLogger(logger),
    // Never hold the HTTP response until listeners finish: the ack must leave within 3 s.
    processBeforeResponse: false,
    clientOptions,
  });
  app.error((error) => {
    logger.error({ err: error }, 'Slack listener error');
    return Promise.resolve();
  });
  return { app, client, identify };
}

/** Who the bot is in Slack: `team` and `user` are names, for the start-up line. */
export type BotIdentity = { authorization: AuthorizeResult; team?: string; user?: string };

/**
 * The bot's identity: given (tests), or from auth.test — only a success is remembered, so after a failure the
 * next caller (the start-up check, an event's authorization) asks again, and a success serves both.
 */
function botIdentity(client: WebClient, settings: SlackAppSettings): () => Promise<BotIdentity> {
  let known: BotIdentity | undefined =
    settings.botId && settings.botUserId
      ? {
          authorization: {
            botToken: settings.botToken,
            botId: settings.botId,
            botUserId: settings.botUserId,
          },
        }
      : undefined;
  return async () => {
    if (known) return known;
    const identity = await client.auth.test();
    known = {
      authorization: {
        botToken: settings.botToken,
        ...(identity.bot_id ? { botId: identity.bot_id } : {}),
        ...(identity.user_id ? { botUserId: identity.user_id } : {}),
        ...(identity.team_id ? { teamId: identity.team_id } : {}),
      },
      ...(identity.team ? { team: identity.team } : {}),
      ...(identity.user ? { user: identity.user } : {}),
    };
    return known;
  };
}

/** One line per listener: the command and the four incident buttons. */
export function registerListeners(
  app: App,
  deps: IncidentDeps,
  tracker: WorkTracker,
  help: Parameters<typeof buildHelp>[0],
): void {
  app.command('/sre', sreCommand(deps, tracker, help));
  const buttons = incidentButtons(deps, tracker);
  app.action(ACTION_IDS.approve, buttons.approve);
  app.action(ACTION_IDS.reject, buttons.reject);
  app.action(ACTION_IDS.dryRun, buttons.dryRun);
  app.action(ACTION_IDS.undo, buttons.undo);
}
