/** `NAMESPACE[/DEPLOYMENT]` as the commands take it. */
import { isNamespaceName, isObjectName } from '../kube/names.js';
import { CliError } from './command.js';

export type Target = { namespace: string; deployment: string | undefined };

export function parseTarget(text: string | undefined): Target {
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
