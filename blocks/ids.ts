/**
 * action_id and block_id values shared by the builders and the Slack listeners: a listener registers
 * `app.action(ACTION_IDS.approve, …)` with the very constant the card was built with.
 */
import type { Incident } from '../src/domain/incident.js';

/** Noun-verb action ids, one per button kind. */
export const ACTION_IDS = {
  approve: 'proposal-approve',
  reject: 'proposal-reject',
  dryRun: 'proposal-dry-run',
  undo: 'change-undo',
} as const;
export type ActionIdName = keyof typeof ACTION_IDS;
export type ActionId = (typeof ACTION_IDS)[ActionIdName];

/** Button labels (SPEC §5: users and outside checks rely on these prefixes). */
export const BUTTON_LABELS = {
  approve: 'Approve',
  reject: 'Reject',
  dryRun: 'Dry run',
  undo: 'Undo',
} as const satisfies Record<ActionIdName, string>;

/**
 * The iteration of an incident's root message. Slack wants a new block_id each time a message is updated, and
 * the listener compares the clicked block's revision with the current one to refuse a stale button. The audit
 * trail gains an entry on every change of state, so its length is a revision that is stable for a given state.
 */
export function incidentRevision(incident: Pick<Incident, 'audit'>): number {
  return incident.audit.length;
}

/** Blocks of the root card whose id carries the revision. */
export const BLOCK_KINDS = ['proposal-actions', 'change-actions', 'incident-status'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export function blockId(kind: BlockKind, revision: number): string {
  return `${kind}-r${revision}`;
}

/** The kind and revision of a block_id made by `blockId`, or undefined for any other string. */
export function parseBlockId(value: string): { kind: BlockKind; revision: number } | undefined {
  const match = /^([a-z-]+)-r(\d{1,9})$/.exec(value);
  const kind = BLOCK_KINDS.find((candidate) => candidate === match?.[1]);
  if (!match?.[2] || !kind) return undefined;
  return { kind, revision: Number(match[2]) };
}
