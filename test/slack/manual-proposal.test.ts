/**
 * A proposal the bot must not carry out (a Secret lacks the key the container asks for: only a human may supply
 * a credential). The card offers no button and says how the incident ends; asking again before anything changed
 * keeps the one card; once a person has fixed the Secret, asking again re-diagnoses the same incident, which
 * resolves with its summary and the on-call ping — and the bot never wrote to the cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { secrets } from '../../src/sim/resources/secrets.js';
import { CHANNEL, startHarness, type Harness } from '../alerts/support/harness.js';
import { BOB, actionsBlock, cardTexts, rootCard } from '../support/slack-driver.js';

let offsetMs = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ scenarios: ['inventory-missing-secret-key'], clock });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

async function diagnose(): Promise<void> {
  const reply = await harness.emulator.sendSlashCommand({
    user: BOB,
    channel: CHANNEL,
    text: 'diagnose inventory/inventory',
  });
  expect(reply.status).toBe(200);
  await harness.idle();
}

const roots = () => harness.emulator.messages(CHANNEL).filter((message) => !message.threadTs);
const deployment = () => harness.sim.cluster.store.get('apps/deployments', 'inventory', 'inventory')!;

describe('a manual proposal, closed by asking again once a person has acted', () => {
  let ts: string;
  let incidentId: string;

  it('posts a card with the instruction, no button, and how to close it', async () => {
    await diagnose();
    const card = rootCard(harness.emulator, 'inventory');
    expect(card).toBeDefined();
    ts = card!.ts;
    expect(actionsBlock(harness.emulator, ts)).toBeUndefined();
    const text = cardTexts(harness.emulator, ts);
    expect(text).toContain('password');
    expect(text).toContain('No button here');
    expect(text).toContain('`/sre diagnose inventory/inventory` checks again');
    const incident = (await harness.bot.deps.incidents.openFor('inventory', 'inventory'))!;
    incidentId = incident.id;
    expect(incident.state).toBe('proposed');
    expect(incident.report?.proposals[0]?.action).toBe('manual');
  });

  it('asking again while nothing changed keeps the one card open', async () => {
    offsetMs += 60_000;
    await diagnose();
    expect(roots()).toHaveLength(1);
    expect((await harness.bot.deps.incidents.openFor('inventory', 'inventory'))?.state).toBe('proposed');
  });

  it('after the Secret is fixed by hand, asking again resolves the same incident with its summary', async () => {
    const generation = deployment().metadata.generation;
    harness.sim.cluster.api.patch(
      {
        descriptor: secrets,
        namespace: 'inventory',
        name: 'inventory-db',
        type: 'merge',
        body: { stringData: { password: 'rotated-by-a-human' } },
      },
      { fieldManager: 'kubectl-edit' },
    );
    harness.sim.advance(120_000);
    offsetMs += 60_000;
    await diagnose();

    expect(roots()).toHaveLength(1);
    const incident = (await harness.bot.deps.incidents.get(incidentId))!;
    expect(incident.state).toBe('resolved');
    expect(incident.applied).toBeUndefined();
    const replies = harness.emulator.replies(CHANNEL, ts);
    expect(replies.filter((reply) => reply.text.includes('<!subteam^S0SREONCALL>'))).toHaveLength(1);
    // The card keeps the diagnosis the incident was about, and says how it ended.
    expect(harness.emulator.message(CHANNEL, ts)!.text).toMatch(/^✅ inventory\/inventory — resolved: /);
    expect(cardTexts(harness.emulator, ts)).toContain('Resolved: the problem is gone');
    // The bot wrote nothing: the template is the one the scenario created.
    expect(deployment().metadata.generation).toBe(generation);
  });
});
