/** `/sre …`: ack at once (always inside Slack's 3 s), then diagnose; errors come back privately. */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { buildHelp } from '../../../blocks/help.js';
import { planCommand } from '../../incidents/command-flow.js';
import type { IncidentDeps } from '../../incidents/incident-deps.js';
import { SlashCommandPayload } from '../payloads.js';
import type { WorkTracker } from '../work-tracker.js';

export function sreCommand(deps: IncidentDeps, tracker: WorkTracker, help: Parameters<typeof buildHelp>[0]) {
  return async ({ ack, body, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const parsed = SlashCommandPayload.safeParse(body);
    if (!parsed.success) {
      await ack({
        response_type: 'ephemeral',
        text: 'sre-bot could not read this command (unexpected payload).',
      });
      return;
    }
    const plan = planCommand(
      deps,
      { user: parsed.data.user_id, channel: parsed.data.channel_id, text: parsed.data.text },
      help,
    );
    await ack({ response_type: 'ephemeral', text: plan.ack.text, blocks: plan.ack.blocks });
    const work = plan.work;
    if (!work) return;
    tracker.run('sre command', async () => {
      const reply = await work();
      if (reply)
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: reply.text,
          blocks: reply.blocks,
        });
    });
  };
}
