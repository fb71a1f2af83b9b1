/**
 * Token counting for the prompt budget. gpt-tokenizer is pure JavaScript (no native build, no download at run
 * time) and implements o200k_base, the encoding of the GPT-4o/4.1/5 family; for Ollama's models it is an
 * estimate, which is why the budget keeps a margin rather than filling the context to the last token.
 */
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

export type TokenCounter = (text: string) => number;

export const countTokens: TokenCounter = (text) => countO200k(text);

/** Chat formatting adds a few tokens per message (role markers); counted so "fits" means fits. */
export const TOKENS_PER_MESSAGE = 8;
