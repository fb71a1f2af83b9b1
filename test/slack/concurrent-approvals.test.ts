/**
 * Twenty Approve clicks at once (the classic double-execution bug of chat-ops bots): exactly one apply. Counted in
 * the cluster (ReplicaSet revisions, generations) and in the bot's own record (audit entries, execution logs).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/app/demo.js';
import { ALICE, CHANNEL, actionsBlock, rootCard } from '../support/slack-driver.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo({
    scenarios: ['checkout-oom'],
    speed: 20,
    fast: true,
    seed: 11,
    env: { SRE_VERIFY_SETTLE_SECONDS: '3' },
  });
});

afterAll(async () => {
  await demo?.stop();
});

it('20 concurrent Approve clicks apply the fix exactly once', async () => {
  await demo.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose checkout/checkout' });
  await demo.bot.tracker.idle(30_000);
  const card = rootCard(demo.emulator, 'checkout');
  expect(card).toBeDefined();
  const block = actionsBlock(demo.emulator, card!.ts)!;
  const approve = block.elements!.find((element) => element.action_id === 'proposal-approve')!;
  const generationBefore = demo.sim.cluster.store.get('apps/deployments', 'checkout', 'checkout')!.metadata
    .generation;

  // All twenty are sent before any answer comes back: same message version, same button.
  const clicks = await Promise.all(
    Array.from({ length: 20 }, () =>
      demo.emulator.clickButton({
        user: ALICE,
        channel: CHANNEL,
        messageTs: card!.ts,
        actionId: 'proposal-approve',
        value: approve.value!,
        blockId: block.block_id!,
      }),
    ),
  );
  expect(clicks.every((result) => result.status === 200)).toBe(true);
  await demo.bot.tracker.idle(120_000);

  const deployment = demo.sim.cluster.store.get('apps/deployments', 'checkout', 'checkout')!;
  const replicaSets = demo.sim.cluster.store.list('apps/replicasets', 'checkout');
  expect(replicaSets).toHaveLength(2);
  expect(deployment.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  // One patch: the generation moved once for the template change (and once for the change-cause annotation it carries).
  expect(deployment.metadata.generation).toBe((generationBefore ?? 1) + 1);

  // The bot's own record: one approval and one execution in the audit trail.
  const { incidentId } = JSON.parse(approve.value!) as { incidentId: string };
  const incident = await demo.bot.deps.incidents.get(incidentId);
  expect(incident?.state).toBe('resolved');
  expect(incident?.audit.filter((entry) => entry.action === 'approved')).toHaveLength(1);
  expect(incident?.audit.filter((entry) => entry.action === 'applied')).toHaveLength(1);
  const replies = demo.emulator.replies(CHANNEL, card!.ts);
  expect(replies.filter((reply) => reply.text.startsWith('Execution log'))).toHaveLength(1);
  expect(replies.filter((reply) => /verified healthy/i.test(reply.text))).toHaveLength(1);
  // The other nineteen were told, privately, that someone already acted.
  const refusals = demo.emulator.ephemerals(ALICE).filter((message) => /already/i.test(message.text));
  expect(refusals).toHaveLength(19);
});
