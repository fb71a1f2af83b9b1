/**
 * A strict micro-renderer for the prompts in prompts/: markdown files with front-matter (`id`, `version`,
 * `inputs`), `{{name}}` substitution and `{{> _partial}}` includes. Strict because a prompt that silently
 * renders `{{namespace}}` or forgets a block is a bug nobody sees: a missing, undeclared or unused variable
 * throws `prompt_invalid`. Substitution is one pass, so a value that contains `{{…}}` stays literal text.
 * HTML comments are notes for maintainers and are not sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SreBotError } from '../errors.js';
import { PROMPTS_DIR } from '../paths.js';

export type RenderedPrompt = { id: string; version: string; text: string };

const FrontMatter = z
  .object({
    id: z.string().regex(/^_?[a-z][a-z0-9-]*$/, 'must be kebab-case'),
    version: z.union([z.string().min(1), z.number()]).transform(String),
    inputs: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case')).default([]),
  })
  .strict();
type FrontMatter = z.infer<typeof FrontMatter>;

const VARIABLE = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const INCLUDE = /\{\{>\s*(_[a-z][a-z0-9-]*)\s*\}\}/g;
const ANY_TAG = /\{\{[\s\S]*?\}\}/g;
const MAX_INCLUDE_DEPTH = 4;

export function renderPrompt(
  name: string,
  variables: Record<string, string>,
  directory = PROMPTS_DIR,
): RenderedPrompt {
  const { meta, body } = loadPromptFile(name, directory);
  const template = expandIncludes(body, directory, [name]);

  const declared = new Set(meta.inputs);
  const used = new Set([...template.matchAll(VARIABLE)].map((match) => match[1]!));
  const undeclared = [...used].filter((variable) => !declared.has(variable));
  if (undeclared.length > 0) fail(name, `uses undeclared variable(s): ${undeclared.join(', ')}`);
  const unusedInputs = meta.inputs.filter((input) => !used.has(input));
  if (unusedInputs.length > 0) fail(name, `declares input(s) it never uses: ${unusedInputs.join(', ')}`);
  const missing = meta.inputs.filter((input) => variables[input] === undefined);
  if (missing.length > 0) fail(name, `missing variable(s): ${missing.join(', ')}`);
  const unknown = Object.keys(variables).filter((variable) => !declared.has(variable));
  if (unknown.length > 0) fail(name, `was given variable(s) it does not declare: ${unknown.join(', ')}`);

  // Anything still looking like a tag (a typo such as `{{ Name }}` or `{{>x}}`) would reach the model verbatim.
  const stray = template.replace(VARIABLE, '').match(ANY_TAG);
  if (stray) fail(name, `has a malformed tag: ${stray[0]}`);

  const text = template.replace(VARIABLE, (_tag, variable: string) => variables[variable] ?? '');
  return { id: meta.id, version: meta.version, text };
}

function loadPromptFile(name: string, directory: string): { meta: FrontMatter; body: string } {
  let source: string;
  try {
    source = readFileSync(join(directory, `${name}.md`), 'utf8');
  } catch (error) {
    throw new SreBotError('prompt_invalid', `prompt ${name}: cannot read ${name}.md`, { cause: error });
  }
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) fail(name, 'has no front-matter (--- id, version, inputs ---)');
  let raw: unknown;
  try {
    raw = parseYaml(match[1]!);
  } catch (error) {
    throw new SreBotError('prompt_invalid', `prompt ${name}: front-matter is not YAML`, { cause: error });
  }
  const parsed = FrontMatter.safeParse(raw);
  if (!parsed.success) fail(name, `front-matter: ${z.prettifyError(parsed.error).replace(/\n+/g, '; ')}`);
  if (parsed.data.id !== name) fail(name, `front-matter id "${parsed.data.id}" does not match the file name`);
  return { meta: parsed.data, body: match[2]!.replace(/<!--[\s\S]*?-->\n?/g, '').trim() };
}

function expandIncludes(text: string, directory: string, chain: string[]): string {
  return text.replace(INCLUDE, (_tag, partial: string) => {
    if (chain.includes(partial) || chain.length > MAX_INCLUDE_DEPTH) {
      fail(chain[0]!, `include cycle or depth: ${[...chain, partial].join(' > ')}`);
    }
    const { meta, body } = loadPromptFile(partial, directory);
    // Partials are shared text; their variables, if any, are the including prompt's to declare and fill.
    if (meta.inputs.length > 0) fail(partial, 'a partial declares no inputs of its own');
    return expandIncludes(body, directory, [...chain, partial]);
  });
}

function fail(name: string, problem: string): never {
  throw new SreBotError('prompt_invalid', `prompt ${name}: ${problem}`);
}
