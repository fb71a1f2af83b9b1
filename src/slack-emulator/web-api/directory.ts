/** auth.test, users.info, usergroups.users.list, usergroups.list: the workspace directory. */
import { z } from 'zod';
import { defineMethod, fail, ok } from './method.js';
import { boolish } from './args.js';
import type { UserRecord } from '../workspace.js';

export const authTest = defineMethod(z.looseObject({}), (_input, context) => {
  const { team, bot } = context.workspace;
  return ok({
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: bot.name,
    team_id: team.id,
    user_id: bot.userId,
    bot_id: bot.botId,
    is_enterprise_install: false,
  });
});

function userObject(user: UserRecord, teamId: string): Record<string, unknown> {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.realName,
    deleted: false,
    is_bot: user.isBot,
    is_app_user: false,
    profile: { real_name: user.realName, display_name: user.name, title: user.title ?? '' },
  };
}

export const usersInfo = defineMethod(z.looseObject({ user: z.string().optional() }), (input, context) => {
  const user = input.user === undefined ? undefined : context.workspace.users.get(input.user);
  if (!user) return fail('user_not_found');
  return ok({ user: userObject(user, context.workspace.team.id) });
});

export const usergroupsUsersList = defineMethod(
  z.looseObject({ usergroup: z.string().optional(), include_disabled: boolish.optional() }),
  (input, context) => {
    const group =
      input.usergroup === undefined ? undefined : context.workspace.usergroups.get(input.usergroup);
    if (!group) return fail('no_such_subteam');
    return ok({ users: group.members });
  },
);

export const usergroupsList = defineMethod(
  z.looseObject({ include_users: boolish.optional(), include_count: boolish.optional() }),
  (input, context) =>
    ok({
      usergroups: [...context.workspace.usergroups.values()].map((group) => ({
        id: group.id,
        team_id: context.workspace.team.id,
        handle: group.handle,
        name: group.handle,
        ...(input.include_users ? { users: group.members } : {}),
        ...(input.include_count ? { user_count: group.members.length } : {}),
      })),
    }),
);
