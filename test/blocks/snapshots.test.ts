/**
 * Reviewed JSON snapshots of every builder over the fixtures. Each file can be pasted into Block Kit Builder
 * (https://app.slack.com/block-kit-builder) to see the message; a builder change shows up as a diff of these.
 */
import { describe, expect, it } from 'vitest';
import { cards, multiMessages, singleMessages } from './catalog.js';

const asJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('block snapshots', () => {
  it.each(cards.map((entry) => [entry.name, entry.message] as const))('%s', async (name, message) => {
    await expect(asJson(message)).toMatchFileSnapshot(`./__snapshots__/${name}.json`);
  });

  it.each(singleMessages)('%s', async (name, message) => {
    await expect(asJson(message)).toMatchFileSnapshot(`./__snapshots__/${name}.json`);
  });

  it.each(multiMessages)('%s', async (name, messages) => {
    await expect(asJson(messages)).toMatchFileSnapshot(`./__snapshots__/${name}.json`);
  });
});
