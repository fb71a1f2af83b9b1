/**
 * A scripted OpenAI-compatible server: `POST /v1/chat/completions` (and `/chat/completions`, for clients whose
 * base URL has no /v1), answering Chat Completions bodies and OpenAI-shaped errors. Point the adapter's
 * `baseUrl` at `${server.url}/v1`.
 */
import { countTokens } from '../../src/llm/token-count.js';
import {
  startScriptedServer,
  type Dialect,
  type ScriptedReply,
  type ScriptedServer,
} from './scripted-server.js';

const openAiDialect: Dialect = {
  paths: ['/v1/chat/completions', '/chat/completions'],
  success: (request, reply, promptTokens) => {
    const completionTokens = reply.completionTokens ?? countTokens(reply.content);
    return {
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: 1_714_557_600,
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.refusal === undefined ? reply.content : null,
            refusal: reply.refusal ?? null,
          },
          finish_reason: reply.truncated ? 'length' : 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    };
  },
  error: (status, message) => ({
    error: { message, type: status === 429 ? 'rate_limit_error' : 'server_error', param: null, code: null },
  }),
};

export function startScriptedOpenAiServer(replies: readonly ScriptedReply[] = []): Promise<ScriptedServer> {
  return startScriptedServer(openAiDialect, replies);
}
