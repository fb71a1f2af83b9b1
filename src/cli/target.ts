/** `NAMESPACE[/DEPLOYMENT]` as the commands take it. */
import { isNamespaceName, isObjectName } from '../kube/names.js';
import { CliError } from './command.js';

export type Target = { namespace: string; deployment: string | undefined };

/** The command's one positional argument as a target; anything after it is a usage error, not ignored. */
export function parseTarget(positionals: readonly string[]): Target {
  const [text, ...extra] = positionals;
  if (extra.length > 0)
    throw new CliError(`unexpected argument "${extra[0]}" (one NAMESPACE[/DEPLOYMENT] only)`);
  if (!text) throw new CliError('missing NAMESPACE[/DEPLOYMENT]');
  const [namespace, deployment, ...rest] = text.split('/');
  if (
    !namespace ||
    !isNamespaceName(namespace) ||
    rest.length > 0 ||
    (deployment !== undefined && !isObjectName(deployment))
  ) {
    throw new CliError(`"${text}" is not NAMESPACE or NAMESPACE/DEPLOYMENT (lower-case Kubernetes names)`);
  }
  return { namespace, deployment: deployment || undefined };
}
