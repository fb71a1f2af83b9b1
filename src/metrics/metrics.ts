/**
 * Prometheus metrics (GET /metrics): what an SRE watches about the bot itself. One registry per bot instance
 * (tests build several side by side), so nothing here is a module-level singleton.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'sre_bot_' });
  const seconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
  return {
    registry,
    incidentsOpened: new Counter({
      name: 'sre_bot_incidents_opened_total',
      help: 'Incidents opened, by trigger.',
      labelNames: ['trigger'],
      registers: [registry],
    }),
    incidentsEnded: new Counter({
      name: 'sre_bot_incidents_total',
      help: 'Incidents that ended, by outcome (resolved, failed, rejected, undone, expired).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    incidentDuration: new Histogram({
      name: 'sre_bot_incident_duration_seconds',
      help: 'From opening to end, by outcome.',
      labelNames: ['outcome'],
      buckets: seconds,
      registers: [registry],
    }),
    diagnosisDuration: new Histogram({
      name: 'sre_bot_diagnosis_duration_seconds',
      help: 'Diagnosis time, by source (rules, llm).',
      labelNames: ['source'],
      buckets: seconds,
      registers: [registry],
    }),
    verificationDuration: new Histogram({
      name: 'sre_bot_verification_duration_seconds',
      help: 'Verification time, by result.',
      labelNames: ['healthy'],
      buckets: seconds,
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: 'sre_bot_llm_calls_total',
      help: 'LLM diagnoses, by provider and result (ok, fallback).',
      labelNames: ['provider', 'result'],
      registers: [registry],
    }),
    llmTokens: new Counter({
      name: 'sre_bot_llm_tokens_total',
      help: 'LLM tokens, by kind (prompt, completion).',
      labelNames: ['kind'],
      registers: [registry],
    }),
    llmErrors: new Counter({
      name: 'sre_bot_llm_errors_total',
      help: 'LLM failures that led to the rules fallback, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    slackErrors: new Counter({
      name: 'sre_bot_slack_api_errors_total',
      help: 'Slack Web API failures, by method.',
      labelNames: ['method'],
      registers: [registry],
    }),
    slackRetries: new Counter({
      name: 'sre_bot_slack_api_retries_total',
      help: 'Slack Web API calls retried after a 429 or 5xx.',
      registers: [registry],
    }),
    alertsReceived: new Counter({
      name: 'sre_bot_alerts_received_total',
      help: 'Alerts received on /alerts, by status (firing, resolved).',
      labelNames: ['status'],
      registers: [registry],
    }),
    alertsDeduplicated: new Counter({
      name: 'sre_bot_alerts_deduplicated_total',
      help: 'Alerts that repeated one already known (same fingerprint and status).',
      registers: [registry],
    }),
    alertsRejected: new Counter({
      name: 'sre_bot_alerts_rejected_total',
      help: 'Alert requests refused, by reason (auth, malformed, too_large).',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
