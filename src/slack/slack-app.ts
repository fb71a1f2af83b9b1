/**
 * The Bolt app: HTTP mode (signature-verified POST /slack/events) or Socket Mode when an app token is given. In
 * both, the same HTTP port serves the extra routes (/healthz, /metrics, /alerts). Listeners are registered
 * here from their factories; the app itself holds no business logic.
 */
import { App, type CustomRoute } from '@slack/bolt';
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

export function createSlackApp(settings: SlackAppSettings, routes: CustomRoute[], logger: Logger): App {
  const socketMode = settings.appToken !== undefined;
  const apiUrl = settings.apiUrl && !settings.apiUrl.endsWith('/') ? `${settings.apiUrl}/` : settings.apiUrl;
  const app = new App({
    token: settings.botToken,
    ...(socketMode
      ? { socketMode: true, appToken: settings.appToken }
      : { signingSecret: settings.signingSecret ?? '' }),
    port: settings.port,
    customRoutes: routes,
    logger: boltLogger(logger),
    // Never hold the HTTP response until listeners finish: the ack must leave within 3 s.
    processBeforeResponse: false,
    ...(settings.botId && settings.botUserId ? { botId: settings.botId, botUserId: settings.botUserId } : {}),
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: {
        retries: settings.retries ?? 5,
        factor: 2,
        minTimeout: 1000,
        maxTimeout: 30_000,
        randomize: true,
      },
    },
  });
  app.error((error) => {
    logger.error({ err: error }, 'Slack listener error');
    return Promise.resolve();
  });
  return app;
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
