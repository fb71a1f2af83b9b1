/** `sre-bot sim`: the simulated cluster, served until SIGINT/SIGTERM (SPEC §2). */
import { resolve } from 'node:path';
import { parseDuration } from '../../sim/duration.js';
import { startSim } from '../../sim/sim.js';
import { CliError, parseOptions } from '../command.js';

const HELP = `usage: sre-bot sim [--scenario NAME|FILE]... [--port N] [--kubeconfig PATH] [--speed X] [--advance DURATION]

  --scenario    a scenario from manifests/scenarios/ (e.g. payments-missing-env) or a YAML file; repeatable
  --port        port to serve on (default 6443; 0 picks a free one)
  --kubeconfig  where to write the kubeconfig (default .sim/kubeconfig)
  --speed       virtual clock speed (default 1 = real time)
  --advance     fast-forward the virtual clock once at start (e.g. 5m)`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(
    argv,
    {
      scenario: { type: 'string', multiple: true },
      port: { type: 'string' },
      kubeconfig: { type: 'string' },
      speed: { type: 'string' },
      advance: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const port = values.port === undefined ? 6443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a port number, got "${values.port}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0)) throw new CliError(`--speed must be a positive number, got "${values.speed}"`);
  const advanceMs = values.advance === undefined ? 0 : parseDuration(values.advance);
  if (advanceMs === undefined)
    throw new CliError(`--advance must be a duration like 30s, 5m or 1h, got "${values.advance}"`);
  const kubeconfigPath = resolve(values.kubeconfig ?? '.sim/kubeconfig');
  const scenarios = values.scenario ?? [];

  let sim;
  try {
    sim = await startSim({
      scenarios,
      port,
      kubeconfigPath,
      speed,
      advanceMs,
      ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is in use; pass --port 0 for a free one`, 1);
    throw new CliError((error as Error).message, 1);
  }
  process.stdout.write(
    `sim ready: ${sim.url} kubeconfig=${kubeconfigPath} scenarios=${scenarios.join(',') || '(none)'}\n` +
      `  export KUBECONFIG=${kubeconfigPath}\n`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sim.stop();
  return 0;
}
