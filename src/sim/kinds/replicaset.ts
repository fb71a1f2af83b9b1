/** ReplicaSet behaviour: apps/v1 defaults and validation (the Deployment rules without a strategy). */
import type { KubeObject, ReplicaSet } from '../../kube/types.js';
import type { FieldError } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { dns1123Subdomain, validateObjectName } from './names.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import {
  validateNonNegative,
  validateSelectorAndTemplate,
  validateSelectorUnchanged,
} from './workload-validation.js';

export function defaultReplicaSet(object: KubeObject): void {
  const replicaSet = object as ReplicaSet;
  const spec = (replicaSet.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  spec.replicas ??= 1;
  spec.template ??= {};
  defaultPodTemplate(spec.template);
}

export function validateReplicaSet(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const replicaSet = object as ReplicaSet;
  const spec = replicaSet.spec;
  const errors = [
    ...validateObjectName(replicaSet, dns1123Subdomain),
    ...validateNonNegative('spec.replicas', spec?.replicas),
    ...validateNonNegative('spec.minReadySeconds', spec?.minReadySeconds),
    ...validateSelectorAndTemplate(spec?.selector, spec?.template),
  ];
  if (old) errors.push(...validateSelectorUnchanged(spec?.selector, (old as ReplicaSet).spec?.selector));
  return errors;
}

export const replicaSetFieldSelectors: NonNullable<ResourceDescriptor['fieldSelectors']> = {
  'status.replicas': (object) => String((object as ReplicaSet).status?.replicas ?? 0),
};
