/**
 * Label and field selectors for list/watch filtering and for objects that carry a LabelSelector
 * (Deployment/ReplicaSet `spec.selector`, Scale `status.selector`). The string grammar lives in
 * selectors-labels.ts and selectors-fields.ts; this module adds metav1.LabelSelector objects.
 */
import { errors } from './errors.js';
import {
  matcherFor,
  newRequirement,
  requirementString,
  sortRequirements,
  type LabelMatcher,
  type LabelOperator,
  type LabelRequirement,
} from './selectors-requirements.js';

export { parseLabelSelector, parseLabelRequirements } from './selectors-labels.js';
export { parseFieldSelector, parseFieldRequirements } from './selectors-fields.js';
export type { FieldMatcher, FieldOperator, FieldRequirement } from './selectors-fields.js';
export { requirementMatches } from './selectors-requirements.js';
export type { LabelMatcher, LabelOperator, LabelRequirement } from './selectors-requirements.js';

/** metav1.LabelSelector as it travels on the wire. */
export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

const OPERATORS: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * `metav1.LabelSelectorAsSelector`: matchLabels become `k=v`, matchExpressions In/NotIn/Exists/DoesNotExist.
 * Returns undefined for a null/absent selector (which selects nothing); `{}` is the empty requirement list
 * (which selects everything). Invalid selectors ⇒ 400 with the real message.
 */
export function labelSelectorRequirements(
  selector: LabelSelector | null | undefined,
): LabelRequirement[] | undefined {
  if (selector === null || selector === undefined) return undefined;
  const requirements: LabelRequirement[] = [];
  const add = (result: LabelRequirement | string): void => {
    if (typeof result === 'string') throw errors.badRequest(result);
    requirements.push(result);
  };
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}))
    add(newRequirement(key, '=', [value]));
  for (const expression of selector.matchExpressions ?? []) {
    const operator = Object.prototype.hasOwnProperty.call(OPERATORS, expression.operator)
      ? OPERATORS[expression.operator]
      : undefined;
    if (!operator) throw errors.badRequest(`"${expression.operator}" is not a valid label selector operator`);
    add(newRequirement(expression.key, operator, [...(expression.values ?? [])]));
  }
  return sortRequirements(requirements);
}

/** A LabelSelector object ⇒ matcher. Null/absent matches nothing, `{}` matches everything. */
export function labelSelectorMatcher(selector: LabelSelector | null | undefined): LabelMatcher {
  const requirements = labelSelectorRequirements(selector);
  return requirements === undefined ? () => false : matcherFor(requirements);
}

/**
 * The selector's canonical string, `app=web,tier in (a,b)` — what Scale `status.selector` carries and
 * kubectl prints (kubectl shows `<none>` where this is empty: null or `{}` selectors).
 */
export function labelSelectorToString(selector: LabelSelector | null | undefined): string {
  return (labelSelectorRequirements(selector) ?? []).map(requirementString).join(',');
}
