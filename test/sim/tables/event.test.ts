import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/types.js';
import { eventFromCore } from '../../../src/sim/kinds/event-conversion.js';
import { eventTable } from '../../../src/sim/tables/event.js';

const NOW = Date.parse('2025-01-10T10:10:40Z');

const kubeletBackOff: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'web-5d8f7c9b6-abcde.1811f0a2b3c4d5e6',
    namespace: 'demo',
    creationTimestamp: '2025-01-10T10:00:40Z',
  },
  involvedObject: {
    kind: 'Pod',
    namespace: 'demo',
    name: 'web-5d8f7c9b6-abcde',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{web}',
  },
  reason: 'BackOff',
  message: 'Back-off restarting failed container web in pod web-5d8f7c9b6-abcde_demo(7c0c)\n',
  source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2025-01-10T10:00:40Z',
  lastTimestamp: '2025-01-10T10:08:40Z',
  count: 12,
  type: 'Warning',
  eventTime: null,
  reportingComponent: 'kubelet',
  reportingInstance: 'node-1',
};

const schedulerEvent: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-5d8f7c9b6-abcde.1811f0a1f0e0d0c0', namespace: 'demo' },
  involvedObject: { kind: 'Pod', namespace: 'demo', name: 'web-5d8f7c9b6-abcde' },
  reason: 'FailedScheduling',
  message: '0/3 nodes are available: 3 Insufficient memory.',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Warning',
  eventTime: '2025-01-10T10:00:40.123456Z',
  action: 'Scheduling',
  reportingComponent: 'default-scheduler',
  reportingInstance: 'default-scheduler-control-plane',
};

describe('event table', () => {
  it('renders the §4.3 row: lower-case kind/name, kubelet source, trimmed message, count', () => {
    expect(eventTable.cells(kubeletBackOff, NOW)).toEqual([
      '2m',
      'Warning',
      'BackOff',
      'pod/web-5d8f7c9b6-abcde',
      'spec.containers{web}',
      'kubelet, node-1',
      'Back-off restarting failed container web in pod web-5d8f7c9b6-abcde_demo(7c0c)',
      '10m',
      12,
      'web-5d8f7c9b6-abcde.1811f0a2b3c4d5e6',
    ]);
  });

  it('falls back to eventTime and the reporting component for new-style events; count defaults to 1', () => {
    const row = eventTable.cells(schedulerEvent, NOW);
    // 9m59.876s: Go truncates, it does not round.
    expect([row[0], row[5], row[7], row[8]]).toEqual([
      '9m59s',
      'default-scheduler, default-scheduler-control-plane',
      '9m59s',
      1,
    ]);
  });

  it('uses series.lastObservedTime and series.count when present', () => {
    const row = eventTable.cells(
      { ...schedulerEvent, series: { count: 3, lastObservedTime: '2025-01-10T10:10:10.654321Z' } },
      NOW,
    );
    expect([row[0], row[8]]).toEqual(['29s', 3]);
  });

  it('prints just the kind when the involved object has no name, and LAST SEEN from firstTimestamp', () => {
    const row = eventTable.cells(
      {
        ...kubeletBackOff,
        involvedObject: { kind: 'Node' },
        lastTimestamp: null,
        source: { component: 'kernel-monitor' },
        reportingComponent: '',
        reportingInstance: '',
      },
      NOW,
    );
    expect([row[0], row[3], row[5]]).toEqual(['10m', 'node', 'kernel-monitor']);
  });

  it('prints events.k8s.io objects exactly like their core form', () => {
    expect(eventTable.cells(eventFromCore(kubeletBackOff), NOW)).toEqual(
      eventTable.cells(kubeletBackOff, NOW),
    );
  });

  it('orders the columns like kubectl 1.32: five default, five wide', () => {
    expect(eventTable.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0',
      'Type:0',
      'Reason:0',
      'Object:0',
      'Subobject:1',
      'Source:1',
      'Message:0',
      'First Seen:1',
      'Count:1',
      'Name:1',
    ]);
    expect(eventTable.columns.at(-1)?.format).toBe('name');
  });
});
