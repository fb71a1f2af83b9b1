import { describe, expect, it } from 'vitest';
import { LLM_ANSWER_SCHEMA, parseLlmOutput } from '../../src/llm/parse-llm-output.js';

const answer = {
  hasIssue: true,
  category: 'missing_env',
  summary: 'payments crashes: REQUIRED_CONFIG is not set.',
  rootCause: 'The container exits because REQUIRED_CONFIG is missing.',
  confidence: 0.9,
  evidence: ['Error: environment variable REQUIRED_CONFIG is not set'],
  proposals: [
    {
      action: 'set_env',
      target: { kind: 'Deployment', name: 'payments', container: 'app' },
      params:
        '{"name":"REQUIRED_CONFIG","valueFrom":{"configMapKeyRef":{"name":"payments-config","key":"REQUIRED_CONFIG"}}}',
      rationale: 'The ConfigMap has the key.',
    },
  ],
};

describe('parseLlmOutput', () => {
  it.each([
    ['bare JSON', JSON.stringify(answer)],
    ['a ```json fence', `\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\``],
    [
      'a bare ``` fence with prose around',
      `Sure! Here it is:\n\`\`\`\n${JSON.stringify(answer)}\n\`\`\`\nHope that helps.`,
    ],
    ['prose before and after, no fence', `My diagnosis: ${JSON.stringify(answer)} -- end.`],
    ['leading whitespace', `\n\n   ${JSON.stringify(answer)}\n`],
  ])('accepts %s', (_name, text) => {
    const parsed = parseLlmOutput(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.answer.category).toBe('missing_env');
  });

  it.each([
    ['prose only', 'I think the pod is out of memory.', /no JSON object/],
    ['invalid JSON', '{"hasIssue": true, "category": }', /not valid JSON/],
    ['a missing field', JSON.stringify({ ...answer, summary: undefined }), /summary/],
    ['a wrong type', JSON.stringify({ ...answer, confidence: 'high' }), /confidence/],
    ['an array', '[1, 2]', /no JSON object|schema/],
  ])('rejects %s with a reason', (_name, text, reason) => {
    const parsed = parseLlmOutput(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it('tolerates params as an object, unknown action kinds and extra fields (code judges them later)', () => {
    const loose = {
      ...answer,
      extra: 'ignored',
      proposals: [
        {
          action: 'delete_deployment',
          target: { kind: 'Deployment', name: 'billing', namespace: 'other' },
          params: { replicas: 0 },
        },
      ],
    };
    const parsed = parseLlmOutput(JSON.stringify(loose));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.answer).not.toHaveProperty('extra');
    expect(parsed.answer.proposals[0]).toEqual({
      action: 'delete_deployment',
      target: { kind: 'Deployment', name: 'billing', namespace: 'other' },
      params: { replicas: 0 },
      rationale: '',
    });
  });
});

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
};

/** Every object in the schema, with its path: OpenAI strict mode's rules apply to each. */
function objects(schema: JsonSchema, path = '$'): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = schema.properties ? [[path, schema]] : [];
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    found.push(...objects(child, `${path}.${key}`));
  if (schema.items) found.push(...objects(schema.items, `${path}[]`));
  return found;
}

describe('LLM_ANSWER_SCHEMA (sent to the providers)', () => {
  it('satisfies OpenAI strict mode: every property required, no additional properties, no free-form objects', () => {
    const schema = LLM_ANSWER_SCHEMA.schema as JsonSchema;
    expect(schema).not.toHaveProperty('$schema');
    const found = objects(schema);
    expect(found.map(([path]) => path)).toEqual(['$', '$.proposals[]', '$.proposals[].target']);
    for (const [path, object] of found) {
      expect(object.additionalProperties, path).toBe(false);
      expect([...(object.required ?? [])].sort(), path).toEqual(Object.keys(object.properties ?? {}).sort());
    }
  });

  it('asks for no namespace: code fills it in', () => {
    const target = objects(LLM_ANSWER_SCHEMA.schema as JsonSchema).find(([path]) =>
      path.endsWith('target'),
    )![1];
    expect(Object.keys(target.properties ?? {})).toEqual(['kind', 'name', 'container']);
  });
});
