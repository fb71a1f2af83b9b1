/**
 * The resource quota controller: keeps each ResourceQuota's `status.hard` (its spec, printed canonically) and
 * `status.used` (the namespace's current usage of every resource it limits) up to date, which is what
 * `kubectl describe quota` shows.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ResourceQuota } from '../../../kube/types.js';
import { resourceQuotas } from '../../resources/resourcequotas.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';
import { formatAmount, parseAmount, ZERO } from './amounts.js';
import { namespaceUsage } from './usage.js';

const sortedByName = <T>(entries: [string, T][]): [string, T][] =>
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export function createResourceQuotaController(context: ControllerContext): Controller {
  const { api } = context;
  return {
    name: 'resourcequota-controller',
    reconcile() {
      for (const quota of api.list(resourceQuotas, undefined).items as ResourceQuota[]) {
        const hardEntries = sortedByName(Object.entries(quota.spec?.hard ?? {}));
        const names = new Set(hardEntries.map(([name]) => name));
        const used = namespaceUsage(api.store, quota.metadata?.namespace ?? '', names);
        const status = {
          hard: Object.fromEntries(
            hardEntries.map(([name, text]) => [name, formatAmount(parseAmount(text) ?? ZERO)]),
          ),
          used: Object.fromEntries(hardEntries.map(([name]) => [name, formatAmount(used.get(name) ?? ZERO)])),
        };
        if (isDeepStrictEqual(quota.status ?? {}, status)) continue;
        api.replace(
          resourceQuotas,
          quota.metadata?.namespace,
          quota.metadata?.name ?? '',
          { ...structuredClone(quota), status },
          { user: CONTROLLER_USERS.resourceQuota },
          'status',
        );
      }
    },
  };
}
