/** A burst of identical `/sre diagnose` commands opens one incident, and every command is acked in time. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/app/demo.js';
import { ALICE, CHANNEL } from '../support/slack-driver.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo({ scenarios: ['payments-missing-env'], speed: 20, fast: true, seed: 5 });
});

afterAll(async () => {
  await demo?.stop();
});

it('ten simultaneous "/sre diagnose payments" open a single incident', async () => {
  const replies = await Promise.all(
    Array.from({ length: 10 }, () =>
      demo.emulator.sendSlashCommand({ user: ALICE, channel: CHANNEL, text: 'diagnose payments' }),
    ),
  );
  expect(replies.every((reply) => reply.status === 200 && !reply.timedOut)).toBe(true);
  await demo.bot.tracker.idle(60_000);
  const roots = demo.emulator.messages(CHANNEL).filter((message) => !message.threadTs);
  expect(roots).toHaveLength(1);
  expect((await demo.bot.deps.incidents.listOpen()).map((incident) => incident.namespace)).toEqual([
    'payments',
  ]);
});
