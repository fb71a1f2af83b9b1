/**
 * The chat port: what the incident flows need from Slack, and nothing else. The Web API adapter implements it
 * with rate limits; the domain never sees Bolt or the WebClient.
 */
import type { SlackMessage } from '../../blocks/message.js';

export type PostOptions = {
  /** Reply in this thread (the root message's ts). */
  threadTs?: string;
  /** Also show a thread reply in the channel: only for state changes people must see. */
  broadcast?: boolean;
};

export type ChatPort = {
  post(
    channel: string,
    message: SlackMessage,
    options?: PostOptions,
  ): Promise<{ channel: string; ts: string }>;
  /** Replaces a message the bot posted; rapid successive updates of one message may be coalesced. */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** Visible to one user only; never the only record of anything. */
  postEphemeral(
    channel: string,
    user: string,
    message: SlackMessage,
    options?: { threadTs?: string },
  ): Promise<void>;
  /** Members of a user group (`S…`), for approver checks and on-call pings. */
  usergroupMembers(group: string): Promise<string[]>;
};
