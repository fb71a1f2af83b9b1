/**
 * A minimal real Bolt 5 app (HTTPReceiver, real signature checks) wired to the emulator, with just enough
 * behaviour to exercise every path Slack offers a bot: ack bodies, say, respond (ephemeral, in_channel,
 * replace_original, delete_original), chat.postMessage in a thread, chat.update. It records what it received
 * so tests can check payload shapes from the bot's side.
 */
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type ButtonAction,
  type Logger,
  LogLevel,
  type SlashCommand,
} from '@slack/bolt';
import type { KnownBlock } from '@slack/web-api';
import { silentLogger } from './clients.js';

export type TinyBoltApp = {
  /** The app's /slack/events URL. */
  eventsUrl: string;
  commands: SlashCommand[];
  actions: BlockAction<ButtonAction>[];
  stop(): Promise<void>;
};

const APPROVERS = new Set(['U0ALICE']);

export function incidentBlocks(namespace: string): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: `🔥 ${namespace} is crash-looping` } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Root cause:* `REQUIRED_CONFIG` is not set' },
      fields: [
        { type: 'mrkdwn', text: `*Namespace:*\n${namespace}` },
        { type: 'mrkdwn', text: '*Confidence:*\n90%' },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Paging <!subteam^S0SREONCALL>' }] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'proposal-1-v1',
      elements: [
        {
          type: 'button',
          action_id: 'proposal_approve',
          text: { type: 'plain_text', text: 'Approve: set REQUIRED_CONFIG' },
          style: 'primary',
          value: 'proposal-1',
          confirm: {
            title: { type: 'plain_text', text: 'Apply this fix?' },
            text: { type: 'mrkdwn', text: 'This changes deployment *payments*.' },
            confirm: { type: 'plain_text', text: 'Apply' },
            deny: { type: 'plain_text', text: 'Not now' },
            style: 'danger',
          },
        },
        {
          type: 'button',
          action_id: 'proposal_dryrun',
          text: { type: 'plain_text', text: 'Dry run' },
          value: 'proposal-1',
        },
        {
          type: 'button',
          action_id: 'proposal_reject',
          text: { type: 'plain_text', text: 'Reject' },
          style: 'danger',
          value: 'proposal-1',
        },
      ],
    },
  ];
}

const HELP_BLOCKS: KnownBlock[] = [
  {
    type: 'section',
    text: { type: 'mrkdwn', text: '*sre-bot help*\n`/sre diagnose NAMESPACE` finds what is broken.' },
  },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'help_post_incident',
        text: { type: 'plain_text', text: 'Post a test incident' },
        value: 'payments',
      },
    ],
  },
];

function boltLogger(): Logger {
  // Bolt logs every refused signature at ERROR; the tests provoke those on purpose.
  return silentLogger;
}

export async function startTinyBoltApp(emulator: {
  apiUrl: string;
  botToken: string;
  signingSecret: string;
}): Promise<TinyBoltApp> {
  const commands: SlashCommand[] = [];
  const actions: BlockAction<ButtonAction>[] = [];
  const app = new App({
    token: emulator.botToken,
    signingSecret: emulator.signingSecret,
    // Both set: Bolt skips its auth.test call at start-up.
    botId: 'B0SREBOT',
    botUserId: 'U0SREBOT',
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
    logger: boltLogger(),
    logLevel: LogLevel.ERROR,
  });

  app.command('/sre', async ({ command, ack, respond, say, client }) => {
    commands.push(command);
    const [verb = 'help', namespace = 'default'] = command.text.trim().split(/\s+/);
    if (verb === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await ack();
      return;
    }
    if (verb === 'diagnose') {
      await ack({ response_type: 'ephemeral', text: `Diagnosing ${namespace}…` });
      const root = await say({
        text: `${namespace}: crash loop, approval needed`,
        blocks: incidentBlocks(namespace),
      });
      await client.chat.postMessage({
        channel: command.channel_id,
        thread_ts: root.ts!,
        text: 'Evidence: exit code 1',
      });
      await respond({ response_type: 'ephemeral', text: 'Posted the diagnosis.' });
      return;
    }
    if (verb === 'announce') {
      await ack();
      await respond({ response_type: 'in_channel', text: `<@${command.user_id}> asked for a status check` });
      return;
    }
    await ack();
    await respond({ response_type: 'ephemeral', text: 'sre-bot help', blocks: HELP_BLOCKS });
  });

  app.action<BlockAction<ButtonAction>>('help_post_incident', async ({ body, ack, client, respond }) => {
    actions.push(body);
    await ack();
    await client.chat.postMessage({
      channel: body.channel!.id,
      text: `${body.actions[0]!.value}: crash loop, approval needed`,
      blocks: incidentBlocks(body.actions[0]!.value ?? 'payments'),
    });
    await respond({ replace_original: true, text: 'Posted a test incident.' });
  });

  app.action<BlockAction<ButtonAction>>('proposal_approve', async ({ body, ack, respond, client }) => {
    actions.push(body);
    await ack();
    if (!APPROVERS.has(body.user.id)) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Only approvers can approve.',
      });
      return;
    }
    const kept =
      (body.message?.['blocks'] as KnownBlock[] | undefined)?.filter((b) => b.type !== 'actions') ?? [];
    await respond({
      replace_original: true,
      text: `Approved by <@${body.user.id}>`,
      blocks: [
        ...kept,
        { type: 'context', elements: [{ type: 'mrkdwn', text: `✅ Approved by <@${body.user.id}>` }] },
      ],
    });
    await client.chat.postMessage({
      channel: body.channel!.id,
      thread_ts: body.message!.ts,
      text: 'Applied and verified',
      reply_broadcast: true,
    });
  });

  app.action<BlockAction<ButtonAction>>('proposal_dryrun', async ({ body, ack, client }) => {
    actions.push(body);
    await ack();
    const blocks = (body.message?.['blocks'] as KnownBlock[] | undefined) ?? [];
    await client.chat.update({
      channel: body.channel!.id,
      ts: body.message!.ts,
      text: 'dry run ok',
      blocks: [
        ...blocks,
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Dry run: the server accepted it' }] },
      ],
    });
  });

  app.action<BlockAction<ButtonAction>>('proposal_reject', async ({ body, ack, respond }) => {
    actions.push(body);
    await ack();
    await respond({ delete_original: true });
  });

  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    commands,
    actions,
    stop: () => app.stop().then(() => undefined),
  };
}
