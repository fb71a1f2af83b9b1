/**
 * The local Slack emulator: Web API, interaction driver, inspection, and a browser console (`sre-bot demo`).
 *
 *   const slack = await startSlackEmulator({ port: 0 });          // defaults: alice (approver), bob, #incidents
 *   const app = new App({ token: slack.botToken, signingSecret: slack.signingSecret,
 *                         clientOptions: { slackApiUrl: slack.apiUrl } });
 *   slack.setBotUrl('http://127.0.0.1:3000/slack/events');
 *   await slack.sendSlashCommand({ user: 'U0ALICE', channel: 'incidents', text: 'diagnose payments' });
 *   const card = await slack.waitForMessage('incidents', (m) => m.blocks.some((b) => b.type === 'actions'));
 *   await slack.clickButton({ user: 'U0ALICE', channel: 'incidents', messageTs: card.ts, actionId: 'proposal_approve' });
 *   // a person: open slack.url in a browser
 */
export { startSlackEmulator, type RawBotRequest, type SlackEmulator } from './start.js';
export type { EmulatorUser, EmulatorUsergroup, RateLimitOptions, SlackEmulatorOptions } from './options.js';
export {
  DEFAULT_CHANNELS,
  DEFAULT_USERGROUPS,
  DEFAULT_USERS,
  DEFAULTS as EMULATOR_DEFAULTS,
} from './options.js';
export type { FaultSpec } from './faults.js';
export type { Inspection } from './inspect.js';
export type { BotReply } from './interactions/bot-request.js';
export type {
  ClickInput,
  ClickResult,
  SlashCommandInput,
  SlashCommandResult,
} from './interactions/driver.js';
export { slackLimitsChecker, type CheckedMessage, type MessageChecker } from './message-check.js';
export { SLACK_FORM_CONTENT_TYPE, signedHeaders, slackSignature } from './signing.js';
export type {
  ApiCall,
  ChannelInfo,
  ChannelRate,
  EmulatedEphemeral,
  EmulatedMessage,
  Invocation,
  MessageVersion,
  Reaction,
  SlackBlock,
  ViolationRecord,
} from './types.js';
