/** WebClients for the emulator, quiet: the emulator's refusals are what the tests expect, not noise to print. */
import { LogLevel, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export function emulatorClient(
  emulator: { apiUrl: string; botToken: string },
  options: WebClientOptions = {},
): WebClient {
  return new WebClient(emulator.botToken, {
    slackApiUrl: emulator.apiUrl,
    logger: silentLogger,
    retryConfig: { retries: 0 },
    ...options,
  });
}
