/**
 * The hook that validates every message the bot posts or updates against Slack's limits, so a message Slack
 * would refuse with `invalid_blocks` is refused here too instead of passing every test and failing in production.
 * The default is blocks/limits.ts `checkMessage` (one definition of the limits for builders and emulator);
 * callers may pass their own checker, or `null` for none.
 */
import { checkMessage } from '../../blocks/limits.js';
import type { SlackBlock } from './types.js';

export type CheckedMessage = { text?: string; blocks?: SlackBlock[]; attachments?: unknown[] };

/** Returns the violations found (any shape; see `describeViolations`), empty when the message is fine. */
export type MessageChecker = (message: CheckedMessage) => unknown;

export const slackLimitsChecker: MessageChecker = checkMessage;

/** `path: message [rule]` for blocks/limits.ts violations; strings and other shapes as best they read. */
function describeOne(violation: unknown): string {
  if (typeof violation === 'string') return violation;
  if (typeof violation === 'object' && violation !== null) {
    const record = violation as Record<string, unknown>;
    const text = [record['message'], record['reason'], record['error']].find((v) => typeof v === 'string');
    const path = record['path'];
    const where = Array.isArray(path) ? path.join('.') : path;
    const rule = typeof record['rule'] === 'string' ? ` [${record['rule']}]` : '';
    if (typeof text === 'string')
      return `${typeof where === 'string' && where ? `${where}: ` : ''}${text}${rule}`;
  }
  return JSON.stringify(violation);
}

/**
 * Normalises whatever the checker returned into readable strings: an array of violations (strings or objects
 * with a `message`), an object holding such an array, or nothing.
 */
export function describeViolations(result: unknown): string[] {
  if (result === undefined || result === null || result === true) return [];
  if (Array.isArray(result)) return result.map(describeOne);
  if (typeof result === 'object') {
    const record = result as Record<string, unknown>;
    for (const key of ['violations', 'errors', 'problems']) {
      const list = record[key];
      if (Array.isArray(list)) return list.map(describeOne);
    }
    if (record['ok'] === true || record['valid'] === true) return [];
  }
  return [describeOne(result)];
}

export function runCheck(checker: MessageChecker | undefined, message: CheckedMessage): string[] {
  if (!checker) return [];
  try {
    return describeViolations(checker(message));
  } catch (error) {
    // A checker that throws on a message is itself a finding worth surfacing, not a reason to crash the emulator.
    return [`checkMessage threw: ${error instanceof Error ? error.message : String(error)}`];
  }
}
