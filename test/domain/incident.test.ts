/**
 * The incident state machine: every allowed transition (and only those) from every state, audit entries on each
 * transition, immutability, the final states, and the schema's defaults and refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  FINAL_STATES,
  Incident,
  INCIDENT_STATES,
  InvalidTransitionError,
  transition,
  type IncidentState,
} from '../../src/domain/incident.js';

/** The lifecycle (SPEC §5): diagnose ⇒ propose ⇒ approve ⇒ apply ⇒ verify, with the ways out of each step. */
const ALLOWED: Record<IncidentState, IncidentState[]> = {
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

const PAIRS = INCIDENT_STATES.flatMap((from) =>
  INCIDENT_STATES.filter((to) => to !== from).map((to) => [from, to, ALLOWED[from].includes(to)] as const),
);

function incident(state: IncidentState): Incident {
  return Incident.parse({
    id: 'inc-20250110-1000-k3x9',
    namespace: 'payments',
    target: 'payments',
    trigger: { kind: 'command', user: 'U0ALICE', channel: 'C0INCIDENTS' },
    state,
    createdAt: '2025-01-10T10:00:00.000Z',
    updatedAt: '2025-01-10T10:00:00.000Z',
    audit: [{ at: '2025-01-10T10:00:00.000Z', actor: 'U0ALICE', action: 'opened' }],
  });
}

const LATER = new Date('2025-01-10T10:05:00.000Z');

describe('canTransition', () => {
  it.each(PAIRS)('%s → %s: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('transition', () => {
  it.each(PAIRS.filter(([, , allowed]) => allowed))('%s → %s records who did what, and when', (from, to) => {
    const before = incident(from);
    const after = transition(
      before,
      to,
      { actor: 'U0ALICE', action: `moved to ${to}`, detail: 'because' },
      LATER,
    );
    expect(after.state).toBe(to);
    expect(after.updatedAt).toBe(LATER.toISOString());
    expect(after.audit).toEqual([
      ...before.audit,
      { at: LATER.toISOString(), actor: 'U0ALICE', action: `moved to ${to}`, detail: 'because' },
    ]);
    // A new value: the incident it came from is unchanged.
    expect(before.state).toBe(from);
    expect(before.audit).toHaveLength(1);
  });

  it.each(PAIRS.filter(([, , allowed]) => !allowed))('%s → %s is refused', (from, to) => {
    const before = incident(from);
    let caught: unknown;
    try {
      transition(before, to, { actor: 'sre-bot', action: 'nope' }, LATER);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError);
    expect(caught).toMatchObject({ from, to, message: `incident cannot go from ${from} to ${to}` });
    expect(before.audit).toHaveLength(1);
  });

  it.each(INCIDENT_STATES)('staying in %s adds an audit entry (e.g. a refused approval)', (state) => {
    const after = transition(incident(state), state, { actor: 'U0BOB', action: 'approval refused' }, LATER);
    expect(after.state).toBe(state);
    expect(after.audit.at(-1)).toEqual({
      at: LATER.toISOString(),
      actor: 'U0BOB',
      action: 'approval refused',
    });
  });

  it('keeps the exact patch of a change in the audit trail', () => {
    const patch = [
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'A', value: '1' } },
    ];
    const after = transition(
      incident('approved'),
      'applying',
      { actor: 'sre-bot', action: 'applied set_env', patch },
      LATER,
    );
    expect(after.audit.at(-1)?.patch).toEqual(patch);
  });

  it('a whole approval, in order', () => {
    let current = incident('open');
    const steps: IncidentState[] = [
      'diagnosing',
      'proposed',
      'approved',
      'applying',
      'verifying',
      'resolved',
      'undone',
    ];
    for (const [index, state] of steps.entries())
      current = transition(
        current,
        state,
        { actor: 'sre-bot', action: state },
        new Date(LATER.getTime() + index * 1000),
      );
    expect(current.state).toBe('undone');
    expect(current.audit.map((entry) => entry.action)).toEqual(['opened', ...steps]);
  });
});

describe('final states', () => {
  it('are the ones a summary is posted for', () => {
    expect([...FINAL_STATES].sort()).toEqual(['expired', 'failed', 'rejected', 'resolved', 'undone']);
  });

  it.each(['rejected', 'undone', 'expired'] as const)('%s is the end: nothing follows', (state) => {
    for (const to of INCIDENT_STATES) if (to !== state) expect(canTransition(state, to)).toBe(false);
  });
});

describe('Incident schema', () => {
  it('defaults the alerts and the audit trail', () => {
    const parsed = Incident.parse({
      id: 'inc-1',
      namespace: 'payments',
      target: null,
      trigger: { kind: 'alert', alertnames: ['KubePodCrashLooping'], fingerprints: ['a1b2'] },
      state: 'open',
      createdAt: '2025-01-10T10:00:00.000Z',
      updatedAt: '2025-01-10T10:00:00.000Z',
    });
    expect(parsed.alerts).toEqual({});
    expect(parsed.audit).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown state', { state: 'exploded' }],
    ['an unknown trigger', { trigger: { kind: 'cron' } }],
    ['an alert status other than firing/resolved', { alerts: { a1b2: 'pending' } }],
    ['an audit entry without actor', { audit: [{ at: '2025-01-10T10:00:00Z', action: 'x' }] }],
  ])('refuses %s', (_name, change) => {
    expect(Incident.safeParse({ ...incident('open'), ...change }).success).toBe(false);
  });
});
