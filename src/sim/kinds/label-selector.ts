/**
 * metav1.LabelSelector semantics (apimachinery `LabelSelectorAsSelector`): the selector string printers show
 * (`app=web,tier in (a,b)`) and whether a label set matches, for Deployment/ReplicaSet validation.
 */
import type { V1LabelSelector } from '@kubernetes/client-node';
import type { Wire } from '../../kube/types.js';

export type LabelSelector = Wire<V1LabelSelector>;
type Labels = Record<string, string> | undefined;

type Requirement = {
  key: string;
  operator: 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
};

/** The selector's requirements sorted by key, or `undefined` when the selector is malformed (bad operator/values). */
function requirementsOf(selector: LabelSelector): Requirement[] | undefined {
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'Equals',
    values: [value],
  }));
  for (const expression of selector.matchExpressions ?? []) {
    const values = [...new Set(expression.values ?? [])].sort();
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        break;
      default:
        return undefined;
    }
    requirements.push({ key: expression.key, operator: expression.operator, values });
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function renderRequirement({ key, operator, values }: Requirement): string {
  switch (operator) {
    case 'Equals':
      return `${key}=${values[0] ?? ''}`;
    case 'In':
      return `${key} in (${values.join(',')})`;
    case 'NotIn':
      return `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
  }
}

/** `LabelSelectorAsSelector(s).String()`; `undefined` when the selector is invalid. Empty or absent ⇒ `''`. */
export function selectorString(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return '';
  return requirementsOf(selector)?.map(renderRequirement).join(',');
}

/** `metav1.FormatLabelSelector`: like `selectorString` but `<none>` when empty and `<error>` when invalid. */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const rendered = selectorString(selector);
  if (rendered === undefined) return '<error>';
  return rendered === '' ? '<none>' : rendered;
}

/** `labels.FormatLabels`: `a=b,c=d` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}

/** True when the selector has neither matchLabels nor matchExpressions (it would select everything). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

/** Whether `labels` satisfy every requirement; `undefined` when the selector itself is invalid. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean | undefined {
  const requirements = requirementsOf(selector);
  if (!requirements) return undefined;
  const set = labels ?? {};
  return requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(set, key);
    const value = set[key];
    switch (operator) {
      case 'Equals':
      case 'In':
        return has && values.includes(value ?? '');
      case 'NotIn':
        return !has || !values.includes(value ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}
