/**
 * Structured logs: every line the incident flows write carries the incident id (a child logger per incident),
 * so one query returns an incident's whole story — opened, diagnosed, dry run, approved, applied, verified,
 * rejected, alerts joined and resolved, ended.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../blocks/ids.js';
import { createLogger } from '../../src/log.js';
import { CHANNEL, eventually, podsOf, startHarness, type Harness } from '../alerts/support/harness.js';
import {
  kubeContainerWaiting,
  kubePodCrashLooping,
  kubeQuotaExceeded,
  notification,
  resolved,
} from '../alerts/support/payloads.js';

type Line = { level: number; msg: string; incident?: string; component?: string; [key: string]: unknown };
const lines: Line[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
      lines.push(JSON.parse(text) as Line);
    done();
  },
});

let harness: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  harness = await startHarness({
    scenarios: ['payments-missing-env', 'frontend-bad-image'],
    simSpeed: 20,
    logger: createLogger('debug', sink),
    env: { SRE_VERIFY_SETTLE_SECONDS: '1', SRE_VERIFY_TIMEOUT_SECONDS: '60' },
  });
  const click = async (incidentId: string, actionId: string) => {
    const incident = (await harness.bot.deps.incidents.get(incidentId))!;
    await harness.emulator.clickButton({
      user: 'U0ALICE',
      channel: CHANNEL,
      messageTs: incident.slack!.ts,
      actionId,
    });
  };

  // payments/payments: opened by an alert, dry run, approved, applied, verified.
  const [pod] = await podsOf(harness.kube, 'payments', 'payments');
  await harness.postAlerts(notification([kubePodCrashLooping('payments', pod!, 'app')]));
  await harness.idle();
  ids['fixed'] = (await harness.bot.deps.incidents.openFor('payments', 'payments'))!.id;
  await click(ids['fixed'], ACTION_IDS.dryRun);
  await harness.idle();
  await click(ids['fixed'], ACTION_IDS.approve);
  await eventually(
    async () => (await harness.bot.deps.incidents.get(ids['fixed']!))?.state === 'resolved',
    60_000,
  );

  // frontend (namespace): opened by a quota alert, its alert resolves ⇒ ended by Alertmanager.
  const quota = kubeQuotaExceeded('frontend');
  await harness.postAlerts(notification([quota]));
  await harness.idle();
  ids['alerts'] = (await harness.bot.deps.incidents.openFor('frontend', null))!.id;
  await harness.postAlerts(notification([resolved(quota)]));
  await harness.idle();

  // frontend/frontend: opened by an alert, rejected.
  const [frontendPod] = await podsOf(harness.kube, 'frontend', 'frontend');
  await harness.postAlerts(
    notification([kubeContainerWaiting('frontend', frontendPod!, 'web', 'ImagePullBackOff')]),
  );
  await harness.idle();
  ids['rejected'] = (await harness.bot.deps.incidents.openFor('frontend', 'frontend'))!.id;
  await click(ids['rejected'], ACTION_IDS.reject);
  await harness.idle();
}, 120_000);

afterAll(async () => {
  await harness?.stop();
});

/** Lines that are about the bot or a request, not about one incident. */
const notAboutAnIncident = (line: Line) =>
  line.component === 'bolt' ||
  line.msg === 'sre-bot serving' ||
  (line.component === 'alerts' &&
    line.incident === undefined &&
    /^alert(s)? (ignored|received)/.test(line.msg));

describe('incident flow logs', () => {
  it('carry the incident id on every line', () => {
    const flowLines = lines.filter((line) => !notAboutAnIncident(line));
    expect(flowLines.length).toBeGreaterThan(10);
    const without = flowLines.filter((line) => typeof line.incident !== 'string');
    expect(without.map((line) => line.msg)).toEqual([]);
  });

  it('tell each incident’s story under its id', () => {
    const story = (id: string) => lines.filter((line) => line.incident === id).map((line) => line.msg);
    expect(story(ids['fixed']!)).toEqual(
      expect.arrayContaining([
        'incident opened',
        'diagnosed',
        'dry run',
        'approved',
        'fix applied',
        'verified',
        'incident ended',
      ]),
    );
    expect(story(ids['alerts']!)).toEqual(
      expect.arrayContaining(['incident opened', 'diagnosed', 'alerts recorded', 'incident ended']),
    );
    expect(story(ids['rejected']!)).toEqual(
      expect.arrayContaining(['incident opened', 'diagnosed', 'rejected', 'incident ended']),
    );
    // And no line of one incident is filed under another.
    for (const line of lines.filter((l) => l.incident === ids['rejected']))
      expect(JSON.stringify(line)).not.toContain(ids['fixed']!);
  });
});
