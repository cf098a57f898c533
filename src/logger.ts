import { pino, type Logger } from 'pino';

/**
 * The structured logger: JSON lines in production, readable lines on a terminal. Logs go to stderr
 * so they never mix with answers on stdout. Anything named like a token is redacted.
 */
export function createLogger(level: string): Logger {
  const options = {
    level,
    redact: {
      paths: ['token', '*.token', 'config.discordToken', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (process.stderr.isTTY) {
    return pino(
      options,
      pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } }),
    );
  }
  return pino(options, pino.destination(2));
}
