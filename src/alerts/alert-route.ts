/**
 * POST /alerts: the Alertmanager webhook receiver, on the bot's HTTP port. Bolt hands custom routes the raw
 * request — no auth, no body parsing, no limit — so all three happen here, in that order: the bearer token
 * (401), a capped body (413), the v4 payload (400, with the reason). Then 200 at once: Alertmanager only needs
 * a quick 2xx (it retries 5xx, and a slow answer holds its notification pipeline), and the alerts are handled
 * in the background, tracked so shutdown and tests can wait for them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { WorkTracker } from '../slack/work-tracker.js';
import type { AlertProcessor } from './alert-processor.js';
import { bearerMatches } from './bearer.js';
import { toReceivedAlert } from './received-alert.js';
import { discardRest, readCappedBody } from './request-body.js';
import { parseWebhook } from './webhook-schema.js';

/** Alertmanager sends every alert of a group in one request; 1 MiB is thousands of alerts. */
export const MAX_ALERTS_BODY_BYTES = 1024 * 1024;

export type AlertRouteOptions = {
  /** ALERTS_TOKEN. */
  token: string;
  processor: Pick<AlertProcessor, 'accept'>;
  tracker: WorkTracker;
  metrics: Metrics;
  logger: Logger;
  maxBodyBytes?: number;
};

export function alertRoutes(options: AlertRouteOptions): CustomRoute[] {
  return [
    {
      path: '/alerts',
      method: ['POST'],
      // Bolt does not catch an async handler's rejection: everything is caught here.
      handler: (request, response) => {
        receiveAlerts(request, response, options).catch((error: unknown) => {
          options.logger.error({ err: error }, 'POST /alerts failed');
          if (!response.headersSent) reply(response, 500, { ok: false, error: 'internal_error' });
        });
      },
    },
  ];
}

async function receiveAlerts(
  request: IncomingMessage,
  response: ServerResponse,
  options: AlertRouteOptions,
): Promise<void> {
  const { metrics, logger } = options;
  const limit = options.maxBodyBytes ?? MAX_ALERTS_BODY_BYTES;
  if (!bearerMatches(request.headers.authorization, options.token)) {
    metrics.alertsRejected.inc({ reason: 'auth' });
    discardRest(request, limit);
    reply(
      response,
      401,
      { ok: false, error: 'unauthorized' },
      { 'WWW-Authenticate': 'Bearer realm="sre-bot"' },
    );
    return;
  }
  const body = await readCappedBody(request, limit);
  if (!body.ok) {
    if (body.reason === 'aborted') return;
    metrics.alertsRejected.inc({ reason: 'too_large' });
    reply(
      response,
      413,
      { ok: false, error: 'too_large', reason: `body exceeds ${limit} bytes` },
      {
        Connection: 'close',
      },
    );
    return;
  }
  const parsed = parseWebhook(body.body.toString('utf8'));
  if (!parsed.ok) {
    metrics.alertsRejected.inc({ reason: 'malformed' });
    logger.warn({ reason: parsed.reason }, 'malformed Alertmanager payload refused');
    reply(response, 400, { ok: false, error: 'invalid_payload', reason: parsed.reason });
    return;
  }
  const alerts = parsed.value.alerts.map(toReceivedAlert);
  for (const alert of alerts) metrics.alertsReceived.inc({ status: alert.status });
  reply(response, 200, { ok: true, alerts: alerts.length });
  logger.debug({ groupKey: parsed.value.groupKey, alerts: alerts.length }, 'alerts received');
  options.tracker.run('alerts', () => options.processor.accept(alerts));
}

function reply(
  response: ServerResponse,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
