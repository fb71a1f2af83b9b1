/**
 * Label selector requirements (apimachinery `labels.Requirement`): validation with the real messages,
 * matching, and the canonical string form. Shared by the selector string parser and by LabelSelector objects.
 */

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export type LabelRequirement = { key: string; operator: LabelOperator; values: string[] };

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

// k8s.io/apimachinery/pkg/util/validation, verbatim formats and messages.
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Go's `RegexError`, including its double space before "or". */
function regexError(message: string, format: string, ...examples: string[]): string {
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${format}')`;
}

function matches(format: string, value: string): boolean {
  return new RegExp(`^${format}$`).test(value);
}

/** `validation.IsQualifiedName`: `[prefix/]name`, the syntax of label keys. */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1] ?? '';
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!matches(DNS1123_SUBDOMAIN_FMT, prefix)) {
        errs.push(`prefix part ${regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com')}`);
      }
    }
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!matches(QUALIFIED_NAME_FMT, name)) {
    errs.push(
      `name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

/** `validation.IsValidLabelValue`. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!matches(LABEL_VALUE_FMT, value))
    errs.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** A field.Error rendered like Go: `<path>: Invalid value: "x": detail`. */
export function invalidField(path: string, value: string | string[], detail: string): string {
  const shown = Array.isArray(value)
    ? `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`
    : JSON.stringify(value);
  return `${path}: Invalid value: ${shown}: ${detail}`;
}

/**
 * `labels.NewRequirement`: validates and builds a requirement. Returns the error text (Go's aggregate:
 * one message, or `[a, b]`) instead of throwing, so callers can wrap it the way the real server does.
 */
export function newRequirement(
  key: string,
  operator: LabelOperator,
  values: string[],
): LabelRequirement | string {
  const errs: string[] = [];
  const keyErrors = qualifiedNameErrors(key);
  if (keyErrors.length > 0) errs.push(invalidField('key', key, keyErrors.join('; ')));
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(invalidField('values', values, "for 'in', 'notin' operators, values set can't be empty"));
  }
  if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1) {
    errs.push(invalidField('values', values, 'exact-match compatibility requires one single value'));
  }
  if ((operator === 'exists' || operator === '!') && values.length !== 0) {
    errs.push(invalidField('values', values, 'values set must be empty for exists and does not exist'));
  }
  if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1) {
      errs.push(invalidField('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
    }
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) {
        errs.push(invalidField(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      }
    });
  }
  values.forEach((v, i) => {
    const valueErrors = labelValueErrors(v);
    if (valueErrors.length > 0) errs.push(invalidField(`values[${i}][${key}]`, v, valueErrors.join('; ')));
  });
  if (errs.length === 1) return errs[0] ?? '';
  if (errs.length > 1) return `[${errs.join(', ')}]`;
  return { key, operator, values };
}

/** `Requirement.Matches`: `!=`/`notin`/`!` match objects without the key; gt/lt compare integers. */
export function requirementMatches(
  requirement: LabelRequirement,
  labels: Record<string, string> | undefined,
): boolean {
  const { key, operator, values } = requirement;
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
  const value = has ? labels[key] : undefined;
  switch (operator) {
    case '=':
    case '==':
    case 'in':
      return value !== undefined && values.includes(value);
    case '!=':
    case 'notin':
      return value === undefined || !values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^[+-]?\d+$/.test(value)) return false;
      const [limit] = values;
      if (limit === undefined) return false;
      return operator === 'gt' ? BigInt(value) > BigInt(limit) : BigInt(value) < BigInt(limit);
    }
  }
}

/** `Requirement.String`: `k=v`, `k in (a,b)` (values sorted), `k`, `!k`, `k>1`. */
export function requirementString({ key, operator, values }: LabelRequirement): string {
  const sorted = [...values].sort().join(',');
  switch (operator) {
    case 'exists':
      return key;
    case '!':
      return `!${key}`;
    case 'in':
    case 'notin':
      return `${key} ${operator} (${sorted})`;
    case 'gt':
      return `${key}>${sorted}`;
    case 'lt':
      return `${key}<${sorted}`;
    default:
      return `${key}${operator}${sorted}`;
  }
}

/** Requirements in key order, as `Selector.Add` keeps them (stable for equal keys). */
export function sortRequirements(requirements: LabelRequirement[]): LabelRequirement[] {
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function matcherFor(requirements: LabelRequirement[]): LabelMatcher {
  return (labels) => requirements.every((r) => requirementMatches(r, labels));
}
