/** Limits of the pieces inside blocks: text objects, buttons and their confirmation dialogs (reference §A3). */
import { LIMITS } from './message.js';

export type Violation = {
  /** Where, as a JSON path into the message: `blocks[7].elements[0].confirm.text`. */
  path: string;
  /** A stable name for the rule broken, for tests and the emulator's error detail. */
  rule: string;
  message: string;
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type TextRule = { max: number; rule: string; plainOnly?: boolean };

/** A text object: `{ type: 'plain_text' | 'mrkdwn', text }`, 1 to `max` characters. */
export function checkText(value: unknown, path: string, { max, rule, plainOnly }: TextRule): Violation[] {
  if (!isRecord(value) || typeof value.text !== 'string')
    return [{ path, rule, message: 'must be a text object with a string text' }];
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type))
    return [{ path, rule, message: `type must be ${allowed.join(' or ')}` }];
  if (value.text.length === 0) return [{ path, rule, message: 'text is empty' }];
  if (value.text.length > max) return [{ path, rule, message: `${value.text.length} characters > ${max}` }];
  return [];
}

/** Interactive elements; buttons are the ones the bot uses, others only get their action_id checked. */
export function checkElement(element: unknown, path: string): Violation[] {
  if (!isRecord(element)) return [{ path, rule: 'element', message: 'element must be an object' }];
  const violations = checkActionId(element.action_id, `${path}.action_id`);
  if (element.type !== 'button') return violations;
  violations.push(
    ...checkText(element.text, `${path}.text`, {
      max: LIMITS.buttonText,
      plainOnly: true,
      rule: 'button-text',
    }),
  );
  if (
    element.value !== undefined &&
    (typeof element.value !== 'string' || element.value.length > LIMITS.buttonValue)
  )
    violations.push({
      path: `${path}.value`,
      rule: 'button-value',
      message: `value must be a string ≤ ${LIMITS.buttonValue}`,
    });
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
    violations.push({
      path: `${path}.style`,
      rule: 'button-style',
      message: 'style must be primary or danger',
    });
  if (element.confirm !== undefined) violations.push(...checkConfirm(element.confirm, `${path}.confirm`));
  return violations;
}

function checkActionId(value: unknown, path: string): Violation[] {
  if (value === undefined) return [];
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.actionId)
    return [{ path, rule: 'action-id', message: `action_id must be 1–${LIMITS.actionId} characters` }];
  return [];
}

function checkConfirm(confirm: unknown, path: string): Violation[] {
  if (!isRecord(confirm)) return [{ path, rule: 'confirm', message: 'confirm must be an object' }];
  const violations = checkText(confirm.text, `${path}.text`, {
    max: LIMITS.confirmText,
    rule: 'confirm-text',
  });
  const plainParts = [
    ['title', LIMITS.confirmTitle],
    ['confirm', LIMITS.confirmButton],
    ['deny', LIMITS.confirmButton],
  ] as const;
  for (const [key, max] of plainParts)
    if (confirm[key] !== undefined)
      violations.push(
        ...checkText(confirm[key], `${path}.${key}`, { max, plainOnly: true, rule: `confirm-${key}` }),
      );
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger')
    violations.push({
      path: `${path}.style`,
      rule: 'confirm-style',
      message: 'style must be primary or danger',
    });
  return violations;
}
