#!/usr/bin/env node
/**
 * `sre-bot` command line (SPEC §2). Each subcommand lives in commands/; this file only dispatches, so that
 * `sre-bot diagnose` does not load Slack and `sre-bot sim` does not load the LLM SDKs.
 */
import { CliError, runCommand } from './command.js';

const USAGE = `usage: sre-bot <command> [options]

commands:
  sim        start the simulated cluster (scenarios, kubeconfig)
  diagnose   observe a namespace or deployment and report the root cause
  fix        diagnose, show the fix and its dry-run diff, apply on confirmation, verify
  undo       restore what the last fix on a deployment changed
  serve      run the Slack app (HTTP or Socket Mode) with /alerts, /healthz, /metrics
  demo       everything on the embedded defaults: sim + bot + a local Slack-like console

run "sre-bot <command> --help" for a command's options
(in a checkout, "npm run eval" diagnoses — and fixes — every public scenario and prints a table)`;

const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  sim: () => import('./commands/sim.js'),
  diagnose: () => import('./commands/diagnose.js'),
  fix: () => import('./commands/fix.js'),
  undo: () => import('./commands/undo.js'),
  serve: () => import('./commands/serve.js'),
  demo: () => import('./commands/demo.js'),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`sre-bot: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const command = await load();
  return runCommand(() => command.run(rest));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sre-bot: ${error instanceof CliError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
