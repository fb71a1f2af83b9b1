/**
 * The Alertmanager webhook body (version 4, `notify/webhook/webhook.go`), validated at the boundary. Unknown
 * fields are tolerated: newer Alertmanagers add some (`notification_reason` in 0.32, `routeLabels` in 0.34)
 * while keeping version "4".
 */
import { z } from 'zod';

const Labels = z.record(z.string(), z.string());

export const WebhookAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  // The per-alert identity (a hash of the label set); it also becomes part of store keys, hence the bound.
  fingerprint: z.string().min(1).max(128),
});
export type WebhookAlert = z.infer<typeof WebhookAlert>;

export const AlertmanagerWebhook = z.looseObject({
  version: z.literal('4', { error: 'only version "4" of the Alertmanager webhook is supported' }),
  receiver: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(WebhookAlert),
  groupKey: z.string(),
  groupLabels: Labels.optional(),
  commonLabels: Labels.optional(),
  commonAnnotations: Labels.optional(),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  notification_reason: z.string().optional(),
  routeLabels: Labels.optional(),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhook>;

/** Parses a request body; on failure, one line a person can act on (`alerts.0.fingerprint: …`). */
export function parseWebhook(
  text: string,
): { ok: true; value: AlertmanagerWebhook } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
  }
  const parsed = AlertmanagerWebhook.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`);
  return { ok: false, reason: reasons.join('; ') };
}
