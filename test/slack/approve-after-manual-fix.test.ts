/**
 * Someone fixes the workload by hand (kubectl) while the proposal waits; then an approver presses Approve. The bot
 * must not apply its now-pointless change: it re-diagnoses first, says why nothing was applied, and — the problem
 * being gone — ends the incident as resolved with its summary and the on-call ping, the card keeping the diagnosis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployments } from '../../src/sim/resources/deployments.js';
import { CHANNEL, startHarness, type Harness } from '../alerts/support/harness.js';
import { ALICE, cardTexts, click, rootCard } from '../support/slack-driver.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ scenarios: ['payments-missing-env'] });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const deployment = () => harness.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!;

describe('Approve after the problem was fixed by hand', () => {
  it('applies nothing, says why, and resolves the incident with its summary', async () => {
    await harness.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose payments' });
    await harness.idle();
    const ts = rootCard(harness.emulator, 'payments')!.ts;

    // `kubectl set env deploy/payments --from=configmap/payments-config`, as a person would.
    const container = (deployment().spec as { template: { spec: { containers: { name: string }[] } } })
      .template.spec.containers[0]!;
    harness.sim.cluster.api.patch(
      {
        descriptor: deployments,
        namespace: 'payments',
        name: 'payments',
        type: 'strategic',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: container.name,
                    env: [
                      {
                        name: 'REQUIRED_CONFIG',
                        valueFrom: { configMapKeyRef: { name: 'payments-config', key: 'REQUIRED_CONFIG' } },
                      },
                    ],
                  },
                ],
              },
            },
          },
        },
      },
      { fieldManager: 'kubectl-set' },
    );
    harness.sim.advance(180_000);
    const generation = deployment().metadata.generation;

    await click(harness.emulator, ts, ALICE, 'proposal-approve');
    await harness.idle();

    expect(deployment().metadata.generation).toBe(generation);
    const replies = harness.emulator.replies(CHANNEL, ts).map((reply) => reply.text);
    expect(replies.some((text) => text.startsWith(':no_entry: Not applied:'))).toBe(true);
    expect(replies.filter((text) => text.includes('<!subteam^S0SREONCALL>'))).toHaveLength(1);
    const incident = (await harness.bot.deps.incidents.listOpen()).find(
      (open) => open.namespace === 'payments',
    );
    expect(incident).toBeUndefined();
    expect(harness.emulator.message(CHANNEL, ts)!.text).toMatch(/^✅ payments \(namespace\) — resolved: /);
    expect(cardTexts(harness.emulator, ts)).toContain('Resolved: the problem is gone');
  });
});
