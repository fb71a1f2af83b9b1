/**
 * Dry run: the planned call sent with `dryRun=All`, so the API server itself runs defaulting, validation and
 * admission and returns what it would store — nothing is persisted. The result is shown as a diff.
 */
import type { ActionPlan } from '../actions/plan.js';
import type { KubePort } from '../kube/port.js';
import { displayScrubber } from './display-scrub.js';
import { isEmptyDiff, yamlDiff } from './object-diff.js';

export type DryRunResult = {
  /** Unified YAML diff of the object, live vs. as the server would store it. */
  diff: string;
  /** False when the server accepted the change but it alters nothing. */
  changes: boolean;
  after: unknown;
};

export const FIELD_MANAGER = 'sre-bot';

export async function dryRunPlan(kube: KubePort, plan: ActionPlan): Promise<DryRunResult> {
  if (plan.operation === 'delete') {
    await kube.delete('Pod', plan.namespace, plan.name, { dryRun: true, preconditions: { uid: plan.uid } });
    return {
      diff: `pod/${plan.name} would be deleted (server dry run accepted); its ReplicaSet creates a replacement`,
      changes: true,
      after: undefined,
    };
  }
  const before = await kube.get(plan.kind, plan.namespace, plan.name);
  const after = await kube.patch(
    plan.kind,
    plan.namespace,
    plan.name,
    { type: 'json', body: plan.patch },
    { dryRun: true, fieldManager: FIELD_MANAGER },
  );
  const diff = yamlDiff(
    `deployment/${plan.name}`,
    before,
    after,
    await displayScrubber(kube, plan.namespace),
  );
  return { diff, changes: !isEmptyDiff(diff), after };
}
