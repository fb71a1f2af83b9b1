/**
 * The browser console end to end in headless Chromium: a newcomer types `/sre help`, sees the bot's reply
 * (only to them), clicks its button, confirms an Approve, and watches the message change in place — every step
 * going through the emulator's signed requests to a real Bolt app.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { startTinyBoltApp, type TinyBoltApp } from './support/tiny-bolt-app.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let emulator: SlackEmulator;
let bot: TinyBoltApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  emulator = await startSlackEmulator({
    users: {
      U0ALICE: { name: 'alice', title: 'on-call SRE, can approve fixes' },
      U0BOB: { name: 'bob', title: 'developer' },
    },
    channels: { C0INCIDENTS: 'incidents' },
    usergroups: { S0SREONCALL: { handle: 'sre-oncall', members: ['U0ALICE'] } },
  });
  bot = await startTinyBoltApp(emulator);
  emulator.setBotUrl(bot.eventsUrl);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  // Fail with Playwright's own message (what it waited for) well before the test's 30 s timeout.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  await emulator?.stop();
});

describe('browser console', () => {
  it('sends /sre help from the composer, shows the reply to the sender only, and clicks through', async () => {
    await page.goto(emulator.url);
    await page.locator('.intro').waitFor();
    expect(await page.locator('#user-select').inputValue()).toBe('U0ALICE');
    expect(await page.locator('#bot-status').textContent()).toContain('connected');

    await page.locator('#composer-input').fill('/sre help');
    await page.locator('#composer-input').press('Enter');
    const help = page.locator('.message.ephemeral', { hasText: 'sre-bot help' });
    await help.waitFor();
    expect(await help.locator('.only-you').textContent()).toContain('Only visible to you');
    expect(bot.commands.map((c) => [c.user_id, c.channel_id, c.text])).toEqual([
      ['U0ALICE', 'C0INCIDENTS', 'help'],
    ]);

    // The help reply's button posts an incident to the channel and replaces the ephemeral.
    await help.getByRole('button', { name: 'Post a test incident' }).click();
    const incident = page.locator('.message.bot:not(.ephemeral)', { hasText: 'payments is crash-looping' });
    await incident.waitFor();
    await page.locator('.message.ephemeral', { hasText: 'Posted a test incident.' }).waitFor();
    expect(await incident.locator('.mention.group.self').textContent()).toBe('@sre-oncall');

    // Approve has a confirm dialog: cancelling sends nothing, confirming sends the click.
    await incident.getByRole('button', { name: 'Approve: set REQUIRED_CONFIG' }).click();
    await page.locator('dialog#confirm[open]').waitFor();
    expect(await page.locator('#confirm-title').textContent()).toBe('Apply this fix?');
    await page.locator('#confirm-deny').click();
    expect(bot.actions.filter((a) => a.actions[0]?.action_id === 'proposal_approve')).toHaveLength(0);
    await incident.getByRole('button', { name: 'Approve: set REQUIRED_CONFIG' }).click();
    await page.locator('#confirm-ok').click();

    await incident.locator('.block.context', { hasText: 'Approved by @alice' }).waitFor();
    expect(await incident.locator('.edited').textContent()).toBe('(edited)');
    expect(await incident.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    const [root] = emulator.messages('incidents');
    expect(root?.history).toHaveLength(1);
    expect(bot.actions.at(-1)).toMatchObject({
      user: { id: 'U0ALICE' },
      actions: [{ action_id: 'proposal_approve' }],
    });

    // The broadcast reply shows in the channel; the thread opens under its root.
    await page.locator('.broadcast-note', { hasText: 'replied to a thread' }).waitFor();
    await incident.locator('.thread-toggle').click();
    await incident.locator('.thread', { hasText: 'Applied and verified' }).waitFor();
  });

  it('shows ephemerals only to their user after switching users', async () => {
    await page.locator('#user-select').selectOption('U0BOB');
    await page.locator('#user-title', { hasText: 'developer' }).waitFor();
    await expect.poll(() => page.locator('.message.ephemeral').count()).toBe(0);
    expect(await page.locator('.message.bot', { hasText: 'payments is crash-looping' }).count()).toBe(1);
    await page.locator('#user-select').selectOption('U0ALICE');
    await expect.poll(() => page.locator('.message.ephemeral').count()).toBeGreaterThan(0);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
