/**
 * The exact payloads Slack sends a bot (reference §B4): the slash-command form, and the block_actions JSON that
 * travels in a form's single `payload` field.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelInfo, EmulatedEphemeral, EmulatedMessage, SlackBlock } from '../types.js';
import type { UserRecord, Workspace } from '../workspace.js';

/** Slack still sends the deprecated verification token; Bolt ignores it when signatures are checked. */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

export function triggerId(now: number): string {
  return `${Math.floor(now / 1000)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;
}

function channelName(channel: ChannelInfo): string {
  return channel.dmUser !== undefined ? 'directmessage' : channel.name;
}

export function slashCommandForm(input: {
  workspace: Workspace;
  user: UserRecord;
  channel: ChannelInfo;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  const { workspace, user, channel } = input;
  // Field order as Slack sends it; is_enterprise_install is a string in command payloads.
  return new URLSearchParams([
    ['token', VERIFICATION_TOKEN],
    ['team_id', workspace.team.id],
    ['team_domain', workspace.team.domain],
    ['channel_id', channel.id],
    ['channel_name', channelName(channel)],
    ['user_id', user.id],
    ['user_name', user.name],
    ['command', input.command],
    ['text', input.text],
    ['api_app_id', workspace.bot.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', input.responseUrl],
    ['trigger_id', input.triggerId],
  ]).toString();
}

export type ButtonElement = {
  type: 'button';
  action_id: string;
  text?: unknown;
  value?: string;
  style?: string;
  url?: string;
  confirm?: unknown;
};

function messageObject(message: EmulatedMessage, workspace: Workspace): Record<string, unknown> {
  return {
    type: 'message',
    // Messages a bot token posts carry bot_id/app_id and the bot user, but no `bot_message` subtype (legacy only).
    ...(message.botId ? { bot_id: message.botId, app_id: workspace.bot.appId } : {}),
    text: message.text,
    user: message.user,
    ts: message.ts,
    ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
    team: workspace.team.id,
    blocks: message.blocks,
    ...(message.attachments.length > 0 ? { attachments: message.attachments } : {}),
  };
}

export function blockActionsPayload(input: {
  workspace: Workspace;
  user: UserRecord;
  channel: ChannelInfo;
  /** The clicked message: a channel message, or one of the user's ephemerals (then no `message` is sent). */
  target: { kind: 'message'; message: EmulatedMessage } | { kind: 'ephemeral'; ephemeral: EmulatedEphemeral };
  blockId: string;
  button: ButtonElement;
  value: string | undefined;
  responseUrl: string;
  triggerId: string;
  actionTs: string;
}): Record<string, unknown> {
  const { workspace, user, channel, target, button } = input;
  const ts = target.kind === 'message' ? target.message.ts : target.ephemeral.ts;
  const threadTs = target.kind === 'message' ? target.message.threadTs : target.ephemeral.threadTs;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: workspace.team.id },
    api_app_id: workspace.bot.appId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: channel.id,
      is_ephemeral: target.kind === 'ephemeral',
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    },
    trigger_id: input.triggerId,
    team: { id: workspace.team.id, domain: workspace.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channelName(channel) },
    ...(target.kind === 'message' ? { message: messageObject(target.message, workspace) } : {}),
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: input.blockId,
        text: button.text,
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(button.style !== undefined ? { style: button.style } : {}),
        type: 'button',
        action_ts: input.actionTs,
      },
    ],
  };
}

/** Buttons live in actions blocks and as section accessories; both are clickable. */
export function findButton(
  blocks: readonly SlackBlock[],
  actionId: string,
  blockId: string | undefined,
): { blockId: string; button: ButtonElement } | undefined {
  for (const block of blocks) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    const candidates: unknown[] = [];
    if (block.type === 'actions' && Array.isArray(block['elements']))
      candidates.push(...(block['elements'] as unknown[]));
    if (block.type === 'section' && block['accessory'] !== undefined) candidates.push(block['accessory']);
    for (const candidate of candidates) {
      if (typeof candidate !== 'object' || candidate === null) continue;
      const element = candidate as Record<string, unknown>;
      if (element['type'] === 'button' && element['action_id'] === actionId)
        return { blockId: block.block_id ?? '', button: element as ButtonElement };
    }
  }
  return undefined;
}
