/** Kinds whose only server-side checks are on their names. */
import { dns1123Subdomain, nameValidator, pathSegmentName } from './names.js';

/** Endpoints, ResourceQuota, ServiceAccount, StorageClass: DNS-1123 subdomain names. */
export const validateSubdomainName = nameValidator(dns1123Subdomain);

/** Role, ClusterRole and their bindings: any path segment, so `system:controller:x` is valid. */
export const validateRbacName = nameValidator(pathSegmentName);
