/**
 * Concurrency: 1,000 alerts about 20 workloads, fired at a real bot from many concurrent requests, open exactly
 * 20 incidents with 20 diagnoses, and every distinct alert ends up recorded on its workload's incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FixtureAlert } from './support/payloads.js';
import { CHANNEL, sample, startHarness, type Harness } from './support/harness.js';
import {
  planStorm,
  sendStorm,
  STORM_NAMESPACE,
  stormAlerts,
  stormScenario,
  workloadName,
} from './support/storm.js';

const WORKLOADS = 20;
let harness: Harness;
let distinct: FixtureAlert[];

beforeAll(async () => {
  harness = await startHarness({ scenarios: [], scenarioObjects: [stormScenario(WORKLOADS)] });
  distinct = await stormAlerts(harness.kube, WORKLOADS);
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

describe('an alert storm', () => {
  it('1,000 alerts over 20 workloads: 20 incidents, 20 diagnoses, no alert lost', async () => {
    const plan = planStorm(distinct, 1000);
    expect(plan.total).toBe(1000);
    const { statuses } = await sendStorm(plan, 2_000, (payload) => harness.postAlerts(payload));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await harness.idle();

    const roots = harness.emulator.messages(CHANNEL).filter((m) => m.threadTs === undefined);
    expect(roots).toHaveLength(WORKLOADS);
    const incidents = await harness.bot.deps.incidents.listOpen();
    expect(incidents).toHaveLength(WORKLOADS);
    expect(new Set(incidents.map((incident) => incident.target))).toEqual(
      new Set(Array.from({ length: WORKLOADS }, (_, index) => workloadName(index))),
    );
    expect(incidents.every((incident) => incident.namespace === STORM_NAMESPACE)).toBe(true);

    // Every distinct alert is on exactly one incident: the one of its workload.
    const recorded = incidents.flatMap((incident) => Object.keys(incident.alerts));
    expect(recorded).toHaveLength(distinct.length);
    expect(new Set(recorded)).toEqual(new Set(distinct.map((alert) => alert.fingerprint)));
    for (const incident of incidents) expect(Object.keys(incident.alerts)).toHaveLength(5);

    const metrics = await harness.metrics();
    expect(sample(metrics, 'sre_bot_incidents_opened_total', { trigger: 'alert' })).toBe(WORKLOADS);
    expect(sample(metrics, 'sre_bot_diagnosis_duration_seconds_count', { source: 'rules' })).toBe(WORKLOADS);
    expect(sample(metrics, 'sre_bot_alerts_received_total', { status: 'firing' })).toBe(1000);
    expect(sample(metrics, 'sre_bot_alerts_deduplicated_total')).toBe(1000 - distinct.length);
  }, 120_000);
});
