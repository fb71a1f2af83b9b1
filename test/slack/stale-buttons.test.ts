/**
 * A click must come from the card as it is now. Slack sends the clicked block's block_id, which carries the
 * message revision: an Approve from an older rendering (someone's client had not refreshed), from a block_id
 * sre-bot never made, or with none at all is refused privately and applies nothing. Requests are signed, as
 * Slack signs them — these are the clicks a stale client or a replayed payload produce, not forgeries of the
 * signature (those are 401, see end-to-end.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL, startHarness, type Harness } from '../alerts/support/harness.js';
import { ALICE, actionsBlock, click, rootCard } from '../support/slack-driver.js';

let harness: Harness;
let ts: string;
/** A genuine block_actions payload from the card as first rendered (Alice's Dry run click). */
let first: { actions: { action_id: string; block_id?: string }[] };

beforeAll(async () => {
  harness = await startHarness({
    scenarios: ['payments-missing-env'],
    simSpeed: 20,
    env: { SRE_VERIFY_SETTLE_SECONDS: '1', SRE_VERIFY_TIMEOUT_SECONDS: '60' },
  });
  await harness.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose payments' });
  await harness.idle();
  ts = rootCard(harness.emulator, 'payments')!.ts;
  // The dry run re-renders the card: its buttons get a new revision, and this payload carries the old one.
  first = structuredClone(
    (await click(harness.emulator, ts, ALICE, 'proposal-dry-run')).payload,
  ) as typeof first;
  await harness.idle();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const generation = () =>
  harness.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!.metadata.generation;

/** Replays Alice's first click as an Approve with the given block_id (null: none), signed as Slack signs. */
async function approveAs(blockId: string | null): Promise<string[]> {
  const payload = structuredClone(first);
  payload.actions[0]!.action_id = 'proposal-approve';
  if (blockId === null) delete payload.actions[0]!.block_id;
  else payload.actions[0]!.block_id = blockId;
  const before = harness.emulator.ephemerals(ALICE).length;
  const reply = await harness.emulator.postToBot({
    body: `payload=${encodeURIComponent(JSON.stringify(payload))}`,
  });
  expect(reply.status).toBe(200);
  await harness.idle();
  return harness.emulator
    .ephemerals(ALICE)
    .slice(before)
    .map((notice) => notice.text);
}

describe('Approve from a card that is not the current one', () => {
  it.each<[string, () => string | null, RegExp]>([
    ['an older rendering of the card', () => first.actions[0]!.block_id!, /older version of the message/],
    ['a block_id sre-bot never made', () => 'zzz', /does not belong to a card sre-bot rendered/],
    ['no block_id at all', () => null, /does not belong to a card sre-bot rendered/],
  ])('%s is refused privately and applies nothing', async (_name, blockId, reason) => {
    const before = generation();
    expect(first.actions[0]!.block_id).not.toBe(actionsBlock(harness.emulator, ts)!.block_id);
    const notices = await approveAs(blockId());
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(reason);
    expect(generation()).toBe(before);
    expect((await harness.bot.deps.incidents.openFor('payments', null))?.state).toBe('proposed');
  });

  it('while the current card’s Approve applies', async () => {
    const before = generation();
    await click(harness.emulator, ts, ALICE, 'proposal-approve');
    await harness.idle();
    expect(generation()).toBe((before ?? 0) + 1);
  });
});
