/**
 * Event behaviour for both APIs (kubernetes `pkg/apis/core/validation/events.go`). Both validators work on the
 * core/v1 form, as the real one works on the internal type; the events.k8s.io endpoint adds the strict rules of
 * the new API (eventTime, reportingController, action… required; deprecated fields unset).
 */
import type { Event, KubeObject } from '../../kube/types.js';
import { type FieldError, fieldErrors } from '../errors.js';
import type { ResourceDescriptor } from '../resources/descriptor.js';
import { timestampOf } from '../tables/human-duration.js';
import { eventToCore } from './event-conversion.js';
import { dns1123Subdomain, validateObjectName } from './names.js';

const LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;

const isSet = (timestamp: unknown): boolean => timestampOf(timestamp) !== undefined;
const hasReference = (reference: Event['involvedObject'] | undefined): boolean =>
  !!(reference?.kind || reference?.name);

/**
 * Core events: count 1 and type Normal when absent (legacy recorders always send both), plus the fields Go's
 * encoder always writes, so a stored event reads back like one from a real cluster.
 */
export function defaultEvent(object: KubeObject): void {
  const event = object as Event;
  const shaped = event as Record<string, unknown>;
  if (!event.series && !isSet(event.eventTime)) event.count ??= 1;
  event.type ||= 'Normal';
  event.source ??= {};
  for (const field of ['firstTimestamp', 'lastTimestamp', 'eventTime']) shaped[field] ??= null;
  event.reportingComponent ??= '';
  event.reportingInstance ??= '';
}

/** `legacyValidateEvent`, with `reportingField` naming the reporter the way the request's API version does. */
function validateLegacy(
  event: Event,
  reportingField: 'reportingComponent' | 'reportingController',
): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = event.metadata?.namespace ?? '';
  const involvedNamespace = event.involvedObject?.namespace ?? '';
  // Without an involved object there is nothing to compare: that is reported once, as a missing reference.
  const referenced = hasReference(event.involvedObject);
  const mismatch = () =>
    fieldErrors.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace');
  if (!isSet(event.eventTime)) {
    // Events about cluster-scoped objects (nodes) live in `default`.
    const matches = involvedNamespace
      ? namespace === involvedNamespace
      : namespace === '' || namespace === 'default';
    if (referenced && !matches) errors.push(mismatch());
    return errors;
  }
  if (referenced && !involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') {
    errors.push(mismatch());
  }
  const required: [string, string | undefined][] = [
    [reportingField, event.reportingComponent],
    ['reportingInstance', event.reportingInstance],
    ['action', event.action],
    ['reason', event.reason],
  ];
  for (const [field, value] of required) {
    if (!value) errors.push(fieldErrors.required(field));
    else if (field !== reportingField && value.length > LENGTH_LIMIT) {
      errors.push(fieldErrors.invalid(field, '', `can have at most ${LENGTH_LIMIT} characters`));
    }
  }
  if ((event.message ?? '').length > NOTE_LENGTH_LIMIT) {
    errors.push(fieldErrors.invalid('message', '', `can have at most ${NOTE_LENGTH_LIMIT} characters`));
  }
  return errors;
}

export function validateCoreEvent(object: KubeObject): FieldError[] {
  const event = eventToCore(object) as Event;
  const errors = validateObjectName(event, dns1123Subdomain);
  if (!hasReference(event.involvedObject)) errors.push(fieldErrors.required('involvedObject'));
  return [...errors, ...validateLegacy(event, 'reportingComponent')];
}

/** The strict events.k8s.io/v1 rules (`ValidateEventCreate` for the new API), on top of the legacy ones. */
export function validateEventsApiEvent(object: KubeObject): FieldError[] {
  const event = eventToCore(object) as Event;
  const errors = validateObjectName(event, dns1123Subdomain);
  if (!hasReference(event.involvedObject)) errors.push(fieldErrors.required('regarding'));
  errors.push(...validateLegacy(event, 'reportingController'));
  if (event.series) {
    if ((event.series.count ?? 0) < 2)
      errors.push(fieldErrors.invalid('series.count', '', 'should be at least 2'));
    if (!isSet(event.series.lastObservedTime)) errors.push(fieldErrors.required('series.lastObservedTime'));
  }
  if (!isSet(event.eventTime)) errors.push(fieldErrors.required('eventTime'));
  if (event.type !== 'Normal' && event.type !== 'Warning') {
    errors.push(fieldErrors.invalid('type', '', `has invalid value: ${event.type ?? ''}`));
  }
  if (isSet(event.firstTimestamp))
    errors.push(fieldErrors.invalid('firstTimestamp', '', 'needs to be unset'));
  if (isSet(event.lastTimestamp)) errors.push(fieldErrors.invalid('lastTimestamp', '', 'needs to be unset'));
  if (event.count) errors.push(fieldErrors.invalid('count', '', 'needs to be unset'));
  if (event.source?.component || event.source?.host)
    errors.push(fieldErrors.invalid('source', '', 'needs to be unset'));
  return errors;
}

type Selectors = NonNullable<ResourceDescriptor['fieldSelectors']>;
const core = (object: KubeObject): Event => eventToCore(object) as Event;
const REFERENCE_FIELDS = [
  'kind',
  'namespace',
  'name',
  'uid',
  'apiVersion',
  'resourceVersion',
  'fieldPath',
] as const;

function referenceSelectors(prefix: string): Selectors {
  return Object.fromEntries(
    REFERENCE_FIELDS.map((field) => [
      `${prefix}.${field}`,
      (o: KubeObject) => core(o).involvedObject?.[field] ?? '',
    ]),
  );
}

/** `EventToSelectableFields`: `source` falls back to the reporting component for new-style events. */
export const coreEventFieldSelectors: Selectors = {
  ...referenceSelectors('involvedObject'),
  reason: (o) => core(o).reason ?? '',
  reportingComponent: (o) => core(o).reportingComponent ?? '',
  source: (o) => core(o).source?.component || core(o).reportingComponent || '',
  type: (o) => core(o).type ?? '',
};

export const eventsApiFieldSelectors: Selectors = {
  ...referenceSelectors('regarding'),
  reason: (o) => core(o).reason ?? '',
  reportingController: (o) => core(o).reportingComponent ?? '',
  type: (o) => core(o).type ?? '',
};
