/**
 * The fix catalog. Adding an action kind is one file in this folder, one test, and one line here.
 */
import type { ActionKind } from '../domain/categories.js';
import type { ActionDefinition } from './action.js';
import { deletePod } from './delete-pod.js';
import { manual } from './manual.js';
import { restart } from './restart.js';
import { rollback } from './rollback.js';
import { scale } from './scale.js';
import { setEnv } from './set-env.js';
import { setImage } from './set-image.js';
import { setProbe } from './set-probe.js';
import { setResources } from './set-resources.js';

export const actions = [
  setEnv,
  setResources,
  setProbe,
  setImage,
  rollback,
  restart,
  scale,
  deletePod,
  manual,
] as const satisfies readonly ActionDefinition[];

export function actionFor(kind: ActionKind): ActionDefinition {
  const found = actions.find((action) => action.kind === kind);
  if (!found) throw new Error(`no action definition for ${kind}`);
  return found;
}
