/**
 * Who may approve, against the Slack emulator through the real Web API adapter: listed users, members of listed
 * user groups (usergroups.users.list, cached for five minutes on an injected clock), a group that cannot be read,
 * and unset approvers refusing everyone with a message that says how to set SRE_APPROVERS.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { startSlackEmulator, type SlackEmulator } from '../../src/slack-emulator/index.js';
import { createApproverCheck } from '../../src/slack/approvers.js';
import type { ChatPort } from '../../src/slack/chat-port.js';
import { createWebApiChat } from '../../src/slack/web-api-chat.js';

let slack: SlackEmulator;
let chat: ChatPort;

beforeAll(async () => {
  slack = await startSlackEmulator({
    users: { U0ALICE: 'alice', U0BOB: 'bob', U0CAROL: 'carol', U0DAVE: 'dave' },
    usergroups: { S0SRE: ['U0CAROL'], S0DBA: ['U0DAVE'] },
  });
  chat = createWebApiChat(
    new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }),
  );
});

afterAll(async () => {
  await slack?.stop();
});

beforeEach(() => {
  slack.reset();
  slack.workspace.usergroups.get('S0SRE')!.members.splice(0, Infinity, 'U0CAROL');
});

/** A clock the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2025-01-10T10:00:00Z');
  return {
    now: () => new Date(now),
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const groupLookups = () => slack.calls('usergroups.users.list').length;

describe('createApproverCheck', () => {
  it.each([undefined, { users: [], groups: [] }])(
    'approvers %j: everyone is refused, with how to set them',
    async (approvers) => {
      const check = createApproverCheck(approvers, chat, manualClock());
      for (const user of ['U0ALICE', 'U0BOB']) {
        const decision = await check(user);
        expect(decision.allowed).toBe(false);
        if (!decision.allowed)
          expect(decision.reason).toMatch(/No approvers are configured.*Set SRE_APPROVERS to a comma list/);
      }
      expect(groupLookups()).toBe(0);
    },
  );

  it.each<[string, boolean, string | undefined]>([
    ['U0ALICE', true, 'SRE_APPROVERS'],
    ['U0CAROL', true, 'user group S0SRE'],
    ['U0BOB', false, undefined],
    ['U0DAVE', false, undefined],
  ])('%s allowed: %s', async (user, allowed, via) => {
    const check = createApproverCheck({ users: ['U0ALICE'], groups: ['S0SRE'] }, chat, manualClock());
    const decision = await check(user);
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(decision.via).toBe(via);
    else
      expect(decision.reason).toBe(
        'Only approvers may do this (<@U0ALICE>, <!subteam^S0SRE>). Ask one of them, or have SRE_APPROVERS changed.',
      );
  });

  it('a listed user needs no group lookup', async () => {
    const check = createApproverCheck({ users: ['U0ALICE'], groups: ['S0SRE'] }, chat, manualClock());
    expect((await check('U0ALICE')).allowed).toBe(true);
    expect(groupLookups()).toBe(0);
  });

  it('caches group membership for five minutes of the injected clock', async () => {
    const clock = manualClock();
    const check = createApproverCheck({ users: [], groups: ['S0SRE'] }, chat, clock);
    expect((await check('U0CAROL')).allowed).toBe(true);
    expect((await check('U0BOB')).allowed).toBe(false);
    expect(groupLookups()).toBe(1);

    // Bob joins the group in Slack; within the cache period the bot still answers from its cache.
    slack.workspace.usergroups.get('S0SRE')!.members.push('U0BOB');
    clock.advance(4 * 60_000 + 59_000);
    expect((await check('U0BOB')).allowed).toBe(false);
    expect(groupLookups()).toBe(1);

    clock.advance(2_000);
    expect((await check('U0BOB')).allowed).toBe(true);
    expect(groupLookups()).toBe(2);
  });

  it('a group that cannot be read grants nothing, the others still do, and the failure is not cached', async () => {
    const check = createApproverCheck({ users: [], groups: ['S0SRE', 'S0DBA'] }, chat, manualClock());
    slack.failNext({ method: 'usergroups.users.list', error: 'missing_scope' });
    // S0SRE fails: Carol is not let in by it, but Dave is by S0DBA.
    expect((await check('U0CAROL')).allowed).toBe(false);
    expect(await check('U0DAVE')).toEqual({ allowed: true, via: 'user group S0DBA' });
    // The next check reads S0SRE again.
    expect(await check('U0CAROL')).toEqual({ allowed: true, via: 'user group S0SRE' });
    expect(slack.calls('usergroups.users.list').map((call) => [call.args.usergroup, call.ok])).toEqual([
      ['S0SRE', false],
      ['S0DBA', true],
      ['S0SRE', true],
    ]);
  });
});
