/**
 * `sre-bot serve` (SPEC §2): the Slack app in HTTP mode on PORT, or Socket Mode when SLACK_APP_TOKEN is set (the
 * HTTP port still serves /alerts, /healthz, /metrics). Stops gracefully on SIGTERM: no new work, in-flight work
 * finishes (bounded), the store is closed.
 */
import { createBot } from '../../app/bot.js';
import { createServices } from '../../app/services.js';
import { loadConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { CliError, parseOptions } from '../command.js';

const HELP = `usage: sre-bot serve

Runs the Slack app. Configuration comes from the environment (see README "Configuration"):
SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) are required.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const services = createServices(config);
  let bot;
  try {
    bot = await createBot(services);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const { port } = await bot.start();
  process.stderr.write(
    `sre-bot serving on port ${port} (${config.slack.appToken ? 'Socket Mode' : 'HTTP mode: POST /slack/events'})\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  services.logger.info('shutting down');
  await bot.stop();
  await services.close();
  return 0;
}
