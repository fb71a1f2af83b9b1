/**
 * What Deployments and ReplicaSets share (kubernetes `pkg/apis/apps/validation`): a selector that selects
 * something, a pod template that the selector matches and that restarts its containers, and a selector that
 * never changes after creation.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PodTemplateSpec } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { goLabelSelector, goStringMap, invalidGoValue } from './go-format.js';
import { isEmptySelector, type LabelSelector, selectorMatches } from './label-selector.js';
import { validatePodSpec } from './pod-spec-validation.js';

const NON_NEGATIVE = 'must be greater than or equal to 0';

export function validateNonNegative(field: string, value: number | undefined): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldErrors.invalid(field, value, NON_NEGATIVE)] : [];
}

/** `ValidateLabelSelector`: operator and values must agree. */
function validateSelectorExpressions(selector: LabelSelector, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [index, expression] of (selector.matchExpressions ?? []).entries()) {
    const at = `${path}.matchExpressions[${index}]`;
    const count = expression.values?.length ?? 0;
    if (expression.operator === 'In' || expression.operator === 'NotIn') {
      if (count === 0)
        errors.push(
          fieldErrors.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
        );
    } else if (expression.operator === 'Exists' || expression.operator === 'DoesNotExist') {
      if (count > 0)
        errors.push(
          fieldErrors.forbidden(
            `${at}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
    } else {
      errors.push(
        fieldErrors.invalid(`${at}.operator`, expression.operator, 'not a valid selector operator'),
      );
    }
  }
  return errors;
}

/**
 * `spec.selector` and `spec.template` of a Deployment or ReplicaSet. A missing selector selects nothing, so the
 * template labels are reported as unmatched too — the well-known two-error message of a forgotten selector.
 */
export function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  let matchable = true;
  if (!selector) {
    errors.push(fieldErrors.required('spec.selector'));
  } else {
    const expressionErrors = validateSelectorExpressions(selector, 'spec.selector');
    errors.push(...expressionErrors);
    if (isEmptySelector(selector)) {
      errors.push(
        invalidGoValue(
          'spec.selector',
          goLabelSelector(selector),
          'empty selector is invalid for deployment',
        ),
      );
      matchable = false;
    } else if (expressionErrors.length > 0) {
      // The real validator cannot build a selector, and then skips the template altogether.
      return [
        ...errors,
        invalidGoValue('spec.selector', goLabelSelector(selector), 'invalid label selector'),
      ];
    }
  }
  if (!template) return [...errors, fieldErrors.required('spec.template')];
  const labels = template.metadata?.labels;
  if (matchable && !(selector && selectorMatches(selector, labels))) {
    errors.push(
      invalidGoValue(
        'spec.template.metadata.labels',
        goStringMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errors.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    errors.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  }
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errors.push(
      fieldErrors.forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errors;
}

/** Semantic equality: absent, `{}` and `[]` are the same selector parts (apimachinery `equality.Semantic`). */
function normalizedSelector(selector: LabelSelector | undefined): unknown {
  const labels = selector?.matchLabels ?? {};
  const expressions = selector?.matchExpressions ?? [];
  return {
    matchLabels: labels,
    matchExpressions: expressions.map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  };
}

/** apps/v1 forbids changing `spec.selector`: pods selected by the old one would be orphaned. */
export function validateSelectorUnchanged(
  selector: LabelSelector | undefined,
  old: LabelSelector | undefined,
): FieldError[] {
  if (isDeepStrictEqual(normalizedSelector(selector), normalizedSelector(old))) return [];
  const rendered = selector ? goLabelSelector(selector) : 'null';
  return [invalidGoValue('spec.selector', rendered, 'field is immutable')];
}
