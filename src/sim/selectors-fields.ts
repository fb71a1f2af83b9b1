/**
 * Field selectors (`?fieldSelector=`), like apimachinery `fields.ParseSelector` plus the API server's field
 * label conversion: `=`, `==`, `!=`, comma-joined (`\,` `\=` `\\` escapes), no whitespace trimming. Every kind
 * supports `metadata.name` and `metadata.namespace`; a descriptor's `fieldSelectors` adds kind-specific ones.
 * An empty value matches an empty or absent field (`spec.nodeName=` selects unscheduled pods).
 */
import type { KubeObject } from '../kube/types.js';
import { errors } from './errors.js';
import type { ResourceDescriptor } from './resources/descriptor.js';

export type FieldOperator = '=' | '==' | '!=';
export type FieldRequirement = { field: string; operator: FieldOperator; value: string };
export type FieldMatcher = (object: KubeObject) => boolean;

/** `splitTerms`: split on commas not escaped by a backslash. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector.charAt(i);
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** `UnescapeValue`; Go prints an unescaped rune with `%v`, i.e. as its code point. */
function unescapeValue(value: string): string {
  let out = '';
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw errors.badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      throw errors.badRequest(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`,
      );
    } else {
      out += c;
    }
  }
  if (escaped) throw errors.badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Syntax only: terms sorted as Go sorts them (so the first unsupported field reported is the same). */
export function parseFieldRequirements(selector: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(selector).sort()) {
    if (term === '') continue;
    // The first operator occurrence wins, `!=` and `==` before `=` at the same position.
    const match = /!=|==|=/.exec(term);
    if (!match) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    requirements.push({
      field: term.slice(0, match.index),
      operator: match[0] as FieldOperator,
      value: unescapeValue(term.slice(match.index + match[0].length)),
    });
  }
  return requirements;
}

type FieldGetter = (object: KubeObject) => string | undefined;

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': (object) => object.metadata?.name,
  'metadata.namespace': (object) => object.metadata?.namespace,
};

/** The field label conversion: which fields the kind supports, with the real server's two error texts. */
function getterFor(field: string, descriptor: Pick<ResourceDescriptor, 'fieldSelectors'>): FieldGetter {
  const common = Object.prototype.hasOwnProperty.call(COMMON_FIELDS, field)
    ? COMMON_FIELDS[field]
    : undefined;
  if (common) return common;
  const custom = descriptor.fieldSelectors;
  if (custom === undefined) {
    throw errors.badRequest(
      `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
    );
  }
  const getter = Object.prototype.hasOwnProperty.call(custom, field) ? custom[field] : undefined;
  if (!getter) throw errors.badRequest(`field label not supported: ${field}`);
  return getter;
}

/** `?fieldSelector=` for a resource ⇒ a matcher. Empty or absent selects everything. */
export function parseFieldSelector(
  selector: string | undefined,
  descriptor: Pick<ResourceDescriptor, 'fieldSelectors'>,
): FieldMatcher {
  const checks = parseFieldRequirements(selector ?? '').map((requirement) => ({
    requirement,
    get: getterFor(requirement.field, descriptor),
  }));
  return (object) =>
    checks.every(({ requirement, get }) => {
      const actual = get(object) ?? '';
      return requirement.operator === '!=' ? actual !== requirement.value : actual === requirement.value;
    });
}
