import { z } from 'zod';
import { defineAction, type ActionDefinition } from './action.js';
import { deploymentPatch, locateContainer, pointer, requireDeployment, setField } from './plan.js';
import { EnvVarName, ObjectName } from './schemas.js';

const KeyRef = z.object({ name: ObjectName, key: z.string().min(1).max(253) }).strict();

export const SetEnvParams = z
  .object({
    name: EnvVarName,
    value: z.string().max(4096).optional(),
    valueFrom: z
      .union([z.object({ configMapKeyRef: KeyRef }).strict(), z.object({ secretKeyRef: KeyRef }).strict()])
      .optional(),
  })
  .strict()
  .refine((params) => (params.value === undefined) !== (params.valueFrom === undefined), {
    message: 'exactly one of value or valueFrom is required',
  });
export type SetEnvParams = z.infer<typeof SetEnvParams>;

/** Sets (adds or replaces) one environment variable of one container. */
export const setEnv: ActionDefinition<SetEnvParams> = defineAction<SetEnvParams>({
  kind: 'set_env',
  targets: ['Deployment'],
  needsContainer: true,
  params: SetEnvParams,
  // A new variable only adds configuration; a literal value may be wrong, a reference to existing data less so.
  risk: (params) => (params.valueFrom ? 'low' : 'medium'),
  describe: (target, params) => {
    const source = params.valueFrom
      ? 'configMapKeyRef' in params.valueFrom
        ? `from ConfigMap ${params.valueFrom.configMapKeyRef.name} key ${params.valueFrom.configMapKeyRef.key}`
        : `from Secret ${params.valueFrom.secretKeyRef.name} key ${params.valueFrom.secretKeyRef.key}`
      : 'to a literal value';
    return `set env ${params.name} ${source} on deployment/${target.name} container ${target.container ?? '?'}`;
  },
  plan: (params, context) => {
    const deployment = requireDeployment(context);
    const { container, index } = locateContainer(deployment, context.target.container);
    const variable = params.valueFrom
      ? { name: params.name, valueFrom: params.valueFrom }
      : { name: params.name, value: params.value };
    const env = container.env ?? [];
    const existing = env.findIndex((entry) => entry.name === params.name);
    const next =
      existing === -1 ? [...env, variable] : env.map((entry, i) => (i === existing ? variable : entry));
    const edit = setField(
      pointer('spec', 'template', 'spec', 'containers', index, 'env'),
      container.env,
      next,
    );
    return deploymentPatch(
      context,
      { ...edit, containerIndex: index },
      setEnv.describe(context.target, params),
    );
  },
});
