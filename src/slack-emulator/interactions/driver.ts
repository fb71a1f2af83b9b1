/**
 * Driving the bot like Slack does: a user runs a slash command or clicks a button, Slack POSTs the signed
 * payload to the bot, shows the user the ack (commands) or an error when the bot fails, and hands out a
 * response_url for later replies.
 */
import type { ApiReply, MethodContext } from '../web-api/method.js';
import type { ChannelInfo, EmulatedEphemeral, EmulatedMessage } from '../types.js';
import type { UserRecord } from '../workspace.js';
import { postToBot, type BotReply } from './bot-request.js';
import {
  blockActionsPayload,
  findButton,
  slashCommandForm,
  triggerId,
  type ButtonElement,
} from './payloads.js';
import { applyResponse, responseBody } from './respond.js';
import type { ResponseTarget, ResponseUrls } from './response-urls.js';

export type DriverContext = MethodContext & {
  signingSecret: string;
  botUrl: () => string | undefined;
  responseUrls: ResponseUrls;
  ackTimeoutMs: number;
};

export type SlashCommandInput = { user: string; channel: string; text: string; command?: string };

export type SlashCommandResult = BotReply & {
  /** False when Slack itself refused the command (not a known slash command) and the bot was not called. */
  dispatched: boolean;
  responseUrl: string;
  triggerId: string;
};

export type ClickInput = {
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  /** Defaults to the button's own value (override only to forge a payload). */
  value?: string;
  /** Needed only when the same action_id appears in several blocks. */
  blockId?: string;
};

export type ClickResult = BotReply & { responseUrl: string; payload: Record<string, unknown> };

function requireUser(context: DriverContext, id: string): UserRecord {
  const user =
    context.workspace.users.get(id) ?? [...context.workspace.users.values()].find((u) => u.name === id);
  if (!user || user.isBot) throw new Error(`slack emulator: no user "${id}"`);
  return user;
}

function requireChannel(context: DriverContext, idOrName: string): ChannelInfo {
  const channel = context.state.channel(idOrName);
  if (!channel) throw new Error(`slack emulator: no channel "${idOrName}"`);
  return channel;
}

function requireBotUrl(context: DriverContext): string {
  const url = context.botUrl();
  if (!url) throw new Error('slack emulator: no botUrl configured (pass botUrl or call setBotUrl)');
  return url;
}

/** What Slack tells the user when their command or click did not get a proper answer. */
function slackbotNotice(context: DriverContext, channel: string, user: string, text: string): void {
  context.state.addEphemeral({
    channel,
    user,
    ts: context.nextTs(),
    threadTs: undefined,
    text,
    blocks: [],
    attachments: [],
    via: 'slackbot',
    from: 'slackbot',
    history: [],
  });
}

function failureReason(reply: BotReply): string {
  if (reply.timedOut) return 'operation_timeout';
  if (reply.status === 0) return 'dispatch_failed';
  return `http_error (HTTP ${reply.status})`;
}

/** Slack shows a slash command's ack body to the invoker (or the channel, with response_type in_channel). */
function showAck(context: DriverContext, target: ResponseTarget, reply: BotReply): void {
  if (reply.body.trim() === '') return;
  const json = reply.json;
  let shown: ApiReply | undefined;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const parsed = responseBody.safeParse(json);
    if (parsed.success && (parsed.data.text !== undefined || parsed.data.blocks !== undefined))
      shown = applyResponse(context, target, parsed.data, 'ack');
  } else shown = applyResponse(context, target, { text: reply.body }, 'ack');
  // An ack Slack cannot display (e.g. blocks over its limits) reaches the user as an error instead.
  if (shown && !shown.body.ok)
    slackbotNotice(
      context,
      target.channel,
      target.user,
      `The app's reply could not be shown: ${shown.body.error ?? 'error'}`,
    );
}

export async function sendSlashCommand(
  context: DriverContext,
  input: SlashCommandInput,
): Promise<SlashCommandResult> {
  const user = requireUser(context, input.user);
  const channel = requireChannel(context, input.channel);
  const command = input.command ?? '/sre';
  const botUrl = requireBotUrl(context);
  const trigger = triggerId(context.now());
  context.state.addInvocation({
    user: user.id,
    channel: channel.id,
    command,
    text: input.text,
    at: context.now(),
  });
  if (!context.workspace.commands.includes(command)) {
    slackbotNotice(
      context,
      channel.id,
      user.id,
      `${command} is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`,
    );
    const empty = { status: 0, body: '', json: undefined, ackMs: 0, timedOut: false, error: 'not_a_command' };
    return { ...empty, dispatched: false, responseUrl: '', triggerId: trigger };
  }
  const target = context.responseUrls.create('command', channel.id, user.id);
  const responseUrl = target.url;
  const body = slashCommandForm({
    workspace: context.workspace,
    user,
    channel,
    command,
    text: input.text,
    responseUrl,
    triggerId: trigger,
  });
  const reply = await postToBot({
    url: botUrl,
    body,
    signingSecret: context.signingSecret,
    timeoutMs: context.ackTimeoutMs,
    now: context.now,
  });
  if (reply.status === 200) showAck(context, target, reply);
  else
    slackbotNotice(
      context,
      channel.id,
      user.id,
      `${command} failed with the error "${failureReason(reply)}"`,
    );
  return { ...reply, dispatched: true, responseUrl, triggerId: trigger };
}

function buttonLabel(button: ButtonElement): string | undefined {
  const text = button.text;
  if (typeof text !== 'object' || text === null || !('text' in text)) return undefined;
  return typeof text.text === 'string' ? text.text : undefined;
}

type ClickTarget =
  { kind: 'message'; message: EmulatedMessage } | { kind: 'ephemeral'; ephemeral: EmulatedEphemeral };

function findClickTarget(
  context: DriverContext,
  channel: ChannelInfo,
  user: UserRecord,
  ts: string,
): ClickTarget {
  const message = context.state.findMessage(channel.id, ts);
  if (message) return { kind: 'message', message };
  const ephemeral = context.state.findEphemeral(user.id, ts);
  if (ephemeral && ephemeral.channel === channel.id) return { kind: 'ephemeral', ephemeral };
  throw new Error(`slack emulator: no message ${ts} in ${channel.id} visible to ${user.id}`);
}

export async function clickButton(context: DriverContext, input: ClickInput): Promise<ClickResult> {
  const user = requireUser(context, input.user);
  const channel = requireChannel(context, input.channel);
  const target = findClickTarget(context, channel, user, input.messageTs);
  const blocks = target.kind === 'message' ? target.message.blocks : target.ephemeral.blocks;
  const found = findButton(blocks, input.actionId, input.blockId);
  if (!found)
    throw new Error(
      `slack emulator: no button "${input.actionId}" on message ${input.messageTs} (it may have been replaced)`,
    );
  const responseUrl = context.responseUrls.create('action', channel.id, user.id, {
    ts: input.messageTs,
    ephemeral: target.kind === 'ephemeral',
  }).url;
  const payload = blockActionsPayload({
    workspace: context.workspace,
    user,
    channel,
    target,
    blockId: found.blockId,
    button: found.button,
    value: input.value ?? found.button.value,
    responseUrl,
    triggerId: triggerId(context.now()),
    actionTs: context.nextTs(),
  });
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const reply = await postToBot({
    url: requireBotUrl(context),
    body,
    signingSecret: context.signingSecret,
    timeoutMs: context.ackTimeoutMs,
    now: context.now,
  });
  if (reply.status !== 200) {
    slackbotNotice(
      context,
      channel.id,
      user.id,
      `Your click on "${buttonLabel(found.button) ?? input.actionId}" did not reach the app: ${failureReason(reply)}.`,
    );
  }
  return { ...reply, responseUrl, payload };
}
