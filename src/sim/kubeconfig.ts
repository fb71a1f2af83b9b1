/**
 * A kubeconfig for the simulated cluster that both clients accept: plain HTTP needs
 * `insecure-skip-tls-verify: true` for client-node ≥ 1.1 (reference §1.1).
 */
import { stringify } from 'yaml';

export const SIM_TOKEN = 'sim-token';

export function simKubeconfig(server: string, namespace = 'default', token = SIM_TOKEN): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sim', cluster: { server, 'insecure-skip-tls-verify': true } }],
    contexts: [{ name: 'sim', context: { cluster: 'sim', user: 'sim', namespace } }],
    'current-context': 'sim',
    users: [{ name: 'sim', user: { token } }],
  });
}
