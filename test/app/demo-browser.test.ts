/**
 * `sre-bot demo` as a newcomer uses it, in headless Chromium: open the console, type `/sre diagnose payments`,
 * see the incident card, press Dry run, then Approve (confirming the dialog), and watch the verified result arrive
 * in the thread — the real bot, the real simulated cluster, every click a signed request.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/app/demo.js';

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

let demo: Demo;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  demo = await startDemo({ speed: 20, fast: true, seed: 21, env: { SRE_VERIFY_SETTLE_SECONDS: '3' } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

it('diagnoses payments, dry-runs and applies the fix from the browser', async () => {
  await page.goto(demo.emulator.url);
  await page.locator('#composer-input').waitFor();
  expect(await page.locator('#user-select').inputValue()).toBe('U0ALICE');

  await page.locator('#composer-input').fill('/sre diagnose payments');
  await page.locator('#composer-input').press('Enter');
  const card = page.locator('.message.bot:not(.ephemeral)', { hasText: 'REQUIRED_CONFIG' }).first();
  await card.getByRole('button', { name: /^Approve/ }).waitFor();

  await card.getByRole('button', { name: /^Dry run/ }).click();
  await card.locator('.thread-toggle').click();
  await card.locator('.thread', { hasText: 'name: REQUIRED_CONFIG' }).waitFor();

  await card.getByRole('button', { name: /^Approve/ }).click();
  await page.locator('dialog#confirm[open]').waitFor();
  await page.locator('#confirm-ok').click();
  await card.locator('.thread', { hasText: /verified healthy/i }).waitFor({ timeout: 60_000 });
  await card.getByRole('button', { name: /^Undo/ }).waitFor();

  // The cluster agrees.
  const deployment = demo.sim.cluster.store.get('apps/deployments', 'payments', 'payments')!;
  expect((deployment.status as { availableReplicas?: number }).availableReplicas).toBe(2);
  expect(pageErrors).toEqual([]);
});
