/** The fixed directory of the emulated workspace: team, bot identity, users, user groups, slash commands. */
import {
  DEFAULT_USERGROUPS,
  DEFAULT_USERS,
  DEFAULTS,
  type EmulatorUser,
  type EmulatorUsergroup,
  type SlackEmulatorOptions,
} from './options.js';

export type UserRecord = {
  id: string;
  name: string;
  realName: string;
  title: string | undefined;
  isBot: boolean;
};
export type UsergroupRecord = { id: string; handle: string; members: string[] };

export type Workspace = {
  team: { id: string; domain: string; name: string };
  bot: { userId: string; botId: string; appId: string; name: string };
  users: ReadonlyMap<string, UserRecord>;
  usergroups: ReadonlyMap<string, UsergroupRecord>;
  commands: readonly string[];
};

function userRecord(id: string, user: EmulatorUser): UserRecord {
  if (typeof user === 'string') return { id, name: user, realName: user, title: undefined, isBot: false };
  return { id, name: user.name, realName: user.realName ?? user.name, title: user.title, isBot: false };
}

function usergroupRecord(id: string, group: EmulatorUsergroup): UsergroupRecord {
  // `readonly string[]` is an array at runtime; Array.isArray does not narrow readonly arrays, hence the `in` test.
  if (!('members' in group)) return { id, handle: id.toLowerCase(), members: [...group] };
  return { id, handle: group.handle ?? id.toLowerCase(), members: [...group.members] };
}

export function createWorkspace(options: SlackEmulatorOptions): Workspace {
  const bot = { ...DEFAULTS.bot, ...options.bot };
  const users = new Map<string, UserRecord>();
  for (const [id, user] of Object.entries(options.users ?? DEFAULT_USERS))
    users.set(id, userRecord(id, user));
  // The bot is a user too: users.info on it works and its mentions render by name.
  users.set(bot.userId, { id: bot.userId, name: bot.name, realName: bot.name, title: 'app', isBot: true });
  const usergroups = new Map<string, UsergroupRecord>();
  for (const [id, group] of Object.entries(options.usergroups ?? DEFAULT_USERGROUPS))
    usergroups.set(id, usergroupRecord(id, group));
  return {
    team: { ...DEFAULTS.team, ...options.team, name: options.team?.name ?? DEFAULTS.team.name },
    bot,
    users,
    usergroups,
    commands: options.commands ?? DEFAULTS.commands,
  };
}

/** Human users (not the bot), in the order they were configured: the console's user switcher. */
export function humanUsers(workspace: Workspace): UserRecord[] {
  return [...workspace.users.values()].filter((user) => !user.isBot);
}
