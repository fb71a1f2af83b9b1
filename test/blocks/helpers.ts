/** Reading built messages back in tests: their buttons, their blocks of one type, their mrkdwn texts. */
import type { Button, KnownBlock } from '@slack/types';
import type { SlackMessage } from '../../blocks/message.js';

export function buttonsOf(message: SlackMessage): Button[] {
  return message.blocks.flatMap((block) =>
    block.type === 'actions'
      ? block.elements.filter((element): element is Button => element.type === 'button')
      : [],
  );
}

export function blocksOfType<T extends KnownBlock['type']>(
  message: SlackMessage,
  type: T,
): Extract<KnownBlock, { type: T }>[] {
  return message.blocks.filter((block): block is Extract<KnownBlock, { type: T }> => block.type === type);
}

/** Every mrkdwn string of a message, fallback text included (it is parsed as mrkdwn too). */
export function mrkdwnTexts(message: SlackMessage): string[] {
  const texts: string[] = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts;
}

/** Every plain and mrkdwn text of the blocks, joined: what a reader can see. */
export function visibleText(message: SlackMessage): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
        texts.push(record.text);
      Object.values(record).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts.join('\n');
}
