/**
 * Alertmanager webhook payloads as Alertmanager sends them: version 4 envelope, kube-prometheus label sets of
 * the kubernetes-mixin rules (reference §C4/§C5 — including kube-state-metrics' own `job`, `instance` and
 * `container="kube-rbac-proxy-main"` labels), and the Go wire format (compact JSON, `&<>` as \u0026…, a
 * trailing newline).
 */
import { createHash } from 'node:crypto';

export type Labels = Record<string, string>;
export type FixtureAlert = {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
};

const KSM = { instance: '10.244.1.17:8443', job: 'kube-state-metrics', prometheus: 'monitoring/k8s' };
const STARTS = '2026-11-20T09:14:32.518Z';
const RUNBOOK = 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/';
const FIRING_END = '0001-01-01T00:00:00Z';

/** A stable 16-hex fingerprint of a label set (Alertmanager hashes the sorted labels too). */
export function fingerprintOf(labels: Labels): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
  return createHash('sha256').update(sorted).digest('hex').slice(0, 16);
}

function alert(labels: Labels, annotations: Labels, expr: string): FixtureAlert {
  const sortedLabels = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    status: 'firing',
    labels: sortedLabels,
    annotations,
    startsAt: STARTS,
    endsAt: FIRING_END,
    generatorURL: `http://prometheus-k8s-0:9090/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`,
    fingerprint: fingerprintOf(labels),
  };
}

export function kubePodCrashLooping(namespace: string, pod: string, container: string): FixtureAlert {
  return alert(
    {
      alertname: 'KubePodCrashLooping',
      container,
      ...KSM,
      namespace,
      pod,
      reason: 'CrashLoopBackOff',
      severity: 'warning',
      uid: '5f1c2d3e-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
    },
    {
      description: `Pod ${namespace}/${pod} (${container}) is in waiting state (reason: "CrashLoopBackOff") on cluster .`,
      runbook_url: `${RUNBOOK}kubepodcrashlooping`,
      summary: 'Pod is crash looping.',
    },
    'max_over_time(kube_pod_container_status_waiting_reason{job="kube-state-metrics",reason="CrashLoopBackOff"}[5m]) >= 1',
  );
}

/** The `container` here is kube-state-metrics' own sidecar: it says nothing about the workload. */
export function kubeDeploymentReplicasMismatch(namespace: string, deployment: string): FixtureAlert {
  return alert(
    {
      alertname: 'KubeDeploymentReplicasMismatch',
      container: 'kube-rbac-proxy-main',
      deployment,
      ...KSM,
      namespace,
      severity: 'warning',
    },
    {
      description: `Deployment ${namespace}/${deployment} has not matched the expected number of replicas for longer than 15 minutes on cluster .`,
      runbook_url: `${RUNBOOK}kubedeploymentreplicasmismatch`,
      summary: 'Deployment has not matched the expected number of replicas.',
    },
    '(kube_deployment_spec_replicas{job="kube-state-metrics"} > kube_deployment_status_replicas_available{job="kube-state-metrics"}) and (changes(kube_deployment_status_replicas_updated{job="kube-state-metrics"}[10m]) == 0)',
  );
}

/** `sum by (namespace, pod, job, cluster)`: only those labels survive the aggregation. */
export function kubePodNotReady(namespace: string, pod: string): FixtureAlert {
  return alert(
    {
      alertname: 'KubePodNotReady',
      job: 'kube-state-metrics',
      namespace,
      pod,
      prometheus: 'monitoring/k8s',
      severity: 'warning',
    },
    {
      description: `Pod ${namespace}/${pod} has been in a non-ready state for longer than 15 minutes on cluster .`,
      runbook_url: `${RUNBOOK}kubepodnotready`,
      summary: 'Pod has been in a non-ready state for more than 15 minutes.',
    },
    'sum by (namespace, pod, job, cluster) (max by (namespace, pod, job, cluster) (kube_pod_status_phase{job="kube-state-metrics",phase=~"Pending|Unknown"} == 1)) > 0',
  );
}

export function kubeContainerWaiting(
  namespace: string,
  pod: string,
  container: string,
  reason: string,
): FixtureAlert {
  return alert(
    {
      alertname: 'KubeContainerWaiting',
      container,
      ...KSM,
      namespace,
      pod,
      reason,
      severity: 'warning',
      uid: '0b6f1f0e-2c4d-4e5f-8a9b-0c1d2e3f4a5b',
    },
    {
      description: `pod/${pod} in namespace ${namespace} on container ${container} has been in waiting state for longer than 1 hour. (reason: "${reason}") on cluster .`,
      runbook_url: `${RUNBOOK}kubecontainerwaiting`,
      summary: 'Pod container waiting longer than 1 hour',
    },
    'kube_pod_container_status_waiting_reason{job="kube-state-metrics",reason!="CrashLoopBackOff"} > 0',
  );
}

/** A namespace-only alert: a quota, no workload label at all. */
export function kubeQuotaExceeded(namespace: string, severity = 'warning'): FixtureAlert {
  return alert(
    {
      alertname: 'KubeQuotaExceeded',
      namespace,
      prometheus: 'monitoring/k8s',
      resource: 'limits.memory',
      resourcequota: 'compute-quota',
      severity,
    },
    {
      description: `Namespace ${namespace} is using 112.5% of its limits.memory quota on cluster .`,
      runbook_url: `${RUNBOOK}kubequotaexceeded`,
      summary: 'Namespace quota has exceeded the limits.',
    },
    'kube_resourcequota{job="kube-state-metrics",type="used"} / ignoring(instance, job, type) (kube_resourcequota{job="kube-state-metrics",type="hard"} > 0) > 1',
  );
}

export function resolved(firing: FixtureAlert, endsAt = '2026-11-20T09:41:17.518Z'): FixtureAlert {
  return { ...firing, status: 'resolved', endsAt };
}

function common(maps: Labels[]): Labels {
  const [first, ...rest] = maps;
  if (!first) return {};
  return Object.fromEntries(
    Object.entries(first).filter(([key, value]) => rest.every((m) => m[key] === value)),
  );
}

/** The v4 envelope around alerts of one group (`group_by: [namespace]`, the kube-prometheus default). */
export function notification(alerts: FixtureAlert[], receiver = 'sre-bot'): Record<string, unknown> {
  const namespace = alerts[0]?.labels['namespace'] ?? '';
  return {
    receiver,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    groupLabels: { namespace },
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL: 'http://alertmanager-main-0.alertmanager-operated:9093',
    version: '4',
    groupKey: `{}:{namespace="${namespace}"}`,
    truncatedAlerts: 0,
  };
}

/** Go's json.Encoder output: compact, HTML characters escaped, newline-terminated. */
export function wire(payload: unknown): string {
  const escapes: Record<string, string> = { '&': '\\u0026', '<': '\\u003c', '>': '\\u003e' };
  return `${JSON.stringify(payload).replace(/[&<>]/g, (c) => escapes[c]!)}\n`;
}
