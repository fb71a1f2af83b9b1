/**
 * An incident: one problem on one workload, from trigger to outcome. Persisted in the store (zod-validated on
 * read), shown as one Slack root message updated in place, with every action recorded in its audit trail.
 */
import { z } from 'zod';
import { Proposal } from './proposal.js';
import { Report } from './report.js';

export const INCIDENT_STATES = [
  'open',
  'diagnosing',
  'proposed',
  'approved',
  'applying',
  'verifying',
  'resolved',
  'failed',
  'rejected',
  'undone',
  'expired',
] as const;
export const IncidentState = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentState>;

/** States in which nothing more happens to the incident (a summary is posted on entering one). */
export const FINAL_STATES: ReadonlySet<IncidentState> = new Set([
  'resolved',
  'failed',
  'rejected',
  'undone',
  'expired',
]);

export const IncidentTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), user: z.string(), channel: z.string() }),
  z.object({
    kind: z.literal('alert'),
    alertnames: z.array(z.string()),
    fingerprints: z.array(z.string()),
  }),
  z.object({ kind: z.literal('cli'), user: z.string() }),
]);
export type IncidentTrigger = z.infer<typeof IncidentTrigger>;

export const AuditEntry = z.object({
  at: z.string(),
  /** `U123` for a Slack user, `sre-bot` for the bot, `alertmanager`, `cli:<user>`. */
  actor: z.string(),
  action: z.string(),
  detail: z.string().optional(),
  /** The exact change, when the action changed the cluster (JSON patch or description). */
  patch: z.unknown().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AppliedChange = z.object({
  proposal: Proposal,
  /** One human line: what changed. */
  change: z.string(),
  /** The exact patch sent to the API server. */
  patch: z.unknown(),
  appliedAt: z.string(),
  appliedBy: z.string(),
  /** Deployment revision before and after (`deployment.kubernetes.io/revision`). */
  revisionBefore: z.string().optional(),
  revisionAfter: z.string().optional(),
  /** Id of the undo record in the store, when the change can be undone. */
  undoId: z.string().optional(),
  /** Why no undo record exists although the change is undoable (the store failed after the patch went in). */
  undoProblem: z.string().optional(),
});
export type AppliedChange = z.infer<typeof AppliedChange>;

export const Verification = z.object({
  healthy: z.boolean(),
  reason: z.string(),
  seconds: z.number().nonnegative(),
  evidence: z.array(z.string()).default([]),
});
export type Verification = z.infer<typeof Verification>;

export const Incident = z.object({
  id: z.string(),
  namespace: z.string(),
  /** The Deployment, or null for a namespace-wide diagnosis. */
  target: z.string().nullable(),
  trigger: IncidentTrigger,
  state: IncidentState,
  createdAt: z.string(),
  updatedAt: z.string(),
  report: Report.optional(),
  /** Where the incident lives in Slack: the root message, updated in place. */
  slack: z.object({ channel: z.string(), ts: z.string() }).optional(),
  approvedBy: z.string().optional(),
  rejectedBy: z.string().optional(),
  /** Who pressed Undo (or ran the undo): the card's status line names them. */
  undoneBy: z.string().optional(),
  /** The alerts' `severity` label (`critical`, `warning` …) when an alert triggered the incident. */
  severity: z.string().optional(),
  applied: AppliedChange.optional(),
  verification: Verification.optional(),
  /** Alerts grouped into this incident, by fingerprint, with their last status. */
  alerts: z.record(z.string(), z.enum(['firing', 'resolved'])).default({}),
  /**
   * A namespace-wide incident whose diagnosis is about a workload that already has its own open incident: the
   * id of that one, where the fix is decided (this card offers no buttons, so nobody decides twice).
   */
  sameAs: z.string().optional(),
  audit: z.array(AuditEntry).default([]),
});
export type Incident = z.infer<typeof Incident>;

/** The Deployment a namespace-wide incident's top proposal acts on (what its diagnosis is about), if any. */
export function proposedWorkload(incident: Pick<Incident, 'namespace' | 'report'>): string | undefined {
  const target = incident.report?.diagnosis.hasIssue ? incident.report.proposals[0]?.target : undefined;
  return target?.kind === 'Deployment' && target.namespace === incident.namespace ? target.name : undefined;
}

const TRANSITIONS: Record<IncidentState, readonly IncidentState[]> = {
  open: ['diagnosing', 'expired', 'resolved'],
  diagnosing: ['proposed', 'resolved', 'failed', 'expired'],
  proposed: ['approved', 'rejected', 'diagnosing', 'resolved', 'expired'],
  approved: ['applying', 'proposed', 'failed'],
  applying: ['verifying', 'failed', 'proposed'],
  verifying: ['resolved', 'failed'],
  resolved: ['undone'],
  failed: ['undone', 'diagnosing'],
  rejected: [],
  undone: [],
  expired: [],
};

export function canTransition(from: IncidentState, to: IncidentState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: IncidentState,
    readonly to: IncidentState,
  ) {
    super(`incident cannot go from ${from} to ${to}`);
  }
}

/** A new incident value in state `to` with an audit entry; throws on a transition the state machine forbids. */
export function transition(
  incident: Incident,
  to: IncidentState,
  entry: { actor: string; action: string; detail?: string; patch?: unknown },
  now: Date,
): Incident {
  if (incident.state !== to && !canTransition(incident.state, to))
    throw new InvalidTransitionError(incident.state, to);
  const at = now.toISOString();
  return { ...incident, state: to, updatedAt: at, audit: [...incident.audit, { at, ...entry }] };
}
