/** `sre-bot undo NAMESPACE/DEPLOYMENT`: restores exactly what the last sre-bot fix on it changed. */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Config } from '../../config.js';
import { createServices, holderIdentity, remediationDeps } from '../../app/services.js';
import { silentLogger } from '../../log.js';
import { undoChange } from '../../remediate/undo-change.js';
import { CliError, parseOptions } from '../command.js';
import { configFromFlags, KUBE_OPTIONS } from '../kube-options.js';
import { parseTarget } from '../target.js';

const HELP = `usage: sre-bot undo NAMESPACE/DEPLOYMENT [--json] [--kubeconfig PATH] [--context C]

Restores exactly the fields the last sre-bot fix on the deployment changed. Refuses when the deployment
was changed since (it never overwrites someone else's change).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, KUBE_OPTIONS);
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const target = parseTarget(positionals);
  if (!target.deployment) throw new CliError('undo needs NAMESPACE/DEPLOYMENT');
  const config = configFromFlags(values);
  const services = createServices(config, { logger: silentLogger() });
  try {
    const deps = await remediationDeps(services, holderIdentity(`cli-${process.pid}`));
    const outcome = await undoChange(deps, {
      namespace: target.namespace,
      deployment: target.deployment,
      actor: `cli:${userInfo().username}`,
    });
    if (values.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    else if (outcome.status === 'undone') {
      process.stdout.write(
        `Undone: ${outcome.record.description} (applied ${outcome.record.appliedAt} by ${outcome.record.appliedBy})\n`,
      );
    } else {
      // Undo reads the record the fix wrote: run from elsewhere (or with another STORE_URL) it finds none.
      const where = outcome.reason === 'nothing_to_undo' ? ` (looked in ${describeStore(config.store)})` : '';
      process.stdout.write(`Not undone: ${outcome.message}${where}\n`);
    }
    return outcome.status === 'undone' ? 0 : 1;
  } finally {
    await services.close();
  }
}

function describeStore(store: Config['store']): string {
  switch (store.kind) {
    case 'sqlite':
      return `${resolve(store.path)}, from STORE_URL=sqlite://${store.path}`;
    case 'redis':
      return 'the Redis store of STORE_URL';
    case 'memory':
      return 'an in-memory store (STORE_URL=memory://), which forgets every fix when the process ends';
  }
}
