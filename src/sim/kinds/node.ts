/**
 * Node behaviour. A Node written without a status (a scenario file, `kubectl create`) gets the status a freshly
 * registered kubelet reports: Ready, 4 CPU / 16Gi, an InternalIP and kind-like node info, so `kubectl get nodes`
 * and the scheduler have something real to work with.
 */
import type { KubeObject, Node } from '../../kube/types.js';
import type { FieldError } from '../errors.js';
import { type DefaultingContext, type ResourceDescriptor, storageKey } from '../resources/descriptor.js';
import { formatTime } from '../clock.js';
import { dns1123Subdomain, validateObjectName } from './names.js';

type NodeStatus = NonNullable<Node['status']>;

export const KUBELET_VERSION = 'v1.32.4';

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

function condition(type: string, status: string, reason: string, message: string, time: string) {
  return { type, status, lastHeartbeatTime: time, lastTransitionTime: time, reason, message };
}

function registeredNodeStatus(name: string, index: number, context: DefaultingContext): NodeStatus {
  const time = formatTime(context.now);
  const capacity = {
    cpu: '4',
    'ephemeral-storage': '102305736Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: '16777216Ki',
    pods: '110',
  };
  return {
    addresses: [
      { type: 'InternalIP', address: `172.18.0.${index + 2}` },
      { type: 'Hostname', address: name },
    ],
    allocatable: { ...capacity, memory: '16674816Ki' },
    capacity,
    conditions: [
      condition(
        'MemoryPressure',
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
        time,
      ),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', time),
      condition(
        'PIDPressure',
        'False',
        'KubeletHasSufficientPID',
        'kubelet has sufficient PID available',
        time,
      ),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', time),
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: `${hex(context.random, 8)}-${hex(context.random, 4)}-${hex(context.random, 4)}-${hex(context.random, 4)}-${hex(context.random, 12)}`,
      containerRuntimeVersion: 'containerd://1.7.24',
      kernelVersion: '6.8.0-1019-gcp',
      kubeProxyVersion: KUBELET_VERSION,
      kubeletVersion: KUBELET_VERSION,
      machineID: hex(context.random, 32),
      operatingSystem: 'linux',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      systemUUID: hex(context.random, 32),
    },
  };
}

export function defaultNode(
  object: KubeObject,
  context: DefaultingContext,
  old: KubeObject | undefined,
): void {
  const node = object as Node;
  if (old || node.status) return;
  const name = node.metadata?.name ?? '';
  const index = context.store.count(storageKey('', 'nodes'));
  const spec = (node.spec ??= {});
  if (!spec.podCIDR) {
    spec.podCIDR = `10.244.${index}.0/24`;
    spec.podCIDRs = [spec.podCIDR];
  }
  node.status = registeredNodeStatus(name, index, context);
}

export function validateNode(object: KubeObject): FieldError[] {
  return validateObjectName(object, dns1123Subdomain);
}

export const nodeFieldSelectors: NonNullable<ResourceDescriptor['fieldSelectors']> = {
  'spec.unschedulable': (object) => String((object as Node).spec?.unschedulable ?? false),
};
