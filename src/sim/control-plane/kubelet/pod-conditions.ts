/**
 * The conditions the kubelet writes, in the order the API shows them in 1.32: PodReadyToStartContainers,
 * Initialized, Ready, ContainersReady, then PodScheduled. `lastTransitionTime` is kept while a condition's
 * status stays the same, so a sync that changes nothing writes nothing. Other writers' conditions are kept.
 */
import type { ContainerStatus } from '../../../kube/types.js';
import type { Phase } from './pod-phase.js';

export type PodCondition = {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
};

type ExistingCondition = { type?: string; status?: string; lastTransitionTime?: string };

export type ConditionInputs = {
  sandboxReady: boolean;
  /** Init containers that have not completed successfully. */
  incompleteInit: readonly string[];
  statuses: readonly ContainerStatus[];
  phase: Phase;
  existing: readonly ExistingCondition[];
  now: string;
};

type Draft = Omit<PodCondition, 'lastProbeTime' | 'lastTransitionTime'>;

function readiness(type: 'Ready' | 'ContainersReady', inputs: ConditionInputs): Draft {
  if (inputs.phase === 'Succeeded') return { type, status: 'False', reason: 'PodCompleted' };
  if (inputs.phase === 'Failed') return { type, status: 'False', reason: 'PodFailed' };
  const unready = inputs.statuses.filter((status) => !status.ready).map((status) => status.name);
  if (unready.length === 0) return { type, status: 'True' };
  return {
    type,
    status: 'False',
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  };
}

export function podConditions(inputs: ConditionInputs): PodCondition[] {
  const drafts: Draft[] = [
    { type: 'PodReadyToStartContainers', status: inputs.sandboxReady ? 'True' : 'False' },
    inputs.incompleteInit.length === 0
      ? { type: 'Initialized', status: 'True' }
      : {
          type: 'Initialized',
          status: 'False',
          reason: 'ContainersNotInitialized',
          message: `containers with incomplete status: [${inputs.incompleteInit.join(' ')}]`,
        },
    readiness('Ready', inputs),
    readiness('ContainersReady', inputs),
    { type: 'PodScheduled', status: 'True' },
  ];
  const owned = drafts.map((draft) => draft.type);
  // Conditions of other writers (DisruptionTarget, readiness gates) stay, ahead of the kubelet's own.
  const foreign = inputs.existing.filter(
    (condition) => !owned.includes(condition.type ?? ''),
  ) as PodCondition[];
  const mine = drafts.map((draft) => {
    const previous = inputs.existing.find((condition) => condition.type === draft.type);
    const kept = previous?.status === draft.status ? previous.lastTransitionTime : undefined;
    return { ...draft, lastProbeTime: null, lastTransitionTime: kept ?? inputs.now } satisfies PodCondition;
  });
  return [...foreign, ...mine];
}
