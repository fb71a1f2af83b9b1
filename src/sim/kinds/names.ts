/**
 * Name validation with the exact messages of apimachinery `util/validation` and `api/validation/path`: DNS-1123
 * subdomains (most kinds), DNS-1123 labels (namespaces, container names), DNS-1035 labels (services) and
 * path-segment names (RBAC objects, which allow `system:controller:x`).
 */
import type { KubeObject } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';

/** `validation.RegexError`: note the double space Go leaves before ` or` when listing examples. */
function regexError(message: string, regex: string, ...examples: string[]): string {
  const listed = examples.map((e) => `'${e}', `).join(' or ');
  return `${message} (e.g. ${listed}regex used for validation is '${regex}')`;
}

const maxLength = (n: number): string => `must be no more than ${n} characters`;

function check(value: string, regex: string, limit: number, regexMessage: string): string[] {
  const problems: string[] = [];
  if (value.length > limit) problems.push(maxLength(limit));
  if (!new RegExp(`^${regex}$`).test(value)) problems.push(regexMessage);
  return problems;
}

export function dns1123Subdomain(value: string): string[] {
  return check(
    value,
    DNS1123_SUBDOMAIN,
    253,
    regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN,
      'example.com',
    ),
  );
}

export function dns1123Label(value: string): string[] {
  return check(
    value,
    DNS1123_LABEL,
    63,
    regexError(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      DNS1123_LABEL,
      'my-name',
      '123-abc',
    ),
  );
}

export function dns1035Label(value: string): string[] {
  return check(
    value,
    DNS1035_LABEL,
    63,
    regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL,
      'my-name',
      'abc-123',
    ),
  );
}

/** `path.ValidatePathSegmentName`: anything that can be a URL path segment. */
export function pathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  const problems: string[] = [];
  if (value.includes('/')) problems.push("may not contain '/'");
  if (value.includes('%')) problems.push("may not contain '%'");
  return problems;
}

export type NameRule = (value: string) => string[];

/** `metadata.name` (or, before the server generated one, `metadata.generateName`) checked with `rule`. */
export function validateObjectName(object: KubeObject, rule: NameRule): FieldError[] {
  const name = object.metadata?.name;
  if (name) return rule(name).map((message) => fieldErrors.invalid('metadata.name', name, message));
  const generateName = object.metadata?.generateName;
  if (!generateName) return [fieldErrors.required('metadata.name', 'name or generateName is required')];
  // A generated name appends random characters, so a trailing '-' in the prefix is fine.
  const prefix = generateName.endsWith('-') ? `${generateName.slice(0, -1)}a` : generateName;
  return rule(prefix).map((message) => fieldErrors.invalid('metadata.generateName', generateName, message));
}

/** A name-only validator, for kinds whose only server-side checks are on their name. */
export function nameValidator(rule: NameRule): (object: KubeObject) => FieldError[] {
  return (object) => validateObjectName(object, rule);
}
