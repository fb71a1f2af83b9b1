/**
 * GET /metrics after real traffic through a real bot: alerts received / deduplicated / rejected, incidents
 * opened and ended by outcome, diagnosis and verification durations, LLM calls / tokens / errors, Slack API
 * errors and retries — all in the Prometheus text format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../blocks/ids.js';
import {
  CHANNEL,
  eventually,
  podsOf,
  sample,
  startHarness,
  type Harness,
} from '../alerts/support/harness.js';
import { kubePodCrashLooping, kubeQuotaExceeded, notification } from '../alerts/support/payloads.js';
import { startScriptedOpenAiServer } from '../support/scripted-openai-server.js';
import { reply, type ScriptedServer } from '../support/scripted-server.js';

let llm: ScriptedServer;
let harness: Harness;
let metrics: string;

const answer = {
  hasIssue: true,
  category: 'missing_env',
  summary: 'payments crash-loops because REQUIRED_CONFIG is not set.',
  rootCause: 'The container exits at start: REQUIRED_CONFIG is missing; payments-config has the key.',
  confidence: 0.9,
  evidence: [],
  proposals: [],
};

beforeAll(async () => {
  // The first diagnosis gets an answer, the second an error (the rules answer instead).
  llm = await startScriptedOpenAiServer([
    reply.json(answer),
    reply.status(400),
    reply.status(400),
    reply.status(400),
  ]);
  harness = await startHarness({
    llmFromConfig: true,
    simSpeed: 20,
    slackRetries: 1,
    env: {
      LLM_PROVIDER: 'openai',
      OPENAI_BASE_URL: `${llm.url}/v1`,
      OPENAI_API_KEY: 'sk-test',
      SRE_VERIFY_SETTLE_SECONDS: '1',
      SRE_VERIFY_TIMEOUT_SECONDS: '60',
    },
  });

  // Alerts: one incident (LLM answer), 3 repeats, a namespace-wide one (LLM error ⇒ rules), 1 refused request.
  const [pod] = await podsOf(harness.kube, 'payments', 'payments');
  const crash = kubePodCrashLooping('payments', pod!, 'app');
  await harness.postAlerts(notification([crash]));
  await harness.idle();
  for (let i = 0; i < 3; i += 1) await harness.postAlerts(notification([crash]));
  await harness.postAlerts(notification([crash]), { token: 'wrong-token-0123456789abcdef' });
  // Slack answers the next post with 429 Retry-After: 1 — the WebClient waits and retries.
  harness.emulator.failNext({ method: 'chat.postMessage', status: 429, retryAfter: 1 });
  await harness.postAlerts(notification([kubeQuotaExceeded('payments')]));
  await harness.idle();

  // Approve the payments fix: applied, verified on the sim's running clock, incident resolved.
  const incident = (await harness.bot.deps.incidents.openFor('payments', 'payments'))!;
  // A failing chat.update is an API error (the card is refreshed again later).
  harness.emulator.failNext({ method: 'chat.update', error: 'internal_error' });
  await harness.emulator.clickButton({
    user: 'U0ALICE',
    channel: CHANNEL,
    messageTs: incident.slack!.ts,
    actionId: ACTION_IDS.approve,
  });
  await eventually(
    async () => (await harness.bot.deps.incidents.get(incident.id))?.state === 'resolved',
    60_000,
    'the fix to be verified',
  );
  await harness.idle();
  metrics = await harness.metrics();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
  await llm?.close();
});

describe('GET /metrics after real traffic', () => {
  it('is Prometheus text', async () => {
    const response = await fetch(`${harness.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics).toMatch(/^# HELP sre_bot_alerts_received_total /m);
    expect(metrics).toMatch(/^# TYPE sre_bot_diagnosis_duration_seconds histogram$/m);
  });

  it('counts alerts received, deduplicated and rejected', () => {
    expect(sample(metrics, 'sre_bot_alerts_received_total', { status: 'firing' })).toBe(5);
    expect(sample(metrics, 'sre_bot_alerts_deduplicated_total')).toBe(3);
    expect(sample(metrics, 'sre_bot_alerts_rejected_total', { reason: 'auth' })).toBe(1);
  });

  it('counts incidents by trigger and outcome, and times diagnoses and verifications', () => {
    expect(sample(metrics, 'sre_bot_incidents_opened_total', { trigger: 'alert' })).toBe(2);
    expect(sample(metrics, 'sre_bot_incidents_total', { outcome: 'resolved' })).toBe(1);
    expect(sample(metrics, 'sre_bot_incident_duration_seconds_count', { outcome: 'resolved' })).toBe(1);
    const diagnoses =
      (sample(metrics, 'sre_bot_diagnosis_duration_seconds_count', { source: 'llm' }) ?? 0) +
      (sample(metrics, 'sre_bot_diagnosis_duration_seconds_count', { source: 'rules' }) ?? 0);
    expect(diagnoses).toBe(2);
    expect(sample(metrics, 'sre_bot_verification_duration_seconds_count', { healthy: 'true' })).toBe(1);
  });

  it('counts LLM calls, tokens and errors', () => {
    expect(llm.requests.length).toBeGreaterThanOrEqual(2);
    expect(sample(metrics, 'sre_bot_llm_calls_total', { provider: 'openai', result: 'ok' })).toBe(1);
    expect(sample(metrics, 'sre_bot_llm_calls_total', { provider: 'openai', result: 'fallback' })).toBe(1);
    expect(sample(metrics, 'sre_bot_llm_tokens_total', { kind: 'prompt' })).toBeGreaterThan(100);
    expect(sample(metrics, 'sre_bot_llm_tokens_total', { kind: 'completion' })).toBeGreaterThan(10);
    const errors = metrics.split('\n').filter((line) => line.startsWith('sre_bot_llm_errors_total{'));
    expect(errors).toHaveLength(1);
  });

  it('counts Slack API errors and retries', () => {
    expect(sample(metrics, 'sre_bot_slack_api_errors_total', { method: 'chat.update' })).toBe(1);
    expect(sample(metrics, 'sre_bot_slack_api_retries_total')).toBe(1);
    expect(harness.emulator.calls('chat.postMessage').filter((call) => call.status === 429)).toHaveLength(1);
  });
});
