/** Parameter pieces shared by several actions. */
import { z } from 'zod';

/** A C identifier-like env var name (what kubectl accepts). */
export const EnvVarName = z
  .string()
  .regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be a valid environment variable name')
  .max(256);

/** DNS-1123 subdomain: ConfigMap, Secret, Deployment names. */
export const ObjectName = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'must be a valid Kubernetes object name',
  );

/** A resource quantity such as `512Mi`, `1Gi`, `250m`, `2`. */
export const Quantity = z
  .string()
  .regex(
    /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/,
    'must be a Kubernetes quantity such as 512Mi or 250m',
  );

export const Port = z.union([z.number().int().min(1).max(65535), z.string().regex(/^[a-z0-9-]{1,15}$/)]);
