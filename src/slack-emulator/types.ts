/**
 * The shapes the emulator hands to tests and to the console. They are snapshots (copies): a test can keep one and
 * compare it with a later one to see what changed, and cannot corrupt the emulator's state by mutating it.
 */

/** A Block Kit block as the bot sent it; the emulator only relies on `type` (and `block_id` for clicks). */
export type SlackBlock = { type: string; block_id?: string; [key: string]: unknown };

/** One earlier version of a message, kept when it is replaced (chat.update or response_url replace_original). */
export type MessageVersion = {
  text: string;
  blocks: SlackBlock[];
  attachments: unknown[];
  /** When this version was replaced (ms since the epoch). */
  replacedAt: number;
  /** What replaced it: `chat.update` or `response_url`. */
  replacedBy: string;
};

export type Reaction = { name: string; users: string[] };

export type EmulatedMessage = {
  channel: string;
  ts: string;
  /** The thread root's ts for a reply; undefined for a top-level message. */
  threadTs: string | undefined;
  /** A reply posted with reply_broadcast: shown in the thread and in the channel. */
  broadcast: boolean;
  /** Author: the bot's user id for bot messages. */
  user: string;
  /** Set on messages posted with the bot token (only those can be changed with chat.update). */
  botId: string | undefined;
  text: string;
  blocks: SlackBlock[];
  attachments: unknown[];
  unfurlLinks: boolean | undefined;
  unfurlMedia: boolean | undefined;
  reactions: Reaction[];
  /** Earlier versions, oldest first: empty until the message is updated. */
  history: MessageVersion[];
  /** How it arrived: `chat.postMessage` or `response_url` (an in_channel response). */
  via: string;
};

export type EmulatedEphemeral = {
  channel: string;
  /** The only user who sees it. */
  user: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: SlackBlock[];
  attachments: unknown[];
  /** `chat.postEphemeral`, `ack` (a slash command's HTTP reply body), `response_url`, or `slackbot` (errors Slack itself shows). */
  via: string;
  /** Who it appears to come from: the bot, or Slackbot for Slack's own error notices. */
  from: 'bot' | 'slackbot';
  history: MessageVersion[];
};

export type ChannelInfo = {
  id: string;
  name: string;
  /** A direct-message channel the bot opened by posting to a user id; only that user sees it in the console. */
  dmUser: string | undefined;
};

export type ApiCall = {
  seq: number;
  /** A Web API method, or `response_url` for posts to an interaction's response_url. */
  method: string;
  /** Parsed arguments: JSON-in-form fields (blocks, attachments) decoded, `token` removed. */
  args: Record<string, unknown>;
  status: number;
  ok: boolean;
  error: string | undefined;
  response: unknown;
  /** ms since the epoch. */
  at: number;
  /** Slack-limit violations found in the message this call carried (empty when none or not a message). */
  violations: string[];
};

/** A message checkMessage found fault with, whether or not it was accepted. */
export type ViolationRecord = {
  method: string;
  channel: string | undefined;
  ts: string | undefined;
  violations: string[];
  message: { text: string; blocks: SlackBlock[] };
  at: number;
};

/** A slash command a user ran (Slack shows the invoker nothing of it, but the console and tests like to know). */
export type Invocation = { user: string; channel: string; command: string; text: string; at: number };

export type ChannelRate = {
  /** Every chat.postMessage that reached the channel, accepted or not. */
  posts: number;
  /** The most chat.postMessage calls seen in any rolling one-second window. */
  maxPerSecond: number;
  /** Answered 429 by enforcement. */
  rejected: number;
};
