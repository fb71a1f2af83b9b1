import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SreBotError } from '../../src/errors.js';
import { renderPrompt } from '../../src/prompts/render-prompt.js';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'prompts-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, text: string): void {
  writeFileSync(join(directory, `${name}.md`), text);
}

function renderError(name: string, variables: Record<string, string>): SreBotError {
  try {
    renderPrompt(name, variables, directory);
  } catch (error) {
    expect(error).toBeInstanceOf(SreBotError);
    expect((error as SreBotError).code).toBe('prompt_invalid');
    return error as SreBotError;
  }
  throw new Error('expected renderPrompt to throw');
}

describe('renderPrompt', () => {
  it('substitutes variables, expands partials and returns id and version', () => {
    write('_rules', '---\nid: _rules\nversion: 3\n---\nRules for {{who}}.');
    write(
      'greet',
      '---\nid: greet\nversion: 2\ninputs: [who, what]\n---\nHello {{ who }}.\n{{> _rules}}\nAbout: {{what}}',
    );
    expect(renderPrompt('greet', { who: 'on-call', what: 'pods' }, directory)).toEqual({
      id: 'greet',
      version: '2',
      text: 'Hello on-call.\nRules for on-call.\nAbout: pods',
    });
  });

  it('substitutes in one pass: a value that looks like a tag stays literal', () => {
    write('echo', '---\nid: echo\nversion: 1\ninputs: [a, b]\n---\n{{a}} {{b}}');
    expect(renderPrompt('echo', { a: '{{b}}', b: '{{> _x}}' }, directory).text).toBe('{{b}} {{> _x}}');
  });

  it('drops maintainer comments', () => {
    write('noted', '---\nid: noted\nversion: 1\n---\n<!-- not for the model -->\nText.');
    expect(renderPrompt('noted', {}, directory).text).toBe('Text.');
  });

  it.each([
    [
      'a missing variable',
      '---\nid: p\nversion: 1\ninputs: [a, b]\n---\n{{a}} {{b}}',
      { a: '1' },
      /missing variable\(s\): b/,
    ],
    [
      'a variable it does not declare',
      '---\nid: p\nversion: 1\ninputs: [a]\n---\n{{a}}',
      { a: '1', b: '2' },
      /does not declare: b/,
    ],
    [
      'a declared input it never uses',
      '---\nid: p\nversion: 1\ninputs: [a, b]\n---\n{{a}}',
      { a: '1', b: '2' },
      /never uses: b/,
    ],
    [
      'a placeholder it does not declare',
      '---\nid: p\nversion: 1\ninputs: [a]\n---\n{{a}} {{c}}',
      { a: '1' },
      /undeclared variable\(s\): c/,
    ],
    ['a malformed tag', '---\nid: p\nversion: 1\n---\nHello {{ Name }}', {}, /malformed tag/],
    ['no front-matter', 'Just text {{a}}', {}, /no front-matter/],
    ['front-matter that is not valid', '---\nid: p\nversion: 1\nextra: yes\n---\nx', {}, /front-matter/],
    ['a version missing', '---\nid: p\ninputs: []\n---\nx', {}, /version/],
    [
      'an id that is not the file name',
      '---\nid: other\nversion: 1\n---\nx',
      {},
      /does not match the file name/,
    ],
    ['a missing partial', '---\nid: p\nversion: 1\n---\n{{> _absent}}', {}, /cannot read _absent\.md/],
  ])('throws prompt_invalid on %s', (_name, text, variables, message) => {
    write('p', text);
    expect(renderError('p', variables).message).toMatch(message);
  });

  it('throws on an include cycle', () => {
    write('_a', '---\nid: _a\nversion: 1\n---\n{{> _b}}');
    write('_b', '---\nid: _b\nversion: 1\n---\n{{> _a}}');
    write('p', '---\nid: p\nversion: 1\n---\n{{> _a}}');
    expect(renderError('p', {}).message).toMatch(/include cycle/);
  });

  it('throws when a partial declares inputs of its own', () => {
    write('_x', '---\nid: _x\nversion: 1\ninputs: [a]\n---\n{{a}}');
    write('p', '---\nid: p\nversion: 1\ninputs: [a]\n---\n{{> _x}}');
    expect(renderError('p', { a: '1' }).message).toMatch(/partial declares no inputs/);
  });

  it('throws when the prompt file does not exist', () => {
    expect(renderError('nope', {}).message).toMatch(/cannot read nope\.md/);
  });
});
