import { z } from 'zod';

/** Root-cause categories (SPEC §4). `none` means healthy. */
export const CATEGORIES = [
  'missing_env',
  'missing_config',
  'oom',
  'image_pull',
  'crash',
  'probe_failure',
  'unschedulable',
  'quota_exceeded',
  'scaled_to_zero',
  'no_endpoints',
  'pvc_pending',
  'none',
] as const;

export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Fix kinds (SPEC §4). `manual` is a written instruction and is never executed. */
export const ACTION_KINDS = [
  'set_env',
  'set_resources',
  'set_probe',
  'set_image',
  'rollback',
  'restart',
  'scale',
  'delete_pod',
  'manual',
] as const;

export const ActionKind = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKind>;

export const Risk = z.enum(['low', 'medium', 'high']);
export type Risk = z.infer<typeof Risk>;
