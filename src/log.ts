/**
 * Structured JSON logs (pino) on stderr — stdout is for reports. Anything that looks like a credential is
 * masked twice: by key (pino redact paths) and by shape (the same redaction the observer uses, for messages).
 */
import { pino, type Logger } from 'pino';
import { redactText } from './observe/redact.js';

export type { Logger };

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { service: 'sre-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'password',
          '*.password',
          'secret',
          '*.secret',
          'signingSecret',
          '*.signingSecret',
          'apiKey',
          '*.apiKey',
        ],
        censor: '[REDACTED]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((argument) =>
              typeof argument === 'string' ? redactText(argument) : argument,
            ) as Parameters<typeof method>,
          );
        },
      },
    },
    destination as pino.DestinationStream,
  );
}

/** A logger that writes nothing (tests, `--json` runs that must keep stderr quiet). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
