import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, locateContainer, pointer, requireDeployment, setField } from './plan.js';

export const SetImageParams = z
  .object({
    image: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, 'must be an image reference'),
  })
  .strict();
export type SetImageParams = z.infer<typeof SetImageParams>;

/** Changes one container's image. Validation elsewhere only accepts images seen in the revision history. */
export const setImage: ActionDefinition<SetImageParams> = defineAction<SetImageParams>({
  kind: 'set_image',
  targets: ['Deployment'],
  needsContainer: true,
  params: SetImageParams,
  risk: () => 'medium',
  describe: (target, params) =>
    `set image of deployment/${target.name} container ${target.container ?? '?'} to ${params.image}`,
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const { container, index } = locateContainer(deployment, context.target.container);
    const edit = setField(
      pointer('spec', 'template', 'spec', 'containers', index, 'image'),
      container.image,
      params.image,
    );
    return deploymentPatch(
      context,
      { ...edit, containerIndex: index },
      setImage.describe(context.target, params),
    );
  },
});
