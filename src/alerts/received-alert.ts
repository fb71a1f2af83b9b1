/**
 * One alert as the bot works with it: the webhook alert reduced to what grouping, deduplication and the Slack
 * messages need. Which labels name the object follows kube-prometheus (§C4 of the reference): when Prometheus
 * scraped kube-state-metrics without `honorLabels`, the object's own labels arrive as `exported_*` and the
 * plain ones describe the exporter, so the exported form wins.
 */
import type { WebhookAlert } from './webhook-schema.js';

export type AlertStatus = 'firing' | 'resolved';

export type ReceivedAlert = {
  fingerprint: string;
  status: AlertStatus;
  alertname: string;
  severity: string | undefined;
  /** The object the alert is about, from its labels (never the exporter's own `pod`/`container`/`job`). */
  namespace: string | undefined;
  deployment: string | undefined;
  pod: string | undefined;
  /** One line for Slack: the rendered summary or description. */
  summary: string | undefined;
};

const objectLabel = (labels: Record<string, string>, name: string): string | undefined =>
  nonEmpty(labels[`exported_${name}`]) ?? nonEmpty(labels[name]);

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

export function toReceivedAlert(alert: WebhookAlert): ReceivedAlert {
  const { labels, annotations } = alert;
  return {
    fingerprint: alert.fingerprint,
    status: alert.status,
    alertname: nonEmpty(labels['alertname']) ?? 'unnamed alert',
    severity: nonEmpty(labels['severity']),
    namespace: objectLabel(labels, 'namespace'),
    deployment: objectLabel(labels, 'deployment'),
    pod: objectLabel(labels, 'pod'),
    summary: nonEmpty(annotations['summary']) ?? nonEmpty(annotations['description']),
  };
}

const SEVERITY_RANK: Record<string, number> = { critical: 4, error: 3, warning: 2, info: 1 };

/** The most severe of the labels seen (critical > error > warning > info > anything else). */
export function highestSeverity(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const value of values) {
    if (!value) continue;
    if (!best || (SEVERITY_RANK[value.toLowerCase()] ?? 0) > (SEVERITY_RANK[best.toLowerCase()] ?? 0))
      best = value;
  }
  return best;
}

/** Alerts that are not about a problem: the always-firing `Watchdog` and `InfoInhibitor` (severity `none`). */
export function isMetaAlert(alert: ReceivedAlert): boolean {
  return alert.severity === 'none' || alert.alertname === 'Watchdog' || alert.alertname === 'InfoInhibitor';
}
