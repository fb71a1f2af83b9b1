/** What a fresh cluster already holds before any scenario: system namespaces, nodes, the API Service. */
import type { Node } from '../kube/types.js';
import type { ClusterApi } from './api/cluster-api.js';
import { namespaces } from './resources/namespaces.js';
import { nodes } from './resources/nodes.js';
import { services } from './resources/services.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'sim-system'];

/** SPEC §6: without Node objects in a scenario the sim makes three nodes of 4 CPU / 16Gi. */
export const DEFAULT_NODE_COUNT = 3;

export function bootstrapCluster(api: ClusterApi, options: { defaultNodes: boolean }): void {
  for (const name of SYSTEM_NAMESPACES) {
    if (!api.namespaceExists(name))
      api.create(namespaces, undefined, { metadata: { name } }, { user: 'system:apiserver' });
  }
  if (options.defaultNodes) {
    for (let index = 1; index <= DEFAULT_NODE_COUNT; index += 1) {
      api.create(nodes, undefined, defaultNode(`node-${index}`, index, api.clock.nowTime()), {
        user: 'system:node',
      });
    }
  }
  api.create(
    services,
    'default',
    {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    },
    { user: 'system:apiserver' },
  );
}

/** A Ready node with the given capacity (scenarios may declare their own Node objects instead). */
export function defaultNode(name: string, index: number, now: string, cpu = '4', memory = '16Gi'): Node {
  const capacity = { cpu, memory, pods: '110', 'ephemeral-storage': '100Gi' };
  return {
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
      },
    },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
    status: {
      capacity,
      allocatable: capacity,
      addresses: [
        { type: 'InternalIP', address: `10.0.0.${index}` },
        { type: 'Hostname', address: name },
      ],
      conditions: [
        nodeCondition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
          now,
        ),
        nodeCondition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
          now,
        ),
        nodeCondition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
          now,
        ),
        nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now),
      ],
      nodeInfo: {
        machineID: `sim-machine-${index}`,
        systemUUID: `sim-system-${index}`,
        bootID: `sim-boot-${index}`,
        kernelVersion: '6.1.0-sim',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

function nodeCondition(type: string, status: string, reason: string, message: string, now: string) {
  return { type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now };
}
