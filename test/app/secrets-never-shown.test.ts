/**
 * Canary test for everything the bot shows people: a Secret value and a sensitive literal env value
 * (`DB_PASSWORD`, next to where the fix adds a variable: test/support/canary-scenario.ts) exist in the cluster and in the program's log; the
 * whole Slack loop runs — diagnose, Dry run (whose diff context lines sit beside DB_PASSWORD), Approve (whose
 * execution log shows a patch that replaces the whole env list), verification, Undo — with debug logging on.
 * Neither value appears in any Web API call the bot made, in any log line, or in /metrics. The cluster keeps
 * the real values: undo restores them exactly.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { parseScenario } from '../../src/sim/scenario.js';
import { startHarness, CHANNEL, type Harness } from '../alerts/support/harness.js';
import { CANARY_FORMS, CANARY_SCENARIO, ENV_CANARY } from '../support/canary-scenario.js';
import { ALICE, click, rootCard } from '../support/slack-driver.js';

const logText: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText.push(chunk.toString('utf8'));
    done();
  },
});
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({
    scenarioObjects: [{ name: 'canary', path: 'inline', objects: parseScenario(CANARY_SCENARIO) }],
    simSpeed: 20,
    logger: createLogger('debug', sink),
    env: { SRE_VERIFY_SETTLE_SECONDS: '1', SRE_VERIFY_TIMEOUT_SECONDS: '60' },
  });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

const env = () =>
  (
    harness.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!.spec as {
      template: { spec: { containers: { env: { name: string; value?: string }[] }[] } };
    }
  ).template.spec.containers[0]!.env;

describe('secret values never reach Slack, the logs or /metrics', () => {
  it('through diagnose, Dry run, Approve, verification and Undo', async () => {
    await harness.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose payments' });
    await harness.idle();
    const ts = rootCard(harness.emulator, 'payments')!.ts;
    await click(harness.emulator, ts, ALICE, 'proposal-dry-run');
    await harness.idle();
    await click(harness.emulator, ts, ALICE, 'proposal-approve');
    await harness.idle();
    const incident =
      (await harness.bot.deps.incidents.get(
        (await harness.bot.deps.incidents.listOpen()).find((open) => open.namespace === 'payments')?.id ?? '',
      )) ?? undefined;
    expect(incident).toBeUndefined(); // ended: verified
    expect(env().map((entry) => entry.name)).toContain('REQUIRED_CONFIG');
    await click(harness.emulator, ts, ALICE, 'change-undo');
    await harness.idle();

    // The loop really ran: the diff and the execution log were threaded, and show the masked entry.
    const replies = harness.emulator.replies(CHANNEL, ts);
    const shown = JSON.stringify(replies.map((reply) => reply.blocks));
    expect(replies.some((reply) => reply.text.startsWith('Dry run'))).toBe(true);
    expect(shown).toContain('DB_PASSWORD');
    expect(shown).toContain('[REDACTED]');
    // The cluster keeps the real value; undo put the env list back exactly.
    expect(env()).toContainEqual({ name: 'DB_PASSWORD', value: ENV_CANARY });
    expect(env().map((entry) => entry.name)).not.toContain('REQUIRED_CONFIG');

    const everything = [
      JSON.stringify(harness.emulator.calls()),
      logText.join(''),
      await harness.metrics(),
    ].join('\n');
    expect(logText.length).toBeGreaterThan(0);
    for (const form of CANARY_FORMS) expect(everything).not.toContain(form);
  });
});
