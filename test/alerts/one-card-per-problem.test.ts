/**
 * One problem, one card to decide on — also across a namespace-wide incident and a workload's own:
 * - `/sre diagnose payments` (the namespace) shows payments/payments' missing variable; an alert on that
 *   deployment's pod then joins that card (no second root message), and its resolution ends it.
 * - the other way round: a pod alert opened payments/payments' incident; a namespace-level alert (quota)
 *   diagnoses the same problem — its card points to the open incident and offers no buttons, and an Approve
 *   replayed on it is refused, so nobody decides the same fix twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, blockId, incidentRevision } from '../../blocks/ids.js';
import { encodeButtonValue } from '../../blocks/button-value.js';
import { CHANNEL, podsOf, startHarness, type Harness } from './support/harness.js';
import { kubePodCrashLooping, kubeQuotaExceeded, notification, resolved } from './support/payloads.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const roots = () => harness.emulator.messages(CHANNEL).filter((message) => message.threadTs === undefined);
const generation = () =>
  harness.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!.metadata.generation;

describe('a namespace-wide incident and a workload incident about the same problem', () => {
  it('an alert on the workload joins the namespace card that already shows its problem', async () => {
    await harness.emulator.sendSlashCommand({ user: 'U0ALICE', channel: CHANNEL, text: 'diagnose payments' });
    await harness.idle();
    const wide = (await harness.bot.deps.incidents.openFor('payments', null))!;
    expect(wide.report?.proposals[0]?.target).toMatchObject({ kind: 'Deployment', name: 'payments' });
    expect(roots()).toHaveLength(1);

    const [pod] = await podsOf(harness.kube, 'payments', 'payments');
    const crash = kubePodCrashLooping('payments', pod!, 'app');
    await harness.postAlerts(notification([crash]));
    await harness.idle();
    expect(roots()).toHaveLength(1);
    expect((await harness.bot.deps.incidents.get(wide.id))!.alerts).toEqual({
      [crash.fingerprint]: 'firing',
    });
    expect(await harness.bot.deps.incidents.openFor('payments', 'payments')).toBeUndefined();

    await harness.postAlerts(notification([resolved(crash)]));
    await harness.idle();
    expect((await harness.bot.deps.incidents.get(wide.id))!.state).toBe('resolved');
  });

  it('a namespace-level alert diagnosing a workload that has its own incident points there, with no buttons', async () => {
    const [pod] = await podsOf(harness.kube, 'payments', 'payments');
    await harness.postAlerts(notification([kubePodCrashLooping('payments', pod!, 'app')]));
    await harness.idle();
    const own = (await harness.bot.deps.incidents.openFor('payments', 'payments'))!;
    expect(own.state).toBe('proposed');

    await harness.postAlerts(notification([kubeQuotaExceeded('payments')]));
    await harness.idle();
    const wide = (await harness.bot.deps.incidents.openFor('payments', null))!;
    expect(wide.sameAs).toBe(own.id);
    const card = harness.emulator.message(CHANNEL, wide.slack!.ts)!;
    expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(card.blocks)).toContain(`already has its open incident (${own.id})`);

    // An Approve for it anyway (a replayed payload): refused, nothing applied.
    const before = generation();
    const value = encodeButtonValue({ incidentId: wide.id, proposalId: wide.report!.proposals[0]!.id });
    const click = await harness.emulator.clickButton({
      user: 'U0ALICE',
      channel: CHANNEL,
      messageTs: own.slack!.ts,
      actionId: ACTION_IDS.approve,
      value,
      blockId: blockId('proposal-actions', incidentRevision(own)),
    });
    expect(click.status).toBe(200);
    await harness.idle();
    expect(harness.emulator.ephemerals('U0ALICE').at(-1)?.text).toContain(`decided in incident ${own.id}`);
    expect(generation()).toBe(before);
    expect((await harness.bot.deps.incidents.get(wide.id))!.state).toBe('proposed');
  });
});
