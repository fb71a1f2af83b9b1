/**
 * Alerts and `/sre diagnose` take the same per-workload lock: an alert and a command about one workload at the
 * same moment give one incident (whichever comes first opens it, the other joins or refreshes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, podsOf, startHarness, type Harness } from './support/harness.js';
import { kubePodCrashLooping, notification } from './support/payloads.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

describe('an alert and a command at once', () => {
  it('open one incident on the workload, carrying the alert', async () => {
    const [pod] = await podsOf(harness.kube, 'payments', 'payments');
    const crash = kubePodCrashLooping('payments', pod!, 'app');
    await Promise.all([
      harness.emulator.sendSlashCommand({
        user: 'U0ALICE',
        channel: CHANNEL,
        text: 'diagnose payments/payments',
      }),
      harness.postAlerts(notification([crash])),
      harness.emulator.sendSlashCommand({
        user: 'U0BOB',
        channel: CHANNEL,
        text: 'diagnose payments/payments',
      }),
    ]);
    await harness.idle();
    const roots = harness.emulator.messages(CHANNEL).filter((m) => m.threadTs === undefined);
    expect(roots.filter((m) => m.text.includes('payments/payments'))).toHaveLength(1);
    const incident = (await harness.bot.deps.incidents.openFor('payments', 'payments'))!;
    expect(incident.alerts).toEqual({ [crash.fingerprint]: 'firing' });
    expect(await harness.bot.deps.incidents.listOpen()).toHaveLength(1);
  });
});
