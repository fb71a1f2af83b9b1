/** Builders for proposal drafts, so every analyzer targets objects and spells params the same way. */
import type { ProposalDraft, ProposalTarget } from '../../domain/proposal.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Revision } from './revisions.js';

export function deploymentTarget(snapshot: Snapshot, name: string, container?: string): ProposalTarget {
  return container === undefined
    ? { kind: 'Deployment', namespace: snapshot.namespace, name }
    : { kind: 'Deployment', namespace: snapshot.namespace, name, container };
}

/** The object a manual instruction is about: the Deployment when known, else the pod, else the namespace. */
export function manualTarget(snapshot: Snapshot, workload: string | undefined, pod?: string): ProposalTarget {
  if (workload !== undefined) return deploymentTarget(snapshot, workload);
  if (pod !== undefined) return { kind: 'Pod', namespace: snapshot.namespace, name: pod };
  return { kind: 'Namespace', namespace: snapshot.namespace, name: snapshot.namespace };
}

export function rollbackDraft(
  snapshot: Snapshot,
  workload: string,
  to: Revision,
  rationale: string,
): ProposalDraft {
  return {
    action: 'rollback',
    target: deploymentTarget(snapshot, workload),
    params: { toRevision: to.number },
    rationale,
  };
}

export function manualDraft(
  target: ProposalTarget,
  instruction: string,
  commands: readonly string[],
  rationale: string,
): ProposalDraft {
  const params = commands.length > 0 ? { instruction, commands: commands.slice(0, 5) } : { instruction };
  return { action: 'manual', target, params, rationale };
}

/** `kubectl -n payments` — every command we print names the namespace explicitly. */
export function kubectl(snapshot: Snapshot, rest: string): string {
  return `kubectl -n ${snapshot.namespace} ${rest}`;
}
