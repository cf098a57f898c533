import { ConfigError, loadConfig } from './config.js';
import { loadEngine } from './core/engineCache.js';
import { KnowledgeError, KnowledgeErrors } from './core/errors.js';
import { loadCommands } from './commands/registry.js';
import { createLogger } from './logger.js';

/**
 * `npm start`: with DISCORD_TOKEN the bot serves Discord; without it, the local console answers the
 * same slash commands in the terminal.
 */
async function start(): Promise<void> {
  let config;
  try {
    config = await loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`careerbot: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let engine;
  try {
    engine = await loadEngine(config.knowledgeDir);
  } catch (err) {
    if (err instanceof KnowledgeErrors || err instanceof KnowledgeError) {
      logger.fatal(`the knowledge has problems:\n${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const commands = await loadCommands();
  if (config.discord) {
    const { startBot, LoginError } = await import('./discord/bot.js');
    // Never silent: a rejection nobody awaited is logged; an exception nobody caught ends the process, logged.
    process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
    process.on('uncaughtException', (err) => {
      logger.fatal({ err }, 'uncaught exception');
      logger.flush();
      process.exit(1);
    });
    let bot;
    try {
      bot = await startBot({
        discord: config.discord,
        cooldown: config.cooldown,
        engine: () => engine,
        commands,
        logger,
      });
    } catch (err) {
      if (err instanceof LoginError) {
        logger.fatal(err.message);
        logger.flush();
        process.exit(1);
      }
      throw err;
    }
    const running = bot;
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      // Whatever happens, the process is gone within 5 s.
      setTimeout(() => process.exit(0), 4500).unref();
      void running
        .stop()
        .catch((err: unknown) => logger.error({ err }, 'error while disconnecting'))
        .finally(() => logger.flush(() => process.exit(0)));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    return;
  }
  const { startConsole } = await import('./cli/console.js');
  await startConsole(engine, commands, {
    onError: (err, line) => logger.error({ err, line: line.slice(0, 200) }, 'command failed'),
  });
}

await start();
