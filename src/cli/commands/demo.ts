/** `sre-bot demo` (SPEC §2): sim + bot + a local Slack-like console, on the embedded defaults. */
import { resolve } from 'node:path';
import { startDemo } from '../../app/demo.js';
import { logLevelFromEnvironment } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { parseDuration } from '../../sim/duration.js';
import { CliError, parseOptions } from '../command.js';

const HELP = `usage: sre-bot demo [--port N] [--scenario NAME]... [--speed X]

Starts the simulated cluster (a broken payments deployment by default), the bot, and a Slack-like console in
your browser. No Slack workspace, no cluster, no LLM needed.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      port: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      speed: { type: 'string' },
      advance: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, got "${values.port}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0)) throw new CliError(`--speed must be a positive number, got "${values.speed}"`);
  const advanceMs = values.advance === undefined ? 90_000 : parseDuration(values.advance);
  if (advanceMs === undefined) throw new CliError(`--advance must be a duration like 90s or 5m`);
  const kubeconfigPath = resolve('.sim/kubeconfig');
  // The demo runs on its embedded settings; only LOG_LEVEL is taken from the environment (to see debug logs).
  let logLevel;
  try {
    logLevel = logLevelFromEnvironment();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  let demo;
  try {
    demo = await startDemo({
      consolePort: port,
      speed,
      advanceMs,
      kubeconfigPath,
      logs: true,
      env: { LOG_LEVEL: logLevel },
      ...(values.scenario ? { scenarios: values.scenario } : {}),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(`port ${port} is in use; pass --port 0 for a free one`, 1);
    throw error;
  }
  const namespace = demo.namespaces[0] ?? 'default';
  process.stdout.write(
    [
      '',
      `sre-bot demo is running.`,
      `  Slack console:      ${demo.emulator.url}/`,
      `  simulated cluster:  ${demo.sim.url}   (export KUBECONFIG=${kubeconfigPath}; kubectl get pods -n ${namespace})`,
      '',
      `In the console, as alice (an approver), type:  /sre diagnose ${namespace}`,
      'Switch to bob (not an approver) and press Approve: refused, privately. Back as alice: Dry run, then Approve.',
      ...(demo.namespaces.length > 1 ? [`Other namespaces: ${demo.namespaces.slice(1).join(', ')}`] : []),
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await demo.stop();
  return 0;
}
