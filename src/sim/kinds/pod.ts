/** Pod behaviour: defaults (API + admission), validation and the pod field selectors. */
import type { KubeObject, Pod } from '../../kube/types.js';
import type { FieldError } from '../errors.js';
import type { DefaultingContext, ResourceDescriptor } from '../resources/descriptor.js';
import { validateObjectName, dns1123Subdomain } from './names.js';
import { admitPod } from './pod-admission.js';
import { defaultPodSpec, type PodSpec } from './pod-spec-defaults.js';
import { validatePodSpec } from './pod-spec-validation.js';
import { podQosClass } from './qos.js';

/** `SetDefaults_Pod`: a container with limits but no request for a resource requests exactly its limit. */
function requestLimits(spec: PodSpec): void {
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const resources = container.resources;
    if (!resources?.limits) continue;
    const requests = (resources.requests ??= {});
    for (const [resource, limit] of Object.entries(resources.limits)) requests[resource] ??= limit;
  }
}

/** API defaults on every write; admission and the initial status only when the pod is created. */
export function defaultPod(
  object: KubeObject,
  context: DefaultingContext,
  old: KubeObject | undefined,
): void {
  const pod = object as Pod;
  const spec = (pod.spec ??= { containers: [] });
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  requestLimits(spec);
  if (old) return;
  admitPod(pod, context);
  const status = (pod.status ??= {});
  status.phase ||= 'Pending';
  status.qosClass ||= podQosClass(spec);
}

export function validatePod(object: KubeObject): FieldError[] {
  const pod = object as Pod;
  return [...validateObjectName(pod, dns1123Subdomain), ...validatePodSpec(pod.spec, 'spec')];
}

const pod = (object: KubeObject): Pod => object;

/** `pod.ToSelectableFields`: every field is always present (empty string when unset). */
export const podFieldSelectors: NonNullable<ResourceDescriptor['fieldSelectors']> = {
  'spec.nodeName': (o) => pod(o).spec?.nodeName ?? '',
  'spec.restartPolicy': (o) => pod(o).spec?.restartPolicy ?? '',
  'spec.schedulerName': (o) => pod(o).spec?.schedulerName ?? '',
  'spec.serviceAccountName': (o) => pod(o).spec?.serviceAccountName ?? '',
  'spec.hostNetwork': (o) => String(pod(o).spec?.hostNetwork ?? false),
  'status.phase': (o) => pod(o).status?.phase ?? '',
  'status.podIP': (o) => pod(o).status?.podIPs?.[0]?.ip ?? pod(o).status?.podIP ?? '',
  'status.podIPs': (o) => (pod(o).status?.podIPs ?? []).map((p) => p.ip).join(','),
  'status.nominatedNodeName': (o) => pod(o).status?.nominatedNodeName ?? '',
};
