/** `sre-bot diagnose NAMESPACE[/DEPLOYMENT]` (SPEC §2): exit 0 even when an issue is found. */
import { createServices, diagnoseDeps } from '../../app/services.js';
import { diagnose } from '../../diagnosis/diagnose.js';
import { SreBotError } from '../../errors.js';
import { silentLogger } from '../../log.js';
import { CliError, parseOptions } from '../command.js';
import { formatReport } from '../format-report.js';
import { clusterFlags, configFromFlags, KUBE_OPTIONS } from '../kube-options.js';
import { parseTarget } from '../target.js';

const HELP = `usage: sre-bot diagnose NAMESPACE[/DEPLOYMENT] [--kubeconfig PATH] [--context C] [--llm none|openai|ollama] [--json]

Observes the namespace (or one deployment and what it touches), finds the root cause and proposes a fix.
Changes nothing. Exit status 0 when it could diagnose (issue or not), 1 when it could not.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, KUBE_OPTIONS);
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const target = parseTarget(positionals);
  const config = configFromFlags(values);
  const services = createServices(config, { logger: silentLogger() });
  try {
    const { report } = await diagnose(diagnoseDeps(services), target);
    process.stdout.write(
      values.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatReport(report, { flags: clusterFlags(values) })}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SreBotError) throw new CliError(`could not diagnose: ${error.message}`, 1);
    throw error;
  } finally {
    await services.close();
  }
}
