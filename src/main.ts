import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.js';
import { KnowledgeError, KnowledgeErrors } from './knowledge/errors.js';
import { KnowledgeHolder } from './knowledgeHolder.js';
import { loadCommandSet, type CommandSet } from './commands/registry.js';
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
  const serving = config.endpoint || config.discord;
  const logger = createLogger(config.logLevel, serving ? undefined : sink);
  if (serving) {
    // Never silent: a rejection nobody awaited is logged; an exception nobody caught ends the process, logged.
    process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
    process.on('uncaughtException', (err) => {
      logger.fatal({ err }, 'uncaught exception');
      logger.flush();
      process.exit(1);
    });
    const sharded = config.shardCount > 1 || config.shardIds !== undefined;
    if (config.discord && !config.endpoint && sharded && !config.shardChild)
      return startManager(config, logger);
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
  const commandSet = await loadCommandSet();
  const commands = commandSet.slash;

  if (!serving) {
    const { startConsole } = await import('./cli/console.js');
    await startConsole(() => holder.current, commands, {
      messageCommands: commandSet.message,
      onError: (err, line) => logger.error({ err, line: line.slice(0, 200) }, 'command failed'),
      logSink: sink,
    });
    holder.close();
    return;
  }

  const { Metrics } = await import('./metrics.js');
  const metrics = new Metrics();
  live.metrics = metrics;
  // With REDIS_URL, the cooldown and long button states are shared by every process of the bot.
  const shared = config.redisUrl
    ? (await import('./discord/redisStore.js')).connectSharedState({
        url: config.redisUrl,
        ...config.cooldown,
        logger,
      })
    : undefined;
  // What /healthz reports besides the connection: the index, the knowledge, the last reload, Redis.
  const serviceState = () => ({
    index: { documents: holder.current.sources.size, passages: holder.current.passageCount },
    // Degraded: answering, but from part of the knowledge (broken documents left out).
    knowledge: holder.current.problems.length
      ? { status: 'degraded', problems: holder.current.problems }
      : { status: 'ok' },
    lastReload: holder.last,
    ...(shared ? { redis: shared.healthy ? 'ok' : 'unreachable' } : {}),
  });
  const insights = await openInsights(config, logger, metrics);
  if (config.endpoint)
    return startEndpointMode(config, logger, holder, commandSet, metrics, shared, serviceState, insights);

  const { startBot, LoginError } = await import('./discord/bot.js');
  let bot: import('./discord/bot.js').Bot | undefined;
  // Registered before logging in, so a signal during the login retries also ends cleanly.
  onShutdown(logger, async () => {
    holder.close();
    live.server?.close();
    await bot?.stop();
    await shared?.close();
    // What is queued is written before the process exits.
    await insights?.close();
  });
  try {
    bot = await startBot({
      discord: config.discord!,
      cooldown: config.cooldown,
      salaryChart: config.salaryChart,
      engine: () => holder.current,
      commands,
      messageCommands: commandSet.message,
      logger,
      metrics,
      ...(shared ? { rateLimiter: shared.rateLimiter, buttonStore: shared.buttons } : {}),
      ...(insights ? { insights } : {}),
      describe: serviceState,
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

/**
 * Serves Discord's HTTP interactions endpoint instead of the gateway: any number of these
 * processes can answer one bot behind a load balancer (with REDIS_URL, sharing the cooldown).
 */
async function startEndpointMode(
  config: Config,
  logger: Logger,
  holder: KnowledgeHolder,
  commandSet: CommandSet,
  metrics: import('./metrics.js').Metrics,
  shared: import('./discord/redisStore.js').SharedState | undefined,
  serviceState: () => Record<string, unknown>,
  insights: import('./insights/insights.js').Insights | undefined,
): Promise<void> {
  const endpointConfig = config.endpoint!;
  const [{ startEndpoint }, { createRouter }, { REST }] = await Promise.all([
    import('./discord/endpoint.js'),
    import('./discord/service.js'),
    import('@discordjs/rest'),
  ]);
  const rest = new REST({
    ...(endpointConfig.apiUrl ? { api: endpointConfig.apiUrl } : {}),
    timeout: 5000,
    retries: 1,
  });
  if (endpointConfig.token) rest.setToken(endpointConfig.token);
  const { router, close } = createRouter({
    commands: commandSet.slash,
    messageCommands: commandSet.message,
    engine: () => holder.current,
    logger,
    metrics,
    cooldown: config.cooldown,
    rateLimiter: shared?.rateLimiter,
    buttonStore: shared?.buttons,
    salaryChart: config.salaryChart,
    insights,
  });
  const health = () => ({
    // Ready once the knowledge is loaded: there is no connection to wait for.
    ready: holder.current.passageCount > 0,
    mode: 'interactions endpoint',
    ...serviceState(),
  });
  const metricsText = async () => ({
    contentType: metrics.registry.contentType,
    body: await metrics.registry.metrics(),
  });
  const endpoint = await startEndpoint({
    port: endpointConfig.port,
    host: endpointConfig.host,
    publicKey: endpointConfig.publicKey,
    applicationId: endpointConfig.applicationId,
    router,
    rest,
    channelPosts: Boolean(endpointConfig.token),
    logger,
    health,
    metrics: metricsText,
  });
  const server = config.health
    ? await (
        await import('./health.js')
      ).startHealthServer({ ...config.health, health, metrics: metricsText })
    : undefined;
  onShutdown(logger, async () => {
    holder.close();
    server?.close();
    // Stop accepting, finish what is in flight, then let go of the rest.
    await endpoint.close(4000);
    await close();
    await shared?.close();
    await insights?.close();
  });
  void router.warmCharts();
}

async function startManager(config: Config, logger: Logger): Promise<void> {
  const { startShardManager } = await import('./discord/shards.js');
  const script = fileURLToPath(import.meta.url);
  const handle = await startShardManager(
    script,
    config.discord!.token,
    config.shardCount,
    logger,
    config.shardIds,
  );
  logger.info({ shards: config.shardIds ?? config.shardCount, of: config.shardCount }, 'shards started');
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
/**
 * The insights store (INSIGHTS, default on): SQLite in one file, or PostgreSQL with DATABASE_URL.
 * One that cannot be opened is logged and the bot answers without it (no feedback buttons).
 */
async function openInsights(
  config: Config,
  logger: Logger,
  metrics: import('./metrics.js').Metrics,
): Promise<import('./insights/insights.js').Insights | undefined> {
  if (!config.insights) return undefined;
  const [{ openStore }, { Insights }] = await Promise.all([
    import('./insights/store.js'),
    import('./insights/insights.js'),
  ]);
  try {
    const store = await openStore({
      file: config.insights.file,
      ...(config.insights.databaseUrl ? { databaseUrl: config.insights.databaseUrl } : {}),
      ...(config.insights.secret ? { secret: config.insights.secret } : {}),
    });
    logger.info(
      { store: store.dialect === 'sqlite' ? config.insights.file : 'postgres' },
      'insights store open',
    );
    return new Insights({
      store,
      logger,
      retentionDays: config.insights.retentionDays,
      onDropped: (n) => metrics.insightsDropped.inc(n),
    });
  } catch (err) {
    logger.error(
      { err: err instanceof Error ? err.message : String(err) },
      'insights store not opened; answering without it',
    );
    return undefined;
  }
}

function onShutdown(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), 4800).unref();
    void stop()
      .catch((err: unknown) => logger.error({ err }, 'error while disconnecting'))
      .finally(() => logger.flush(() => process.exit(0)));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

await start();
