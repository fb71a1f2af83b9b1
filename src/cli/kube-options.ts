/** Options every cluster-facing command shares, turned into configuration overrides. */
import { loadConfig, type Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { CliError } from './command.js';

export const KUBE_OPTIONS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  llm: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function configFromFlags(values: { kubeconfig?: string; context?: string; llm?: string }): Config {
  if (values.llm !== undefined && !['none', 'openai', 'ollama'].includes(values.llm)) {
    throw new CliError(`--llm must be none, openai or ollama, got "${values.llm}"`);
  }
  try {
    return loadConfig(undefined, {
      KUBECONFIG: values.kubeconfig,
      SRE_KUBE_CONTEXT: values.context,
      LLM_PROVIDER: values.llm,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The cluster flags the user gave, to repeat in the commands the output suggests (`sre-bot fix …`, `sre-bot undo …`):
 * a hint that drops `--kubeconfig` would talk to another cluster, or none.
 */
export function clusterFlags(values: { kubeconfig?: string; context?: string }): string {
  const quote = (text: string) =>
    /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
  return [
    values.kubeconfig !== undefined ? ` --kubeconfig ${quote(values.kubeconfig)}` : '',
    values.context !== undefined ? ` --context ${quote(values.context)}` : '',
  ].join('');
}
