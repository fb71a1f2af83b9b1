/**
 * Pod spec validation (`ValidatePodSpec`), shared by Pods (`spec`) and workload templates
 * (`spec.template.spec`): every error path is prefixed with `path`.
 */
import { type FieldError, fieldErrors } from '../errors.js';
import { validateContainer } from './container-validation.js';
import type { PodSpec } from './pod-spec-defaults.js';

const RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];

export function validatePodSpec(spec: PodSpec | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seenNames = new Set<string>();
  const containers = spec?.containers ?? [];
  if (containers.length === 0) errors.push(fieldErrors.required(`${path}.containers`));
  for (const [index, container] of containers.entries()) {
    errors.push(...validateContainer(container, `${path}.containers[${index}]`, seenNames));
  }
  // App containers first: an init container reusing an app container's name is the duplicate.
  for (const [index, container] of (spec?.initContainers ?? []).entries()) {
    errors.push(...validateContainer(container, `${path}.initContainers[${index}]`, seenNames));
  }
  const restartPolicy = spec?.restartPolicy;
  if (restartPolicy && !RESTART_POLICIES.includes(restartPolicy)) {
    errors.push(fieldErrors.notSupported(`${path}.restartPolicy`, restartPolicy, RESTART_POLICIES));
  }
  const dnsPolicy = spec?.dnsPolicy;
  if (dnsPolicy && !DNS_POLICIES.includes(dnsPolicy)) {
    errors.push(fieldErrors.notSupported(`${path}.dnsPolicy`, dnsPolicy, DNS_POLICIES));
  }
  return errors;
}
