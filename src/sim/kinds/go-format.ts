/**
 * Go's `%#v` renderings that appear inside real validation messages, e.g.
 * `spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: ...` or
 * `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}: field is immutable`.
 */
import type { FieldError } from '../errors.js';
import type { LabelSelector } from './label-selector.js';

const quote = (value: string): string => JSON.stringify(value);

/** `map[string]string{"a":"1", "b":"2"}` (Go prints map keys sorted); `map[string]string(nil)` when absent. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const entries = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${quote(k)}:${quote(v)}`).join(', ')}}`;
}

/** `[]string{"a", "b"}`; `[]string(nil)` when absent. */
export function goStringSlice(values: readonly string[] | undefined): string {
  if (!values) return '[]string(nil)';
  return `[]string{${values.map(quote).join(', ')}}`;
}

/** A dereferenced `*metav1.LabelSelector` as `%#v` prints it. */
export function goLabelSelector(selector: LabelSelector): string {
  const expressions = selector.matchExpressions;
  const renderedExpressions = expressions
    ? `[]v1.LabelSelectorRequirement{${expressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${quote(e.key)}, Operator:${quote(e.operator)}, Values:${goStringSlice(e.values)}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(selector.matchLabels)}, MatchExpressions:${renderedExpressions}}`;
}

/** A FieldValueInvalid error whose value is already rendered the Go way (fieldErrors.invalid would JSON it). */
export function invalidGoValue(field: string, renderedValue: string, detail: string): FieldError {
  return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${renderedValue}: ${detail}` };
}
