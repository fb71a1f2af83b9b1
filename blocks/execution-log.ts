/**
 * The execution log, posted in the thread when a fix is approved and updated in place as it progresses: one line
 * per step, so the thread shows exactly what the bot did on the approver's behalf (Botkube's "… by @user").
 */
import type { Proposal } from '../src/domain/proposal.js';
import { maskSensitiveEnv } from '../src/observe/redact.js';
import { message, section, type SlackMessage } from './message.js';
import { escapeAndClip, escapeMrkdwn, inlineCode, mention } from './mrkdwn.js';
import { changeCode, describeProposal, targetLabel } from './proposal-text.js';
import { clockTime } from './time.js';

export type ExecutionStep =
  /** The workload lease that keeps two replicas (or two approvals) from changing the workload at once. */
  | { kind: 'lease'; at: string; holder: string; seconds: number }
  /** The target re-read just before applying; `stale` says why the proposal was refused, if it was. */
  | { kind: 're-read'; at: string; generation?: number; revision?: string; stale?: string }
  /** The exact JSON patch sent to the API server. */
  | { kind: 'patch'; at: string; patch: unknown }
  | { kind: 'rollout'; at: string; updated: number; ready: number; desired: number; message?: string }
  | { kind: 'note'; at: string; text: string };

export type ExecutionLogInput = {
  proposal: Proposal;
  approvedBy: string;
  steps: readonly ExecutionStep[];
};

/** Rollout progress lines kept: the first and the latest ones (a slow rollout reports many times). */
const ROLLOUT_LINES_KEPT = 8;
const PATCH_CHARACTERS = 1200;

export function buildExecutionLog(input: ExecutionLogInput): SlackMessage {
  const { proposal } = input;
  const title = `⚙️ *Execution log* (times UTC)  ·  ${changeCode(proposal, 600)}  ·  approved by ${mention(input.approvedBy)}`;
  const lines = boundRollout(input.steps).map((step) =>
    typeof step === 'string' ? step : `${inlineCode(clockTime(step.at))} ${stepText(step, proposal)}`,
  );
  const body = lines.length > 0 ? lines.join('\n') : '_No step yet._';
  return message(`Execution log: ${escapeAndClip(describeProposal(proposal), 200)}`, [
    section(title),
    section(body),
  ]);
}

function stepText(step: ExecutionStep, proposal: Proposal): string {
  const target = escapeMrkdwn(targetLabel({ ...proposal.target, container: undefined }));
  switch (step.kind) {
    case 'lease':
      return `🔒 lease taken on ${target} (holder ${escapeAndClip(step.holder, 80)}, ${step.seconds}s)`;
    case 're-read': {
      const seen = [
        step.generation !== undefined ? `generation ${step.generation}` : '',
        step.revision ? `revision ${escapeMrkdwn(step.revision)}` : '',
      ].filter(Boolean);
      const state = seen.length > 0 ? `: ${seen.join(', ')}` : '';
      return step.stale
        ? `🛑 re-read ${target}${state} — stale, refused: ${escapeAndClip(step.stale, 300)}`
        : `🔎 re-read ${target}${state} — unchanged since the diagnosis`;
    }
    case 'patch':
      // The patch may carry a whole env list: sensitive literal values are masked (the cluster has the real ones).
      return `✏️ applied JSON patch ${inlineCode(compactJson(maskSensitiveEnv(step.patch)), PATCH_CHARACTERS)}`;
    case 'rollout': {
      const note = step.message ? ` — ${escapeAndClip(step.message, 200)}` : '';
      return `🚀 rollout: ${step.updated}/${step.desired} updated, ${step.ready}/${step.desired} ready${note}`;
    }
    case 'note':
      return `• ${escapeAndClip(step.text, 400)}`;
  }
}

/** Keeps the first rollout line and the latest ones, with a line counting those in between. */
function boundRollout(steps: readonly ExecutionStep[]): (ExecutionStep | string)[] {
  const rollout = steps.filter((step) => step.kind === 'rollout');
  if (rollout.length <= ROLLOUT_LINES_KEPT) return [...steps];
  const first = rollout[0];
  const latest = new Set(rollout.slice(-(ROLLOUT_LINES_KEPT - 1)));
  const result: (ExecutionStep | string)[] = [];
  let hiddenNoted = false;
  for (const step of steps) {
    if (step.kind !== 'rollout' || step === first || latest.has(step)) result.push(step);
    else if (!hiddenNoted) {
      result.push(`… ${rollout.length - ROLLOUT_LINES_KEPT} more rollout updates`);
      hiddenNoted = true;
    }
  }
  return result;
}

function compactJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
