/**
 * `sre-bot serve` says at start-up whether Slack answers (one auth.test): "connected to Slack" against the
 * emulator, and one error line naming Slack and what to check when the Web API cannot be reached. Slack being
 * down at start-up is survived (it used to be an unhandled rejection inside Bolt that killed the process, and a
 * cached failure for every later event): once Slack answers again, commands work.
 */
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/app/bot.js';
import { createServices } from '../../src/app/services.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startSlackEmulator } from '../../src/slack-emulator/index.js';
import { eventually } from '../alerts/support/harness.js';

type Line = { level: number; msg: string; slackApiUrl?: string; team?: string };

async function startBot(apiUrl: string, botToken: string, signingSecret: string) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: apiUrl,
    STORE_URL: 'memory://',
    PORT: '0',
    KUBECONFIG: '/nonexistent',
  });
  const services = createServices(config, {
    logger: createLogger('info', sink),
    kube: {} as never, // never used: no event reaches the bot in these tests
  });
  const bot = await createBot(services, { slackRetries: 0, host: '127.0.0.1' });
  const { port } = await bot.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    lines,
    stop: async () => {
      await bot.stop();
      await services.close();
    },
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the Slack check at start-up', () => {
  it('logs "connected to Slack" with the team when auth.test answers', async () => {
    const emulator = await startSlackEmulator();
    const bot = await startBot(emulator.apiUrl, emulator.botToken, emulator.signingSecret);
    try {
      await eventually(
        () => Promise.resolve(bot.lines.some((line) => line.msg === 'connected to Slack')),
        10_000,
      );
      expect(bot.lines.find((line) => line.msg === 'connected to Slack')?.team).toBeTruthy();
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });

  it('survives Slack failing auth.test at start-up, and serves commands once Slack answers', async () => {
    const emulator = await startSlackEmulator();
    // The start-up check and the first command's authorization both fail; the second command's succeeds.
    emulator.failNext({ method: 'auth.test', status: 500, count: 2 });
    const bot = await startBot(emulator.apiUrl, emulator.botToken, emulator.signingSecret);
    emulator.setBotUrl(bot.url);
    try {
      await eventually(() => Promise.resolve(bot.lines.some((line) => line.level === 50)), 10_000);
      const help = () => emulator.sendSlashCommand({ user: 'U0ALICE', channel: 'C0INCIDENTS', text: 'help' });
      const first = await help();
      // Bolt answers 200 with nothing and runs no listener while it cannot authorize (Slack is down anyway).
      expect(JSON.stringify(first.body)).not.toContain('/sre diagnose');
      expect(bot.lines.map((line) => line.msg)).toContain(
        'Authorization of incoming event did not succeed. No listeners will be called.',
      );
      const second = await help();
      expect(second.status).toBe(200);
      expect(JSON.stringify(second.body)).toContain('/sre diagnose');
    } finally {
      await bot.stop();
      await emulator.stop();
    }
  });

  it('logs one error naming Slack and what to check when the Web API is unreachable', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const bot = await startBot(apiUrl, 'xoxb-test', 'secret');
    try {
      await eventually(() => Promise.resolve(bot.lines.some((line) => line.level === 50)), 10_000);
      const errors = bot.lines.filter((line) => line.level === 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.msg).toBe(
        'cannot use Slack: auth.test failed — check SLACK_BOT_TOKEN, SLACK_API_URL and the network',
      );
      expect(errors[0]!.slackApiUrl).toBe(apiUrl);
    } finally {
      await bot.stop();
    }
  });
});
