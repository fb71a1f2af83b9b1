/** Helpers for the Slack end-to-end tests: finding the incident card, its buttons, and clicking them. */
import type { SlackEmulator } from '../../src/slack-emulator/index.js';

export const CHANNEL = 'C0INCIDENTS';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

type Block = {
  type: string;
  block_id?: string;
  elements?: { action_id?: string; value?: string; text?: { text: string } }[];
};

export function actionsBlock(emulator: SlackEmulator, ts: string): Block | undefined {
  const message = emulator.message(CHANNEL, ts);
  return message?.blocks.find((block) => block.type === 'actions');
}

export function buttonLabels(emulator: SlackEmulator, ts: string): string[] {
  return (actionsBlock(emulator, ts)?.elements ?? []).map((element) => element.text?.text ?? '');
}

/** Clicks the button with `actionId` on the card as it is now (its current block_id and value). */
export async function click(emulator: SlackEmulator, ts: string, user: string, actionId: string) {
  const block = actionsBlock(emulator, ts);
  const button = block?.elements?.find((element) => element.action_id === actionId);
  if (!block || !button)
    throw new Error(`no ${actionId} button on the card (${buttonLabels(emulator, ts).join(', ')})`);
  return emulator.clickButton({
    user,
    channel: CHANNEL,
    messageTs: ts,
    actionId,
    ...(button.value ? { value: button.value } : {}),
    ...(block.block_id ? { blockId: block.block_id } : {}),
  });
}

/** The root message of the incident about `needle` (by its fallback text). */
export function rootCard(emulator: SlackEmulator, needle: string) {
  return emulator.messages(CHANNEL).find((message) => !message.threadTs && message.text.includes(needle));
}

export function cardTexts(emulator: SlackEmulator, ts: string): string {
  return JSON.stringify(emulator.message(CHANNEL, ts)?.blocks ?? []);
}
