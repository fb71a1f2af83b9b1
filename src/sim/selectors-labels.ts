/**
 * Label selector strings (`?labelSelector=`), parsed like apimachinery `labels.Parse`: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k` (and `k>1`, `k<1`), comma = AND, whitespace ignored. Errors carry
 * the real parser's text (`unable to parse requirement: …`, `found 'x', expected: …`) as a 400 BadRequest.
 */
import { errors } from './errors.js';
import { matcherFor, newRequirement, qualifiedNameErrors, invalidField } from './selectors-requirements.js';
import type { LabelMatcher, LabelOperator, LabelRequirement } from './selectors-requirements.js';

type TokenType =
  'id' | 'in' | 'notin' | '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '>' | '<' | 'end' | 'error';
type Token = { type: TokenType; literal: string };

const SYMBOLS = new Set(['=', '==', '!=', '!', '(', ')', ',', '>', '<']);
const SPECIAL = /[=!(),><]/;
const WHITESPACE = /[ \t\r\n]/;

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (SPECIAL.test(ch)) {
      // Longest run of special characters that is still a known symbol (`==` but `=` then `(` in `=(`).
      let symbol = '';
      while (i < input.length && SPECIAL.test(input.charAt(i)) && SYMBOLS.has(symbol + input.charAt(i))) {
        symbol += input.charAt(i++);
      }
      if (symbol === '') {
        tokens.push({ type: 'error', literal: `error expected: keyword found '${ch}'` });
        i++;
      } else {
        tokens.push({ type: symbol as TokenType, literal: symbol });
      }
    } else {
      let word = '';
      while (i < input.length && !WHITESPACE.test(input.charAt(i)) && !SPECIAL.test(input.charAt(i)))
        word += input.charAt(i++);
      tokens.push({ type: word === 'in' || word === 'notin' ? word : 'id', literal: word });
    }
  }
  tokens.push({ type: 'end', literal: '' });
  return tokens;
}

class ParseError extends Error {}

/** Recursive-descent parser over the token list; `values` context reads `in`/`notin` as plain identifiers. */
class Parser {
  #position = 0;
  constructor(private readonly tokens: Token[]) {}

  #peek(values: boolean): Token {
    const token = this.tokens[Math.min(this.#position, this.tokens.length - 1)] ?? {
      type: 'end',
      literal: '',
    };
    return values && (token.type === 'in' || token.type === 'notin')
      ? { type: 'id', literal: token.literal }
      : token;
  }

  #next(values: boolean): Token {
    const token = this.#peek(values);
    this.#position++;
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const token = this.#peek(true);
      if (token.type === 'end') return requirements;
      if (token.type !== 'id' && token.type !== '!') {
        throw new ParseError(`found '${token.literal}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.#requirement());
      const after = this.#next(true);
      if (after.type === 'end') return requirements;
      if (after.type !== ',')
        throw new ParseError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.#peek(true);
      if (following.type !== 'id' && following.type !== '!') {
        throw new ParseError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  #requirement(): LabelRequirement {
    let token = this.#next(true);
    const negated = token.type === '!';
    if (negated) token = this.#next(true);
    if (token.type !== 'id') throw new ParseError(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyErrors = qualifiedNameErrors(key);
    if (keyErrors.length > 0)
      throw new ParseError(
        `unable to parse requirement: ${invalidField('<nil>', key, keyErrors.join('; '))}`,
      );
    const lookahead = this.#peek(true).type;
    if (negated || lookahead === 'end' || lookahead === ',')
      return this.#build(key, negated ? '!' : 'exists', []);

    const operator = this.#next(false);
    switch (operator.type) {
      case 'in':
      case 'notin':
        return this.#build(key, operator.type, this.#setValues());
      case '=':
      case '==':
      case '!=':
        return this.#build(key, operator.type, [this.#exactValue()]);
      case '>':
      case '<':
        return this.#build(key, operator.type === '>' ? 'gt' : 'lt', [this.#exactValue()]);
      default:
        throw new ParseError(`found '${operator.literal}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  #build(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
    const requirement = newRequirement(key, operator, values);
    if (typeof requirement === 'string') throw new ParseError(`unable to parse requirement: ${requirement}`);
    return requirement;
  }

  #exactValue(): string {
    const token = this.#peek(true);
    if (token.type === 'end' || token.type === ',') return '';
    this.#position++;
    if (token.type === 'id') return token.literal;
    throw new ParseError(`found '${token.literal}', expected: identifier`);
  }

  /** `(a,b)`; like Go's sets.String the result is deduplicated and sorted, and `()`/`(,` stand for "". */
  #setValues(): string[] {
    const open = this.#next(true);
    if (open.type !== '(') throw new ParseError(`found '${open.literal}' expected: '('`);
    const values = new Set<string>();
    const first = this.#peek(true);
    if (first.type === ')') {
      this.#position++;
      return [''];
    }
    if (first.type !== 'id' && first.type !== ',') {
      throw new ParseError(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    for (;;) {
      const token = this.#next(true);
      if (token.type === 'id') {
        values.add(token.literal);
        const after = this.#peek(true);
        if (after.type === ')') break;
        if (after.type !== ',') throw new ParseError(`found '${after.literal}', expected: ',' or ')'`);
      } else if (token.type === ',') {
        if (values.size === 0) values.add('');
        const after = this.#peek(true);
        if (after.type === ')') {
          values.add('');
          break;
        }
        if (after.type === ',') {
          this.#position++;
          values.add('');
        }
      } else {
        throw new ParseError(`found '${token.literal}', expected: ',', or identifier`);
      }
    }
    this.#position++; // the ')'
    return [...values].sort();
  }
}

/** Parses a selector string into requirements; throws a 400 ApiError with the parser's message. */
export function parseLabelRequirements(selector: string): LabelRequirement[] {
  try {
    return new Parser(lex(selector)).parse();
  } catch (err) {
    if (err instanceof ParseError) throw errors.badRequest(err.message);
    throw err;
  }
}

/** `?labelSelector=` ⇒ a matcher over an object's labels. Empty or absent selects everything. */
export function parseLabelSelector(selector: string | undefined): LabelMatcher {
  return matcherFor(parseLabelRequirements(selector ?? ''));
}
