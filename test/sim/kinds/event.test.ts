import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/types.js';
import { events } from '../../../src/sim/resources/events.js';
import { eventsK8sIo } from '../../../src/sim/resources/events-k8s-io.js';
import { rendered } from './helpers.js';

/** §7.6: a kubelet event as the legacy recorder writes it. */
const legacyEvent = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'web-5d8f7c9b6-x7k2p.1811f0a2b3c4d5e6',
    namespace: 'demo',
    uid: 'e1',
    resourceVersion: '2345',
  },
  involvedObject: {
    kind: 'Pod',
    namespace: 'demo',
    name: 'web-5d8f7c9b6-x7k2p',
    uid: '0c3e5d1a',
    apiVersion: 'v1',
    resourceVersion: '2290',
    fieldPath: 'spec.containers{web}',
  },
  reason: 'BackOff',
  message: 'Back-off restarting failed container web in pod web-5d8f7c9b6-x7k2p_demo(0c3e5d1a)',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-10T10:00:12Z',
  lastTimestamp: '2025-01-10T10:08:40Z',
  count: 7,
  type: 'Warning',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
});

/** §7.6: the scheduler's event through the core API… */
const schedulerCore = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-5d8f7c9b6-x7k2p.1811f0a1f0e0d0c0', namespace: 'demo' },
  involvedObject: {
    kind: 'Pod',
    namespace: 'demo',
    name: 'web-5d8f7c9b6-x7k2p',
    uid: 'u',
    apiVersion: 'v1',
    resourceVersion: '9',
  },
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 3 Insufficient memory.',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Warning',
  eventTime: '2025-01-10T10:00:02.123456Z',
  action: 'Scheduling',
  series: { count: 3, lastObservedTime: '2025-01-10T10:05:02.654321Z' },
  reportingComponent: 'default-scheduler',
  reportingInstance: 'default-scheduler-control-plane',
});

/** …and through events.k8s.io/v1. */
const schedulerEventsApi = (): KubeObject => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'web-5d8f7c9b6-x7k2p.1811f0a1f0e0d0c0', namespace: 'demo' },
  eventTime: '2025-01-10T10:00:02.123456Z',
  series: { count: 3, lastObservedTime: '2025-01-10T10:05:02.654321Z' },
  reportingController: 'default-scheduler',
  reportingInstance: 'default-scheduler-control-plane',
  action: 'Scheduling',
  reason: 'FailedScheduling',
  regarding: {
    kind: 'Pod',
    namespace: 'demo',
    name: 'web-5d8f7c9b6-x7k2p',
    uid: 'u',
    apiVersion: 'v1',
    resourceVersion: '9',
  },
  note: '0/3 nodes are available: 3 Insufficient memory.',
  type: 'Warning',
  deprecatedSource: {},
  deprecatedFirstTimestamp: null,
  deprecatedLastTimestamp: null,
});

describe('events.k8s.io/v1 ⇄ core/v1 conversion', () => {
  it('shows the stored scheduler event the way events.k8s.io/v1 does (§7.6)', () => {
    expect(eventsK8sIo.fromStored!(schedulerCore())).toEqual(schedulerEventsApi());
  });

  it('stores an events.k8s.io/v1 event in its core/v1 form', () => {
    expect(eventsK8sIo.toStored!(schedulerEventsApi())).toEqual(schedulerCore());
  });

  it.each([
    ['legacy kubelet event', legacyEvent],
    ['scheduler event', schedulerCore],
  ])('round-trips a %s unchanged', (_name, make) => {
    expect(eventsK8sIo.toStored!(eventsK8sIo.fromStored!(make()))).toEqual(make());
  });

  it('maps every renamed field of a legacy event', () => {
    expect(eventsK8sIo.fromStored!(legacyEvent())).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      note: 'Back-off restarting failed container web in pod web-5d8f7c9b6-x7k2p_demo(0c3e5d1a)',
      regarding: { kind: 'Pod', fieldPath: 'spec.containers{web}' },
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedFirstTimestamp: '2025-01-10T10:00:12Z',
      deprecatedLastTimestamp: '2025-01-10T10:08:40Z',
      deprecatedCount: 7,
      reportingController: 'kubelet',
      eventTime: null,
    });
  });

  it('leaves objects already in the target form alone', () => {
    expect(eventsK8sIo.toStored!(legacyEvent())).toEqual(legacyEvent());
    expect(eventsK8sIo.fromStored!(schedulerEventsApi())).toEqual(schedulerEventsApi());
  });
});

describe('core event defaults and validation', () => {
  it('defaults count and type and writes the always-present fields', () => {
    const event: KubeObject = {
      metadata: { name: 'x.1', namespace: 'demo' },
      involvedObject: { kind: 'Pod', namespace: 'demo', name: 'x' },
      reason: 'Started',
    };
    events.defaults!(event, { now: 0, random: Math.random, store: undefined as never }, undefined);
    expect(event).toMatchObject({
      count: 1,
      type: 'Normal',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
  });

  it.each<[string, (e: KubeObject) => void, string[]]>([
    ['valid legacy event', () => {}, []],
    ['missing involvedObject', (e) => delete e['involvedObject'], ['involvedObject: Required value']],
    [
      'namespace mismatch',
      (e) => (e.metadata!.namespace = 'other'),
      ['involvedObject.namespace: Invalid value: "demo": does not match event.namespace'],
    ],
    [
      'node events live in default',
      (e) => {
        e.metadata!.namespace = 'default';
        e['involvedObject'] = { kind: 'Node', name: 'node-1' };
      },
      [],
    ],
    [
      'new-style event without its reporter',
      (e) => {
        e['eventTime'] = '2025-01-10T10:00:02.123456Z';
        e['reportingComponent'] = '';
      },
      ['reportingComponent: Required value', 'action: Required value'],
    ],
  ])('%s', (_name, change, expected) => {
    const event = legacyEvent();
    change(event);
    expect(rendered(events.validate!(event, undefined))).toEqual(expected);
  });
});

describe('events.k8s.io validation', () => {
  it.each<[string, (e: KubeObject) => void, string[]]>([
    ['valid', () => {}, []],
    ['missing regarding', (e) => delete e['regarding'], ['regarding: Required value']],
    [
      'missing eventTime and reporter',
      (e) => {
        delete e['eventTime'];
        delete e['reportingController'];
      },
      ['eventTime: Required value'],
    ],
    ['bad type', (e) => (e['type'] = 'Error'), ['type: Invalid value: "": has invalid value: Error']],
    [
      'deprecated fields set',
      (e) => {
        e['deprecatedCount'] = 2;
        e['deprecatedSource'] = { component: 'kubelet' };
      },
      ['count: Invalid value: "": needs to be unset', 'source: Invalid value: "": needs to be unset'],
    ],
    [
      'series of one',
      (e) => (e['series'] = { count: 1, lastObservedTime: '2025-01-10T10:05:02.654321Z' }),
      ['series.count: Invalid value: "": should be at least 2'],
    ],
  ])('%s', (_name, change, expected) => {
    const event = schedulerEventsApi();
    change(event);
    expect(rendered(eventsK8sIo.validate!(event, undefined))).toEqual(expected);
  });
});

describe('event field selectors', () => {
  it.each([
    ['involvedObject.kind', 'Pod'],
    ['involvedObject.name', 'web-5d8f7c9b6-x7k2p'],
    ['involvedObject.namespace', 'demo'],
    ['involvedObject.uid', '0c3e5d1a'],
    ['involvedObject.apiVersion', 'v1'],
    ['involvedObject.resourceVersion', '2290'],
    ['involvedObject.fieldPath', 'spec.containers{web}'],
    ['reason', 'BackOff'],
    ['reportingComponent', 'kubelet'],
    ['source', 'kubelet'],
    ['type', 'Warning'],
  ])('core %s = %s', (field, expected) => {
    expect(events.fieldSelectors?.[field]?.(legacyEvent())).toBe(expected);
  });

  it('uses the reporting component as source for new-style events', () => {
    expect(events.fieldSelectors?.['source']?.(schedulerCore())).toBe('default-scheduler');
  });

  it.each([
    ['regarding.kind', 'Pod'],
    ['regarding.name', 'web-5d8f7c9b6-x7k2p'],
    ['reason', 'FailedScheduling'],
    ['reportingController', 'default-scheduler'],
    ['type', 'Warning'],
  ])('events.k8s.io %s = %s, in either form', (field, expected) => {
    expect(eventsK8sIo.fieldSelectors?.[field]?.(schedulerEventsApi())).toBe(expected);
    expect(eventsK8sIo.fieldSelectors?.[field]?.(schedulerCore())).toBe(expected);
  });
});
