/**
 * The service account controller: every active namespace has a `default` ServiceAccount (pods without
 * `serviceAccountName` run as it), re-created if deleted.
 */
import type { Namespace } from '../../../kube/types.js';
import { namespaces } from '../../resources/namespaces.js';
import { serviceAccounts } from '../../resources/serviceaccounts.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';

export function createServiceAccountController(context: ControllerContext): Controller {
  const { api } = context;
  return {
    name: 'service-account-controller',
    reconcile() {
      for (const namespace of api.list(namespaces, undefined).items as Namespace[]) {
        const name = namespace.metadata?.name ?? '';
        if (namespace.metadata?.deletionTimestamp || api.find(serviceAccounts, name, 'default')) continue;
        const account = {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace: name },
        };
        api.create(serviceAccounts, name, account, { user: CONTROLLER_USERS.serviceAccount });
      }
    },
  };
}
