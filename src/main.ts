import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { KnowledgeError, KnowledgeErrors } from './knowledge/errors.js';
import { KnowledgeHolder } from './search/knowledgeHolder.js';
import { loadCommands } from './commands/registry.js';
import { createLogger } from './logger.js';
import type { Logger } from 'pino';

/**
 * `npm start`: with DISCORD_TOKEN the bot serves Discord (with SHARD_COUNT > 1, through discord.js's
 * ShardingManager); without it, the local console answers the same slash commands in the terminal.
 */
async function start(): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`careerbot: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // In the console, log lines go through the console (above its prompt) once it has started.
  const sink = { write: (text: string) => void process.stderr.write(text) };
  const logger = createLogger(config.logLevel, config.discord ? undefined : sink);
  if (config.discord) {
    // Never silent: a rejection nobody awaited is logged; an exception nobody caught ends the process, logged.
    process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
    process.on('uncaughtException', (err) => {
      logger.fatal({ err }, 'uncaught exception');
      logger.flush();
      process.exit(1);
    });
    if (config.shardCount > 1 && !config.shardChild) return startManager(config, logger);
  }

  // Filled in once the Discord side is up; the reload callback and shutdown read them then.
  const live: { metrics?: import('./metrics.js').Metrics; server?: import('node:http').Server } = {};
  let holder: KnowledgeHolder;
  try {
    holder = await KnowledgeHolder.open({
      dir: config.knowledgeDir,
      onReload: (r) => {
        live.metrics?.reloads.inc({ result: r.ok ? 'ok' : 'error' });
        if (r.ok)
          logger.info({ documents: r.documents, passages: r.passages, ms: r.ms }, 'knowledge reloaded');
        else logger.error(`knowledge not reloaded; still serving the last good version:\n${r.error}`);
      },
    });
  } catch (err) {
    if (err instanceof KnowledgeErrors || err instanceof KnowledgeError) {
      logger.fatal(`the knowledge has problems:\n${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  if (holder.current.problems.length)
    logger.error(
      `knowledge partly loaded: serving ${holder.current.sources.size} documents; left out until fixed:\n${holder.current.problems.join('\n')}`,
    );
  // Editing, adding or removing a knowledge file, or SIGHUP, rebuilds the index without a restart.
  holder.watch();
  process.on('SIGHUP', () => void holder.reload());
  const commands = await loadCommands();

  if (!config.discord) {
    const { startConsole } = await import('./cli/console.js');
    await startConsole(() => holder.current, commands, {
      onError: (err, line) => logger.error({ err, line: line.slice(0, 200) }, 'command failed'),
      logSink: sink,
    });
    holder.close();
    return;
  }

  const { startBot, LoginError } = await import('./discord/bot.js');
  const { Metrics } = await import('./metrics.js');
  const metrics = new Metrics();
  live.metrics = metrics;
  let bot: import('./discord/bot.js').Bot | undefined;
  // Registered before logging in, so a signal during the login retries also ends cleanly.
  onShutdown(logger, async () => {
    holder.close();
    live.server?.close();
    await bot?.stop();
  });
  try {
    bot = await startBot({
      discord: config.discord,
      cooldown: config.cooldown,
      salaryChart: config.salaryChart,
      engine: () => holder.current,
      commands,
      logger,
      metrics,
      describe: () => ({
        index: { documents: holder.current.sources.size, passages: holder.current.passageCount },
        // Degraded: answering, but from part of the knowledge (broken documents left out).
        knowledge: holder.current.problems.length
          ? { status: 'degraded', problems: holder.current.problems }
          : { status: 'ok' },
        lastReload: holder.last,
      }),
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
  const registry = metrics.registry;
  // Shards started by the manager leave health to the manager, which asks each of them.
  if (config.health && !config.shardChild) {
    const { startHealthServer } = await import('./health.js');
    live.server = await startHealthServer({
      ...config.health,
      health: () => running.status(),
      metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
    });
    logger.info({ port: config.health.port, host: config.health.host }, 'health and metrics served');
  }
}

async function startManager(config: Config, logger: Logger): Promise<void> {
  const { startShardManager } = await import('./discord/shards.js');
  const script = fileURLToPath(import.meta.url);
  const handle = await startShardManager(script, config.discord!.token, config.shardCount, logger);
  logger.info({ shards: config.shardCount }, 'all shards started');
  const server = config.health
    ? await (
        await import('./health.js')
      ).startHealthServer({
        ...config.health,
        health: () => handle.health(),
        metrics: () => handle.metrics(),
      })
    : undefined;
  onShutdown(logger, async () => {
    server?.close();
    await handle.stop();
  });
}

/** SIGINT/SIGTERM: stop taking interactions, disconnect, flush the logs, exit 0 within 5 s. */
function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 4500).unref();
    void stop()
      .catch((err: unknown) => logger.error({ err }, 'error while disconnecting'))
      .finally(() => logger.flush(() => process.exit(0)));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await start();
