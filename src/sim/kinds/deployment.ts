/** Deployment behaviour: apps/v1 defaults (§6.9 of the API reference) and validation. */
import type { Deployment, KubeObject } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import { invalidGoValue } from './go-format.js';
import { dns1123Subdomain, validateObjectName } from './names.js';
import { defaultPodTemplate } from './pod-spec-defaults.js';
import {
  validateNonNegative,
  validateSelectorAndTemplate,
  validateSelectorUnchanged,
} from './workload-validation.js';

type Strategy = NonNullable<NonNullable<Deployment['spec']>['strategy']>;
type IntOrPercent = string | number | undefined;

/** `SetDefaults_Deployment`. */
export function defaultDeployment(object: KubeObject): void {
  const deployment = object as Deployment;
  // No selector is invented: a missing one must fail validation as `Required value`.
  const spec = (deployment.spec ??= {} as NonNullable<Deployment['spec']>);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = (strategy.rollingUpdate ??= {});
    rollingUpdate.maxUnavailable ??= '25%';
    rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.template ??= {};
  defaultPodTemplate(spec.template);
}

/** intstr.IntOrString as Go's `%#v` prints it inside messages. */
function goIntOrString(value: IntOrPercent): string {
  return typeof value === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`
    : `intstr.IntOrString{Type:0, IntVal:${value ?? 0}, StrVal:""}`;
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_MESSAGE =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function intOrPercentValue(value: IntOrPercent): number {
  return typeof value === 'string' ? Number.parseInt(value, 10) || 0 : (value ?? 0);
}

function validateIntOrPercent(value: IntOrPercent, field: string): FieldError[] {
  if (typeof value === 'string')
    return PERCENT.test(value) ? [] : [invalidGoValue(field, goIntOrString(value), PERCENT_MESSAGE)];
  return validateNonNegative(field, value);
}

/** `ValidateDeploymentStrategy`. */
function validateStrategy(strategy: Strategy | undefined): FieldError[] {
  const path = 'spec.strategy';
  if (strategy?.type === 'Recreate') {
    return strategy.rollingUpdate
      ? [
          fieldErrors.forbidden(
            `${path}.rollingUpdate`,
            "may not be specified when strategy `type` is 'Recreate'",
          ),
        ]
      : [];
  }
  if (strategy?.type !== 'RollingUpdate') {
    const rendered = `apps.DeploymentStrategy{Type:${JSON.stringify(strategy?.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    return [
      {
        field: path,
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${rendered}: supported values: "Recreate", "RollingUpdate"`,
      },
    ];
  }
  const rollingUpdate = strategy.rollingUpdate;
  if (!rollingUpdate)
    return [fieldErrors.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
  const { maxUnavailable, maxSurge } = rollingUpdate;
  const errors = [
    ...validateIntOrPercent(maxUnavailable, `${path}.rollingUpdate.maxUnavailable`),
    ...validateIntOrPercent(maxSurge, `${path}.rollingUpdate.maxSurge`),
  ];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
    errors.push(
      invalidGoValue(
        `${path}.rollingUpdate.maxUnavailable`,
        goIntOrString(maxUnavailable),
        'may not be 0 when `maxSurge` is 0',
      ),
    );
  }
  if (
    typeof maxUnavailable === 'string' &&
    PERCENT.test(maxUnavailable) &&
    intOrPercentValue(maxUnavailable) > 100
  ) {
    errors.push(
      invalidGoValue(
        `${path}.rollingUpdate.maxUnavailable`,
        goIntOrString(maxUnavailable),
        'must not be greater than 100%',
      ),
    );
  }
  return errors;
}

export function validateDeployment(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const deployment = object as Deployment;
  const spec = deployment.spec;
  const errors = [
    ...validateObjectName(deployment, dns1123Subdomain),
    ...validateNonNegative('spec.replicas', spec?.replicas),
    ...validateSelectorAndTemplate(spec?.selector, spec?.template),
    ...validateStrategy(spec?.strategy),
    ...validateNonNegative('spec.minReadySeconds', spec?.minReadySeconds),
    ...validateNonNegative('spec.revisionHistoryLimit', spec?.revisionHistoryLimit),
  ];
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errors.push(...validateNonNegative('spec.progressDeadlineSeconds', deadline));
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      errors.push(
        fieldErrors.invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'),
      );
    }
  }
  if (old) errors.push(...validateSelectorUnchanged(spec?.selector, (old as Deployment).spec?.selector));
  return errors;
}
