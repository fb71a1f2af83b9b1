/** ConfigMap and Secret behaviour: valid data keys, `immutable` objects, and Secret's `stringData` and type. */
import type { ConfigMap, KubeObject, Secret } from '../../kube/types.js';
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, fieldErrors } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { dns1123Subdomain, validateObjectName } from './names.js';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** `IsConfigMapKey` for every key of each section (`data[KEY]`, `binaryData[KEY]`). */
function validateKeys(sections: Record<string, Record<string, string> | undefined>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [section, values] of Object.entries(sections)) {
    for (const key of Object.keys(values ?? {})) {
      const field = `${section}[${key}]`;
      if (key.length > 253)
        errors.push(fieldErrors.invalid(field, key, 'must be no more than 253 characters'));
      if (!CONFIG_KEY.test(key)) errors.push(fieldErrors.invalid(field, key, CONFIG_KEY_MESSAGE));
      // Keys become file names in volumes: they must not climb out of the mount directory.
      const chdir =
        key === '.' || key === '..'
          ? `must not be '${key}'`
          : key.startsWith('..')
            ? "must not start with '..'"
            : undefined;
      if (chdir) errors.push(fieldErrors.invalid(field, key, chdir));
    }
  }
  return errors;
}

/** Once `immutable: true` is stored, the flag and the data can no longer change. */
function validateImmutable(
  object: ConfigMap | Secret,
  old: ConfigMap | Secret | undefined,
  fields: ('data' | 'binaryData')[],
): FieldError[] {
  if (old?.immutable !== true) return [];
  const errors: FieldError[] = [];
  if (object.immutable !== true)
    errors.push(fieldErrors.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const field of fields) {
    const before = (old as Record<string, unknown>)[field] ?? {};
    const after = (object as Record<string, unknown>)[field] ?? {};
    if (!isDeepStrictEqual(before, after))
      errors.push(fieldErrors.forbidden(field, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

export function validateConfigMap(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const configMap = object as ConfigMap;
  return [
    ...validateObjectName(configMap, dns1123Subdomain),
    ...validateKeys({ data: configMap.data, binaryData: configMap.binaryData }),
    ...validateImmutable(configMap, old, ['data', 'binaryData']),
  ];
}

/** Secret's v1→internal conversion: `stringData` overrides `data` (base64-encoded) and is never stored. */
export function defaultSecret(object: KubeObject): void {
  const secret = object as Secret;
  secret.type ||= 'Opaque';
  if (!secret.stringData) return;
  const data = (secret.data ??= {});
  for (const [key, value] of Object.entries(secret.stringData))
    data[key] = Buffer.from(value, 'utf8').toString('base64');
  delete secret.stringData;
}

export function validateSecret(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const secret = object as Secret;
  const previous = old as Secret | undefined;
  const errors = [
    ...validateObjectName(secret, dns1123Subdomain),
    ...validateKeys({ data: secret.data }),
    ...validateImmutable(secret, previous, ['data']),
  ];
  if (previous && previous.type !== secret.type)
    errors.push(fieldErrors.invalid('type', secret.type ?? '', 'field is immutable'));
  return errors;
}

export const secretFieldSelectors: NonNullable<ResourceDescriptor['fieldSelectors']> = {
  type: (object) => (object as Secret).type ?? '',
};
