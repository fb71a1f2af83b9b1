/**
 * A scripted Ollama server: `POST /api/chat` with `stream: false`, answering Ollama's chat response (token
 * counts in `prompt_eval_count` / `eval_count`) and `{ "error": … }` bodies for failures.
 */
import { countTokens } from '../../src/llm/token-count.js';
import {
  startScriptedServer,
  type Dialect,
  type ScriptedReply,
  type ScriptedServer,
} from './scripted-server.js';

const ollamaDialect: Dialect = {
  paths: ['/api/chat'],
  success: (request, reply, promptTokens) => ({
    model: request.model,
    created_at: '2024-05-01T10:00:00Z',
    message: { role: 'assistant', content: reply.content },
    done: true,
    done_reason: reply.truncated ? 'length' : 'stop',
    total_duration: 1_000_000,
    load_duration: 0,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: 1,
    eval_count: reply.completionTokens ?? countTokens(reply.content),
    eval_duration: 1,
  }),
  error: (_status, message) => ({ error: message }),
};

export function startScriptedOllamaServer(replies: readonly ScriptedReply[] = []): Promise<ScriptedServer> {
  return startScriptedServer(ollamaDialect, replies);
}
