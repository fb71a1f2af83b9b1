/** Shared pieces of the subcommands: argument errors and how failures become exit codes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SreBotError } from '../errors.js';

/** A problem with what the user typed or configured: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export async function runCommand(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`sre-bot: ${error.message}\n`);
      return error.exitCode;
    }
    // A coded fault outside a command's own handling (e.g. an unreadable kubeconfig while building the
    // services, before any diagnosis starts) is still one clear line and exit 1 — not `KubeApiError: …`.
    if (error instanceof SreBotError) {
      process.stderr.write(`sre-bot: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** node:util parseArgs with our error style (`--port needs a value` instead of a stack trace). */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message.replace(/^.*?: /, ''));
  }
}
