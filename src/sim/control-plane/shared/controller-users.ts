/**
 * The identities the control-plane components write as (kube-controller-manager runs each controller under its
 * own service account), so managedFields and any 403 message name the right user.
 */
const controllerUser = (name: string): string => `system:serviceaccount:kube-system:${name}`;

export const CONTROLLER_USERS = {
  deployment: controllerUser('deployment-controller'),
  replicaSet: controllerUser('replicaset-controller'),
  endpoints: controllerUser('endpoint-controller'),
  garbageCollector: controllerUser('generic-garbage-collector'),
  namespace: controllerUser('namespace-controller'),
  serviceAccount: controllerUser('service-account-controller'),
  rootCaPublisher: controllerUser('root-ca-cert-publisher'),
  persistentVolume: controllerUser('persistent-volume-binder'),
  resourceQuota: controllerUser('resourcequota-controller'),
  eventTtl: 'system:apiserver',
} as const;
