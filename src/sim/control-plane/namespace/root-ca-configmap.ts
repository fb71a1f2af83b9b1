/**
 * The root CA publisher: every active namespace has a `kube-root-ca.crt` ConfigMap with the cluster CA bundle
 * (mounted into every pod's service-account volume), restored if deleted or edited. The sim serves plain HTTP,
 * so the bundle is a fixed placeholder certificate.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConfigMap, Namespace } from '../../../kube/types.js';
import { configMaps } from '../../resources/configmaps.js';
import { namespaces } from '../../resources/namespaces.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CONTROLLER_USERS } from '../shared/controller-users.js';

const NAME = 'kube-root-ca.crt';
const WRITE = { user: CONTROLLER_USERS.rootCaPublisher };
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the ' +
  'internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const CA_BUNDLE = [
  '-----BEGIN CERTIFICATE-----',
  'MIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhzcmUtYm90LXNp',
  'bS1zZXJ2ZXItY2FAMTAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMCMxITAf',
  'BgNVBAMMGHNyZS1ib3Qtc2ltLXNlcnZlci1jYUAxMFkwEwYHKoZIzj0CAQYIKoZIzj0D',
  'AQcDQgAEc2ltdWxhdGVkLWNsdXN0ZXItY2EtcGxhY2Vob2xkZXItbm90LWEtcmVhbC1r',
  'ZXktc3JlLWJvdC1zaW11bGF0b3KjQjBAMA4GA1UdDwEB/wQEAwICpDAPBgNVHRMBAf8E',
  'BTADAQH/MB0GA1UdDgQWBBRzaW0tY2EtcGxhY2Vob2xkZXIwCgYIKoZIzj0EAwIDSAAw',
  'RQIgc2ltdWxhdGVkLWNhLXNpZ25hdHVyZS1yAiEAc2ltdWxhdGVkLWNhLXNpZ25hdHVy',
  'ZS1z',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export function createRootCaPublisher(context: ControllerContext): Controller {
  const { api } = context;
  return {
    name: 'root-ca-cert-publisher',
    reconcile() {
      for (const namespace of api.list(namespaces, undefined).items as Namespace[]) {
        const name = namespace.metadata?.name ?? '';
        if (namespace.metadata?.deletionTimestamp) continue;
        const existing = api.find(configMaps, name, NAME) as ConfigMap | undefined;
        const annotations = { 'kubernetes.io/description': DESCRIPTION };
        const data = { 'ca.crt': CA_BUNDLE };
        if (!existing) {
          const body = {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: NAME, namespace: name, annotations },
            data,
          };
          api.create(configMaps, name, body, WRITE);
        } else if (!isDeepStrictEqual(existing.data, data)) {
          api.replace(configMaps, name, NAME, { ...structuredClone(existing), data }, WRITE);
        }
      }
    },
  };
}
