/** `NAMESPACE[/DEPLOYMENT]` as the commands take it. */
import { CliError } from './command.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type Target = { namespace: string; deployment: string | undefined };

export function parseTarget(text: string | undefined): Target {
  if (!text) throw new CliError('missing NAMESPACE[/DEPLOYMENT]');
  const [namespace, deployment, ...rest] = text.split('/');
  if (
    !namespace ||
    !NAME.test(namespace) ||
    rest.length > 0 ||
    (deployment !== undefined && !NAME.test(deployment))
  ) {
    throw new CliError(`"${text}" is not NAMESPACE or NAMESPACE/DEPLOYMENT (lower-case Kubernetes names)`);
  }
  return { namespace, deployment: deployment || undefined };
}
