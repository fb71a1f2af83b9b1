import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, PlanError, pointer, requireDeployment, setField } from './plan.js';

const REVISION = 'deployment.kubernetes.io/revision';

export const RollbackParams = z.object({ toRevision: z.number().int().min(1) }).strict();
export type RollbackParams = z.infer<typeof RollbackParams>;

/** Rolls a Deployment back to an earlier revision's pod template (what `kubectl rollout undo --to-revision` does). */
export const rollback: ActionDefinition<RollbackParams> = defineAction<RollbackParams>({
  kind: 'rollback',
  targets: ['Deployment'],
  needsContainer: false,
  params: RollbackParams,
  risk: () => 'medium',
  describe: (target, params) => `roll back deployment/${target.name} to revision ${params.toRevision}`,
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const owned = (context.replicaSets ?? []).filter((rs) =>
      rs.metadata?.ownerReferences?.some(
        (owner) => owner.controller && owner.uid === deployment.metadata?.uid,
      ),
    );
    const source = owned.find((rs) => rs.metadata?.annotations?.[REVISION] === String(params.toRevision));
    if (!source?.spec?.template) {
      const known = owned
        .map((rs) => rs.metadata?.annotations?.[REVISION])
        .filter(Boolean)
        .join(', ');
      throw new PlanError(
        `revision ${params.toRevision} of deployment ${deployment.metadata?.name} not found (revisions: ${known || 'none'})`,
      );
    }
    // As `kubectl rollout undo`: the ReplicaSet's template without the pod-template-hash label it was given.
    const template = structuredClone(source.spec.template);
    if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
    const edit = setField(pointer('spec', 'template'), deployment.spec?.template, template);
    return deploymentPatch(context, edit, rollback.describe(context.target, params));
  },
});
