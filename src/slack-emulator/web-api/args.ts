/**
 * zod fields for Web API arguments. The WebClient sends a form where every value is a string — booleans as
 * "true"/"false", objects (blocks, attachments, metadata) JSON-encoded — while JSON bodies carry real types;
 * these fields accept both and yield the real types.
 */
import { z } from 'zod';

function parseIfString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Left as a string: the array/object schema then fails and the caller answers Slack's *_format error.
    return value;
  }
}

export const boolish = z.preprocess((value) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  return value;
}, z.boolean());

/** ts values are strings; a bot passing a number (a common bug the WebClient warns about) still works on Slack. */
export const tsString = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string(),
);

export const blockSchema = z.looseObject({ type: z.string(), block_id: z.string().optional() });

export const blocksField = z.preprocess(parseIfString, z.array(blockSchema));

export const attachmentsField = z.preprocess(parseIfString, z.array(z.record(z.string(), z.unknown())));

export const jsonObjectField = z.preprocess(parseIfString, z.record(z.string(), z.unknown()));

/** The message content shared by chat.postMessage, chat.update, chat.postEphemeral and response_url posts. */
export const contentFields = {
  text: z.string().optional(),
  blocks: blocksField.optional(),
  attachments: attachmentsField.optional(),
};
