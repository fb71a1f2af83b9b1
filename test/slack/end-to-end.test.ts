/**
 * Issue 5's acceptance flow over real HTTP: signed requests from the Slack emulator to the running bot, the real
 * Web API client talking to the emulator, the simulated cluster behind the client-node adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/app/demo.js';
import { ALICE, BOB, CHANNEL, buttonLabels, cardTexts, click, rootCard } from '../support/slack-driver.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo({
    scenarios: ['payments-missing-env'],
    speed: 20,
    fast: true,
    seed: 7,
    env: { SRE_VERIFY_SETTLE_SECONDS: '3', SRE_VERIFY_TIMEOUT_SECONDS: '120' },
  });
});

afterAll(async () => {
  await demo?.stop();
});

function deployment() {
  return demo.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!;
}

describe('/sre diagnose payments → Dry run → Approve → verified, over signed HTTP', () => {
  let ts: string;

  it('acks the slash command at once and posts the root card with Approve / Reject / Dry run', async () => {
    const reply = await demo.emulator.sendSlashCommand({
      user: ALICE,
      channel: CHANNEL,
      text: 'diagnose payments',
    });
    expect(reply.status).toBe(200);
    expect(reply.timedOut).toBe(false);
    expect(reply.ackMs).toBeLessThan(3000);
    await demo.bot.tracker.idle(30_000);
    const card = rootCard(demo.emulator, 'payments');
    expect(card).toBeDefined();
    ts = card!.ts;
    const labels = buttonLabels(demo.emulator, ts);
    expect(labels.some((label) => label.startsWith('Approve'))).toBe(true);
    expect(labels.some((label) => label.startsWith('Reject'))).toBe(true);
    expect(labels.some((label) => label.startsWith('Dry run'))).toBe(true);
    expect(cardTexts(demo.emulator, ts)).toContain('REQUIRED_CONFIG');
    expect(demo.emulator.violations()).toEqual([]);
  });

  it('Dry run threads the API server diff and changes nothing', async () => {
    const before = deployment().metadata.resourceVersion;
    await click(demo.emulator, ts, ALICE, 'proposal-dry-run');
    await demo.bot.tracker.idle(30_000);
    const replies = demo.emulator.replies(CHANNEL, ts);
    const diff = replies.find((reply) => reply.text.startsWith('Dry run'));
    expect(diff).toBeDefined();
    expect(JSON.stringify(diff!.blocks)).toContain('+            - name: REQUIRED_CONFIG');
    // Whoever clicks Dry run is not the approver (nobody is yet): the annotation does not name them.
    expect(JSON.stringify(diff!.blocks)).toContain('(approved by the approver)');
    expect(deployment().metadata.resourceVersion).toBe(before);
    expect(deployment().metadata.generation).toBe(1);
  });

  it("refuses a non-approver's Approve privately and changes nothing", async () => {
    const generation = deployment().metadata.generation;
    const ephemeralsBefore = demo.emulator.ephemerals(BOB).length;
    await click(demo.emulator, ts, BOB, 'proposal-approve');
    await demo.bot.tracker.idle(30_000);
    const refusal = demo.emulator.ephemerals(BOB).slice(ephemeralsBefore);
    expect(refusal).toHaveLength(1);
    expect(refusal[0]!.text).toMatch(/only approvers/i);
    expect(deployment().metadata.generation).toBe(generation);
    expect(buttonLabels(demo.emulator, ts).some((label) => label.startsWith('Approve'))).toBe(true);
    // Nothing about the refusal reached the channel.
    expect(
      demo.emulator.messages(CHANNEL).filter((message) => message.text.includes('only approvers')),
    ).toEqual([]);
  });

  it("an approver's Approve applies the fix, names the approver, threads the verified result, and offers Undo", async () => {
    await click(demo.emulator, ts, ALICE, 'proposal-approve');
    await demo.bot.tracker.idle(120_000);
    const card = demo.emulator.message(CHANNEL, ts)!;
    // The buttons were replaced at once by a status line naming who approved (an earlier version of the card).
    const versions = [
      ...card.history.map((version) => JSON.stringify(version.blocks)),
      JSON.stringify(card.blocks),
    ];
    expect(versions.some((text) => text.includes(`Approved by <@${ALICE}>`))).toBe(true);
    const replies = demo.emulator.replies(CHANNEL, ts).map((reply) => reply.text);
    expect(replies.some((text) => /verified healthy/i.test(text))).toBe(true);
    // The cluster agrees: the deployment is available and its new pods are not restarting.
    const status = deployment().status as { availableReplicas?: number; updatedReplicas?: number };
    expect(status.availableReplicas).toBe(2);
    expect(status.updatedReplicas).toBe(2);
    const pods = demo.sim.cluster.store.list('core/pods', 'payments');
    for (const pod of pods.filter((candidate) => !candidate.metadata.deletionTimestamp)) {
      const statuses =
        (pod.status as { containerStatuses?: { ready: boolean; restartCount: number }[] })
          .containerStatuses ?? [];
      expect(statuses.every((container) => container.ready)).toBe(true);
    }
    expect(buttonLabels(demo.emulator, ts).some((label) => label.startsWith('Undo'))).toBe(true);
    expect(demo.emulator.violations()).toEqual([]);
  });

  it('Undo restores the template and ends the incident as undone', async () => {
    await click(demo.emulator, ts, ALICE, 'change-undo');
    await demo.bot.tracker.idle(30_000);
    const env = (deployment().spec as { template: { spec: { containers: { env?: { name: string }[] }[] } } })
      .template.spec.containers[0]!.env;
    expect(env?.map((variable) => variable.name)).toEqual(['LOG_LEVEL']);
    expect(demo.emulator.message(CHANNEL, ts)!.text).toMatch(/undone/i);
    expect(demo.emulator.replies(CHANNEL, ts).some((reply) => /undone by/i.test(reply.text))).toBe(true);
  });
});

describe('helpful command errors, privately', () => {
  it('suggests the close match for a mistyped namespace and posts nothing in the channel', async () => {
    const before = demo.emulator.messages(CHANNEL).length;
    const seen = demo.emulator.ephemerals(ALICE).length;
    await demo.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose paymnts' });
    await demo.bot.tracker.idle(30_000);
    const replies = demo.emulator
      .ephemerals(ALICE)
      .slice(seen)
      .map((message) => message.text);
    expect(replies.some((text) => text.includes('paymnts') && text.includes('payments'))).toBe(true);
    expect(demo.emulator.messages(CHANNEL)).toHaveLength(before);
  });

  it('answers an unknown verb with the usage', async () => {
    const reply = await demo.emulator.sendSlashCommand({
      user: ALICE,
      channel: CHANNEL,
      text: 'restart payments',
    });
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body)).toMatch(/unknown command/i);
  });
});

describe('request signing', () => {
  const body = new URLSearchParams({
    command: '/sre',
    text: 'help',
    user_id: ALICE,
    channel_id: CHANNEL,
    team_id: 'T0EMULATOR',
  }).toString();

  it('rejects an unsigned request with 401', async () => {
    const reply = await demo.emulator.postToBot({ body, sign: false });
    expect(reply.status).toBe(401);
  });

  it('rejects a request signed six minutes ago with 401', async () => {
    const reply = await demo.emulator.postToBot({ body, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(reply.status).toBe(401);
  });

  it('accepts the same request correctly signed now', async () => {
    const reply = await demo.emulator.postToBot({ body });
    expect(reply.status).toBe(200);
  });
});
