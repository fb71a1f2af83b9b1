/** The Web API methods the emulator implements; anything else is `unknown_method`. */
import { chatDelete, chatUpdate } from './chat-edit.js';
import { chatPostEphemeral } from './chat-ephemeral.js';
import { chatGetPermalink } from './chat-permalink.js';
import { chatPostMessage } from './chat-post.js';
import { conversationsInfo, conversationsOpen, conversationsReplies } from './conversations.js';
import { authTest, usergroupsList, usergroupsUsersList, usersInfo } from './directory.js';
import type { MethodHandler } from './method.js';
import { reactionsAdd } from './reactions.js';

export const METHODS: ReadonlyMap<string, MethodHandler> = new Map([
  ['auth.test', authTest],
  ['chat.postMessage', chatPostMessage],
  ['chat.update', chatUpdate],
  ['chat.delete', chatDelete],
  ['chat.postEphemeral', chatPostEphemeral],
  ['chat.getPermalink', chatGetPermalink],
  ['conversations.info', conversationsInfo],
  ['conversations.replies', conversationsReplies],
  ['conversations.open', conversationsOpen],
  ['users.info', usersInfo],
  ['usergroups.users.list', usergroupsUsersList],
  ['usergroups.list', usergroupsList],
  ['reactions.add', reactionsAdd],
]);
