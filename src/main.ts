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
  if (config.discordToken) {
    logger.fatal(
      'DISCORD_TOKEN is set, but the Discord connection is not part of this build yet; unset it to use the console.',
    );
    process.exit(1);
  }
  const { startConsole } = await import('./cli/console.js');
  await startConsole(engine, commands, {
    onError: (err, line) => logger.error({ err, line: line.slice(0, 200) }, 'command failed'),
  });
}

await start();
