/**
 * The alert storm (issue 6): 1,000 Alertmanager alerts about 20 crash-looping workloads, sent over 10 s to a real
 * bot (createBot, real Kubernetes client against the sim, Slack emulator with Slack's real pacing of one post per
 * second per channel, a scripted OpenAI-compatible LLM that counts its calls). Prints what an on-call would care
 * about: one incident per workload, one diagnosis (LLM call) per incident, Slack's rate respected, nothing lost.
 */
import { startHarness } from '../test/alerts/support/harness.js';
import { planStorm, sendStorm, stormAlerts, stormScenario } from '../test/alerts/support/storm.js';
import { startScriptedOpenAiServer } from '../test/support/scripted-openai-server.js';
import { reply } from '../test/support/scripted-server.js';
import { figure, mib, ms, percentile } from './stats.js';

const WORKLOADS = 20;
const ALERTS = 1000;
const WINDOW_MS = 10_000;

const ANSWER = {
  hasIssue: true,
  category: 'missing_env',
  summary: 'The service exits at start: DATABASE_URL is not set.',
  rootCause: 'The container requires DATABASE_URL and its spec does not define it.',
  confidence: 0.8,
  evidence: [],
  proposals: [],
};

export async function run(): Promise<void> {
  // More replies than the storm may ask for: an extra LLM call would show in the count, not as an error.
  const llm = await startScriptedOpenAiServer(
    Array.from({ length: 4 * WORKLOADS }, () => reply.json(ANSWER)),
  );
  const harness = await startHarness({
    scenarios: [],
    scenarioObjects: [stormScenario(WORKLOADS)],
    llmFromConfig: true,
    realPacing: true,
    env: { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: `${llm.url}/v1`, OPENAI_API_KEY: 'sk-bench' },
  });
  try {
    const distinct = await stormAlerts(harness.kube, WORKLOADS);
    const plan = planStorm(distinct, ALERTS);
    const latencies: number[] = [];
    const started = performance.now();
    const sent = await sendStorm(plan, WINDOW_MS, async (payload) => {
      const at = performance.now();
      const response = await harness.postAlerts(payload);
      latencies.push(performance.now() - at);
      return response;
    });
    const idle = await harness.bot.tracker.idle(600_000);
    const settledSeconds = (performance.now() - started) / 1000;

    const incidents = await harness.bot.deps.incidents.listOpen();
    const recorded = new Set(incidents.flatMap((incident) => Object.keys(incident.alerts)));
    const lost = distinct.filter((alert) => !recorded.has(alert.fingerprint)).length;
    const roots = harness.emulator.messages('C0INCIDENTS').filter((m) => m.threadTs === undefined).length;

    figure(
      'alerts sent (notifications, seconds)',
      `${plan.total} (${plan.notifications.length}, ${sent.seconds.toFixed(1)} s)`,
    );
    figure('distinct alerts (5 per workload)', String(distinct.length));
    figure('HTTP answers 200', `${sent.statuses.filter((s) => s === 200).length}/${sent.statuses.length}`);
    figure(
      '/alerts answer time p50 / p99',
      `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`,
    );
    figure('incidents opened (root messages)', `${incidents.length} (${roots})`, String(WORKLOADS));
    figure('LLM calls', String(llm.requests.length), `≤ ${WORKLOADS}`);
    figure(
      'highest chat.postMessage rate per channel',
      `${harness.emulator.maxPostRate('C0INCIDENTS')}/s`,
      '≤ 1/s',
    );
    figure(
      'chat.postMessage / chat.update calls',
      `${harness.emulator.calls('chat.postMessage').length} / ${harness.emulator.calls('chat.update').length}`,
    );
    figure('alerts lost', String(lost), '0');
    figure(
      'until every incident was posted and diagnosed',
      `${settledSeconds.toFixed(1)} s${idle ? '' : ' (NOT idle)'}`,
    );
    figure('peak RSS (bot + sim + Slack emulator, one process)', mib(process.resourceUsage().maxRSS * 1024));
  } finally {
    await harness.stop();
    await llm.close();
  }
}
