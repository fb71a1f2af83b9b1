/**
 * The `value` of every incident button: which incident and which proposal it acts on, nothing more (the
 * proposal itself stays in the store). Parsing is the listener's boundary: a click carries a string Slack
 * echoes back, and anything malformed becomes a typed failure the listener answers with an ephemeral notice.
 */
import { z } from 'zod';
import { LIMITS } from './message.js';

const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

export const ButtonValue = z.strictObject({
  /** Format version: a button posted by an older bot version can be recognised and refused cleanly. */
  v: z.literal(1),
  incidentId: Id,
  proposalId: Id,
});
export type ButtonValue = z.infer<typeof ButtonValue>;

export type ButtonValueParse =
  { ok: true; value: ButtonValue } | { ok: false; error: 'malformed_button_value'; message: string };

/**
 * Compact JSON; the id bounds keep it far under Slack's 2,000 characters. Throws on an id outside those bounds:
 * ids are made by our own code, so that is a programmer error, not input.
 */
export function encodeButtonValue(value: Omit<ButtonValue, 'v'>): string {
  const parsed = ButtonValue.parse({ v: 1, incidentId: value.incidentId, proposalId: value.proposalId });
  return JSON.stringify(parsed);
}

/** Never throws: Slack payloads are untrusted input. */
export function parseButtonValue(raw: unknown): ButtonValueParse {
  if (typeof raw !== 'string' || raw.length === 0) return failure('the button carried no value');
  if (raw.length > LIMITS.buttonValue) return failure('the button value is too long');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return failure('the button value is not JSON');
  }
  const result = ButtonValue.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'value';
    return failure(`the button value is invalid (${where}: ${issue?.message ?? 'unexpected shape'})`);
  }
  return { ok: true, value: result.data };
}

function failure(message: string): ButtonValueParse {
  return { ok: false, error: 'malformed_button_value', message };
}
