/**
 * Expiry: a proposal nobody decides on within SRE_INCIDENT_TTL_HOURS is closed by the bot's periodic sweep —
 * card updated (no buttons), summary with the on-call ping — while younger proposals are left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { CHANNEL, eventually, podsOf, startHarness, type Harness } from '../alerts/support/harness.js';
import { kubePodCrashLooping, kubeQuotaExceeded, notification } from '../alerts/support/payloads.js';

const HOUR = 3_600_000;
let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ clock, expirySweepMs: 50, env: { SRE_INCIDENT_TTL_HOURS: '24' } });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

describe('the expiry sweep', () => {
  it('expires proposals older than the TTL, once, and leaves younger ones', async () => {
    const [pod] = await podsOf(harness.kube, 'payments', 'payments');
    await harness.postAlerts(notification([kubePodCrashLooping('payments', pod!, 'app')]));
    await harness.idle();
    const old = (await harness.bot.deps.incidents.openFor('payments', 'payments'))!;
    expect(old.state).toBe('proposed');

    offsetMs = 20 * HOUR;
    await harness.postAlerts(notification([kubeQuotaExceeded('payments')]));
    await harness.idle();
    const young = (await harness.bot.deps.incidents.openFor('payments', null))!;
    expect(young.state).toBe('proposed');
    // Several sweeps run in between: nothing is old enough yet.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await harness.bot.deps.incidents.get(old.id))!.state).toBe('proposed');

    offsetMs = 25 * HOUR;
    await eventually(
      async () => (await harness.bot.deps.incidents.get(old.id))?.state === 'expired',
      5_000,
      'the old incident to expire',
    );
    // More sweeps: an expired incident is not expired (or summarised) again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await harness.idle();

    const incident = (await harness.bot.deps.incidents.get(old.id))!;
    expect(incident.audit.at(-1)).toMatchObject({
      actor: 'sre-bot',
      action: 'expired',
      detail: 'no decision within 24 h',
    });
    expect((await harness.bot.deps.incidents.get(young.id))!.state).toBe('proposed');

    const card = harness.emulator.message(CHANNEL, old.slack!.ts)!;
    expect(card.text).toContain('expired');
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
    const pings = harness.emulator
      .replies(CHANNEL, old.slack!.ts)
      .filter((m) => m.text.includes('<!subteam^S0SREONCALL>'));
    expect(pings).toHaveLength(1);
    expect(pings[0]!.text).toContain('expired');
  });
});

describe('SRE_INCIDENT_TTL_HOURS', () => {
  it('defaults to 24 hours and accepts fractions', () => {
    expect(loadConfig({}).incidentTtlHours).toBe(24);
    expect(loadConfig({ SRE_INCIDENT_TTL_HOURS: '0.5' }).incidentTtlHours).toBe(0.5);
  });

  it.each(['0', '-1', 'soon'])('refuses %j with a line naming the variable', (value) => {
    expect(() => loadConfig({ SRE_INCIDENT_TTL_HOURS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ SRE_INCIDENT_TTL_HOURS: value })).toThrow(/^SRE_INCIDENT_TTL_HOURS: /);
  });
});
