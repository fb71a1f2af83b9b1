/** Locations inside the installed package (same answer from src/ under tsx and from dist/ once built). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'manifests')))
      return directory;
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error('sre-bot: cannot find the package root (package.json + manifests/)');
    directory = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const SCENARIOS_DIR = join(PACKAGE_ROOT, 'manifests', 'scenarios');
export const PROMPTS_DIR = join(PACKAGE_ROOT, 'prompts');
