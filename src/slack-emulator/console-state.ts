/**
 * What the browser console renders, as one JSON document per user: the channels that user can see, each with
 * its top-level messages and their threads, and only that user's ephemerals. The page re-fetches it whenever
 * the Server-Sent Events stream says the version changed.
 */
import type { EmulatorState } from './state.js';
import type { EmulatedEphemeral, EmulatedMessage } from './types.js';
import { humanUsers, type Workspace } from './workspace.js';

type ConsoleMessage = {
  ts: string;
  threadTs: string | undefined;
  broadcast: boolean;
  user: string;
  isBot: boolean;
  text: string;
  blocks: unknown[];
  attachments: unknown[];
  edited: boolean;
  reactions: { name: string; count: number }[];
  replies: ConsoleMessage[];
};

function consoleMessage(
  message: EmulatedMessage,
  replies: EmulatedMessage[],
  workspace: Workspace,
): ConsoleMessage {
  return {
    ts: message.ts,
    threadTs: message.threadTs,
    broadcast: message.broadcast,
    user: message.user,
    isBot: message.botId !== undefined,
    text: message.text,
    blocks: message.blocks,
    attachments: message.attachments,
    edited: message.history.length > 0,
    reactions: message.reactions.map((r) => ({ name: r.name, count: r.users.length })),
    replies: replies.map((reply) => consoleMessage(reply, [], workspace)),
  };
}

function consoleEphemeral(ephemeral: EmulatedEphemeral) {
  return {
    ts: ephemeral.ts,
    channel: ephemeral.channel,
    threadTs: ephemeral.threadTs,
    from: ephemeral.from,
    text: ephemeral.text,
    blocks: ephemeral.blocks,
    attachments: ephemeral.attachments,
    edited: ephemeral.history.length > 0,
  };
}

export function consoleState(
  state: EmulatorState,
  workspace: Workspace,
  user: string,
  botConnected: boolean,
): Record<string, unknown> {
  const channels = state
    .channels()
    .filter((channel) => channel.dmUser === undefined || channel.dmUser === user)
    .map((channel) => {
      const all = state.channelMessages(channel.id);
      const messages = all
        .filter((m) => m.threadTs === undefined || m.broadcast)
        .map((m) =>
          consoleMessage(
            m,
            m.threadTs === undefined ? all.filter((r) => r.threadTs === m.ts) : [],
            workspace,
          ),
        );
      return { id: channel.id, name: channel.name, isDm: channel.dmUser !== undefined, messages };
    });
  return {
    version: state.version,
    team: workspace.team,
    bot: { userId: workspace.bot.userId, name: workspace.bot.name },
    botConnected,
    commands: workspace.commands,
    users: humanUsers(workspace).map(({ id, name, realName, title }) => ({ id, name, realName, title })),
    // Names for every user (the bot too) and group, so mentions render as @name.
    names: Object.fromEntries([...workspace.users.values()].map((u) => [u.id, u.name])),
    groups: Object.fromEntries([...workspace.usergroups.values()].map((g) => [g.id, g.handle])),
    // Members, so a group mention the current user belongs to is highlighted like a personal one.
    groupMembers: Object.fromEntries([...workspace.usergroups.values()].map((g) => [g.id, g.members])),
    channels,
    ephemerals: state
      .ephemerals()
      .filter((e) => e.user === user)
      .map(consoleEphemeral),
  };
}
