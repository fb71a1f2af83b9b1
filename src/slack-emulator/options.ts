/** What `startSlackEmulator` accepts, and the defaults that make `sre-bot demo` work with no configuration. */
import type { MessageChecker } from './message-check.js';

/** A user: a name, or a name plus how the console's user switcher describes them (e.g. "approver"). */
export type EmulatorUser = string | { name: string; realName?: string; title?: string };

/** A user group: its member ids, or members plus the handle shown for `<!subteam^S…>` mentions. */
export type EmulatorUsergroup = readonly string[] | { handle?: string; members: readonly string[] };

export type RateLimitOptions = {
  /** chat.postMessage calls per channel per second once the burst is spent (Slack: about 1). */
  perSecond?: number;
  /** Calls a channel may make back to back before enforcement starts (Slack tolerates short bursts). */
  burst?: number;
};

export type SlackEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The bot token the Web API accepts; anything else is `invalid_auth`. */
  botToken?: string;
  /** Used to sign the requests the emulator sends to the bot. */
  signingSecret?: string;
  /** The bot's `/slack/events` URL; can also be set later with `setBotUrl` (the bot usually starts second). */
  botUrl?: string;
  users?: Record<string, EmulatorUser>;
  usergroups?: Record<string, EmulatorUsergroup>;
  /** Channel id ⇒ name. */
  channels?: Record<string, string>;
  /** Answer 429 + Retry-After when a channel posts faster than Slack allows. Off by default; rates are always recorded. */
  rateLimit?: boolean | RateLimitOptions;
  /** Validates every posted/updated message; default: blocks/limits.ts `checkMessage`; null: no checks. */
  checkMessage?: MessageChecker | null;
  team?: { id: string; domain: string; name?: string };
  bot?: { userId?: string; botId?: string; appId?: string; name?: string };
  /** Slash commands the workspace knows; others get Slack's "not a valid command" notice. */
  commands?: readonly string[];
  /** How long Slack waits for the bot's ack before showing the user a timeout (Slack: 3 s). */
  ackTimeoutMs?: number;
  /** Time source (ms since the epoch) for ts values, rates and the call log. */
  now?: () => number;
};

export const DEFAULT_USERS: Record<string, EmulatorUser> = {
  U0ALICE: { name: 'alice', realName: 'Alice Approver', title: 'on-call SRE, can approve fixes' },
  U0BOB: { name: 'bob', realName: 'Bob Builder', title: 'developer, cannot approve' },
};

export const DEFAULT_CHANNELS: Record<string, string> = { C0INCIDENTS: 'incidents' };

export const DEFAULT_USERGROUPS: Record<string, EmulatorUsergroup> = {
  S0SREONCALL: { handle: 'sre-oncall', members: ['U0ALICE'] },
};

export const DEFAULTS = {
  host: '127.0.0.1',
  botToken: 'xoxb-emulator-token',
  signingSecret: 'emulator-signing-secret',
  team: { id: 'T0EMULATOR', domain: 'sre-bot-demo', name: 'sre-bot demo' },
  bot: { userId: 'U0SREBOT', botId: 'B0SREBOT', appId: 'A0SREBOT', name: 'sre-bot' },
  commands: ['/sre'],
  ackTimeoutMs: 3000,
  rateLimit: { perSecond: 1, burst: 3 },
} as const;
