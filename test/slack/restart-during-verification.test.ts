/**
 * The bot is killed (SIGKILL) after applying a fix and before verifying it. A new process on the same store
 * resumes: the verification completes and is threaded, and the card shows the outcome.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSim, type SimHandle } from '../../src/sim/sim.js';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { ALICE, CHANNEL, click, rootCard } from '../support/slack-driver.js';

let sim: SimHandle;
let emulator: SlackEmulator;
let env: Record<string, string>;
const bots: BotProcess[] = [];

beforeAll(async () => {
  const directory = mkdtempSync(join(tmpdir(), 'sre-bot-restart-'));
  sim = await startSim({ scenarios: ['payments-missing-env'], speed: 10, advanceMs: 90_000, seed: 3 });
  const kubeconfig = join(directory, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfig);
  emulator = await startSlackEmulator();
  env = {
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: emulator.signingSecret,
    SLACK_API_URL: emulator.apiUrl,
    SLACK_CHANNEL: CHANNEL,
    SRE_APPROVERS: ALICE,
    STORE_URL: `sqlite://${join(directory, 'store.db')}`,
    KUBECONFIG: kubeconfig,
    LLM_PROVIDER: 'none',
    // Long enough a settle period that the kill lands in the middle of verification.
    SRE_VERIFY_SETTLE_SECONDS: '8',
    SRE_VERIFY_TIMEOUT_SECONDS: '120',
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  for (const bot of bots) await bot.stop('SIGKILL');
  await emulator?.stop();
  await sim?.stop();
});

it('resumes verification after a restart and threads the result', async () => {
  const first = await startBotProcess(env);
  bots.push(first);
  emulator.setBotUrl(`http://127.0.0.1:${first.port}/slack/events`);
  await emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose payments/payments' });
  await emulator.waitFor(() => rootCard(emulator, 'approval needed') !== undefined, 30_000);
  const ts = rootCard(emulator, 'payments')!.ts;

  await click(emulator, ts, ALICE, 'proposal-approve');
  await emulator.waitFor(
    () => emulator.replies(CHANNEL, ts).some((reply) => reply.text.startsWith('Execution log')),
    30_000,
  );
  // Applied, not yet verified: kill it without a chance to clean up.
  await first.stop('SIGKILL');
  expect(emulator.replies(CHANNEL, ts).some((reply) => /verified/i.test(reply.text))).toBe(false);
  expect(emulator.message(CHANNEL, ts)!.text).toMatch(/verif/i);

  const second = await startBotProcess(env);
  bots.push(second);
  emulator.setBotUrl(`http://127.0.0.1:${second.port}/slack/events`);
  await emulator.waitFor(
    () => emulator.replies(CHANNEL, ts).some((reply) => /verified healthy/i.test(reply.text)),
    90_000,
  );
  const replies = emulator.replies(CHANNEL, ts).map((reply) => reply.text);
  expect(replies.some((text) => /restarted during verification/i.test(text))).toBe(true);
  expect(emulator.message(CHANNEL, ts)!.text).toMatch(/resolved/i);
  // The fix went in once: two revisions only.
  expect(sim.cluster.store.list('apps/replicasets', 'payments')).toHaveLength(2);
  await second.stop();
}, 180_000);
