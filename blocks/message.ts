/**
 * The message shape every builder returns, and small block constructors that apply Slack's limits where the
 * text is made (so a builder cannot produce a section over 3,000 characters or a header over 150).
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { clipMrkdwn, clipRaw } from './mrkdwn.js';

/** What chat.postMessage / chat.update / respond() take: `text` is the notification and screen-reader fallback. */
export type SlackMessage = { text: string; blocks: KnownBlock[] };

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack truncates longer messages; we keep fallbacks far shorter. */
  fallbackText: 40_000,
} as const;

/** Fallback text is short: it is what a phone notification shows. */
const FALLBACK_MAX = 600;

export function message(text: string, blocks: KnownBlock[]): SlackMessage {
  const trimmed = text.trim();
  return { text: clipMrkdwn(trimmed.length > 0 ? trimmed : 'sre-bot', FALLBACK_MAX), blocks };
}

export function plainText(text: string, max: number): PlainTextElement {
  // plain_text is not mrkdwn: no entities to keep whole, so clipping by characters is enough.
  const clipped = clipRaw(text, max);
  return { type: 'plain_text', text: clipped.length > 0 ? clipped : ' ', emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  const clipped = clipMrkdwn(text, max);
  return { type: 'mrkdwn', text: clipped.length > 0 ? clipped : ' ' };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plainText(text, LIMITS.headerText) };
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(blockId ? { block_id: blockId } : {}) };
}

/** A two-column field grid; pairs of `label: value` with the value already mrkdwn. */
export function fields(entries: readonly (readonly [label: string, value: string])[]): SectionBlock {
  return {
    type: 'section',
    fields: entries
      .slice(0, LIMITS.fields)
      .map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText)),
  };
}

export function context(items: readonly string[]): ContextBlock {
  return { type: 'context', elements: items.slice(0, LIMITS.contextElements).map((item) => mrkdwn(item)) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function actions(blockId: string, buttons: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons.slice(0, LIMITS.actionsElements) };
}
