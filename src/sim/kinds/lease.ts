/** Lease validation (`ValidateLeaseSpec`): a lease that lasts no time, or a negative transition count, is invalid. */
import type { KubeObject, Lease } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { dns1123Subdomain, validateObjectName } from './names.js';

export function validateLease(object: KubeObject): FieldError[] {
  const lease = object as Lease;
  const errors = validateObjectName(lease, dns1123Subdomain);
  const duration = lease.spec?.leaseDurationSeconds;
  if (duration !== undefined && duration <= 0) {
    errors.push(fieldErrors.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  }
  const transitions = lease.spec?.leaseTransitions;
  if (transitions !== undefined && transitions < 0) {
    errors.push(
      fieldErrors.invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'),
    );
  }
  return errors;
}
