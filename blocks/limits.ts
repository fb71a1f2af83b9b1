/**
 * Slack's message limits as a checker (reference §A3): used by the block tests on every builder output and by
 * the Slack emulator to refuse what real Slack would refuse with `invalid_blocks`. It takes untrusted JSON, so
 * it never assumes a shape; it returns every violation found (an empty list means valid).
 */
import { checkElement, checkText, isRecord, type Violation } from './limits-elements.js';
import { LIMITS } from './message.js';

export type { Violation } from './limits-elements.js';

export function checkMessage(message: unknown): Violation[] {
  if (!isRecord(message)) return [{ path: '', rule: 'message', message: 'message must be an object' }];
  const violations: Violation[] = [];
  const { text, blocks } = message;
  if (typeof text !== 'string' || text.trim().length === 0)
    violations.push({
      path: 'text',
      rule: 'fallback-text',
      message: 'fallback text must be a non-empty string',
    });
  else if (text.length > LIMITS.fallbackText)
    violations.push({
      path: 'text',
      rule: 'fallback-text',
      message: `text is longer than ${LIMITS.fallbackText}`,
    });
  if (blocks === undefined) return violations;
  if (!Array.isArray(blocks))
    return [...violations, { path: 'blocks', rule: 'blocks', message: 'not an array' }];
  if (blocks.length > LIMITS.blocks)
    violations.push({
      path: 'blocks',
      rule: 'block-count',
      message: `${blocks.length} blocks > ${LIMITS.blocks}`,
    });
  const blockIds = new Set<string>();
  blocks.forEach((block: unknown, index) => {
    const path = `blocks[${index}]`;
    if (!isRecord(block)) {
      violations.push({ path, rule: 'block', message: 'block must be an object' });
      return;
    }
    violations.push(...checkBlockId(block.block_id, path, blockIds), ...checkBlock(block, path));
  });
  return violations;
}

function checkBlockId(value: unknown, path: string, seen: Set<string>): Violation[] {
  if (value === undefined) return [];
  const where = `${path}.block_id`;
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.blockId)
    return [{ path: where, rule: 'block-id', message: `block_id must be 1–${LIMITS.blockId} characters` }];
  if (seen.has(value))
    return [{ path: where, rule: 'block-id-unique', message: `block_id ${value} is used twice` }];
  seen.add(value);
  return [];
}

function checkBlock(block: Record<string, unknown>, path: string): Violation[] {
  switch (block.type) {
    case 'header':
      return checkText(block.text, `${path}.text`, {
        max: LIMITS.headerText,
        plainOnly: true,
        rule: 'header',
      });
    case 'section':
      return checkSection(block, path);
    case 'context':
      return checkContext(block, path);
    case 'actions':
      return checkActions(block, path);
    case undefined:
      return [{ path, rule: 'block', message: 'block has no type' }];
    default:
      return [];
  }
}

function checkSection(block: Record<string, unknown>, path: string): Violation[] {
  const violations: Violation[] = [];
  if (block.text === undefined && block.fields === undefined)
    violations.push({ path, rule: 'section', message: 'section needs text or fields' });
  if (block.text !== undefined)
    violations.push(
      ...checkText(block.text, `${path}.text`, { max: LIMITS.sectionText, rule: 'section-text' }),
    );
  if (block.fields !== undefined) {
    violations.push(...checkList(block.fields, `${path}.fields`, LIMITS.fields, 'section-fields'));
    if (Array.isArray(block.fields))
      block.fields.forEach((field: unknown, index) =>
        violations.push(
          ...checkText(field, `${path}.fields[${index}]`, { max: LIMITS.fieldText, rule: 'field-text' }),
        ),
      );
  }
  if (block.accessory !== undefined) violations.push(...checkElement(block.accessory, `${path}.accessory`));
  return violations;
}

function checkContext(block: Record<string, unknown>, path: string): Violation[] {
  const violations = checkList(
    block.elements,
    `${path}.elements`,
    LIMITS.contextElements,
    'context-elements',
  );
  if (!Array.isArray(block.elements)) return violations;
  block.elements.forEach((element: unknown, index) => {
    // Image elements carry no text; text elements follow the text object's 1–3,000 rule.
    if (isRecord(element) && element.type === 'image') return;
    const where = `${path}.elements[${index}]`;
    violations.push(...checkText(element, where, { max: LIMITS.sectionText, rule: 'context-text' }));
  });
  return violations;
}

function checkActions(block: Record<string, unknown>, path: string): Violation[] {
  const violations = checkList(
    block.elements,
    `${path}.elements`,
    LIMITS.actionsElements,
    'actions-elements',
  );
  if (!Array.isArray(block.elements)) return violations;
  const actionIds = new Set<string>();
  block.elements.forEach((element: unknown, index) => {
    const where = `${path}.elements[${index}]`;
    violations.push(...checkElement(element, where));
    const actionId = isRecord(element) ? element.action_id : undefined;
    if (typeof actionId !== 'string') return;
    if (actionIds.has(actionId))
      violations.push({
        path: `${where}.action_id`,
        rule: 'action-id-unique',
        message: `action_id ${actionId} is used twice in one block`,
      });
    actionIds.add(actionId);
  });
  return violations;
}

function checkList(value: unknown, path: string, max: number, rule: string): Violation[] {
  if (!Array.isArray(value) || value.length === 0)
    return [{ path, rule, message: 'must be a non-empty array' }];
  if (value.length > max) return [{ path, rule, message: `${value.length} items > ${max}` }];
  return [];
}
