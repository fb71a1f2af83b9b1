/**
 * The console's static files (vanilla HTML/CSS/JS, no build step) served from disk. They live next to the
 * source in src/slack-emulator/console/; `tsc` does not copy them into dist/, so the path is resolved from the
 * package root, which is the same answer under tsx, vitest and the built dist/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

export const CONSOLE_DIR = join(PACKAGE_ROOT, 'src', 'slack-emulator', 'console');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  svg: 'image/svg+xml',
};

/** A plain file name with a known extension: nothing else (no `..`, no sub-paths) can be asked for. */
const ASSET_NAME = /^[a-z0-9][a-z0-9-]*\.(html|css|js|svg)$/;

export async function readConsoleAsset(
  name: string,
): Promise<{ body: Buffer; contentType: string } | undefined> {
  const match = ASSET_NAME.exec(name);
  const extension = match?.[1];
  if (extension === undefined) return undefined;
  try {
    const body = await readFile(join(CONSOLE_DIR, name));
    return { body, contentType: `${CONTENT_TYPES[extension] ?? 'application/octet-stream'}; charset=utf-8` };
  } catch {
    return undefined;
  }
}
