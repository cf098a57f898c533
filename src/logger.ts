import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The structured logger: JSON lines in production, readable lines on a terminal. Logs go to stderr
 * so they never mix with answers on stdout. Anything named like a token is redacted.
 */
export function createLogger(level: string, sink?: { write: (text: string) => void }): Logger {
  const options = {
    level,
    redact: {
      paths: ['token', '*.token', 'config.discordToken', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (sink && process.stderr.isTTY) {
    // The console prints log lines above its prompt: readable lines, written through the console.
    const stream = new Writable({
      write(chunk, _encoding, done) {
        sink.write(String(chunk));
        done();
      },
    });
    return pino(options, pretty({ destination: stream, colorize: true, sync: true }));
  }
  if (process.stderr.isTTY) {
    return pino(
      options,
      pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true } }),
    );
  }
  return pino(options, pino.destination(2));
}
