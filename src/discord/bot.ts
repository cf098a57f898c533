import { Client, Events, GatewayIntentBits, Options, type REST } from 'discord.js';
import { GatewayDispatchEvents, Routes, type APIInteraction } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { DiscordConfig } from '../config.js';
import { channelPoster, restFiles, restFollowUps } from './restReplies.js';
import type { Transport } from './transport.js';
import { createRouter, type ServiceOptions } from './service.js';

/** The gateway front end's options: the service's (commands, engine, cooldown, charts…) and its own. */
export interface BotOptions extends ServiceOptions {
  discord: DiscordConfig;
  /**
   * How long a REST request (a reply) may take before it is abandoned and retried once. An interaction
   * must be answered within 3 s, so waiting Discord's default 15 s (and three retries) helps no one.
   */
  restTimeoutMs?: number;
  /** Extra facts for the health report (the knowledge's state). */
  describe?: () => Record<string, unknown>;
}

/** What /healthz reports of this process's gateway connection(s). */
export interface BotStatus {
  ready: boolean;
  shards: Array<{ id: number; status: string; ping: number }>;
  [key: string]: unknown;
}

export interface Bot {
  client: Client;
  status(): BotStatus;
  /** Stops taking interactions and closes the gateway connection. */
  stop(): Promise<void>;
}

/** The gateway's way of answering: the interaction callback over REST, then edits and follow-ups. */
function gatewayTransport(rest: REST, raw: APIInteraction): Transport {
  return {
    filesInResponse: true,
    async respond(response, list) {
      await rest.post(Routes.interactionCallback(raw.id, raw.token), {
        body: response,
        files: restFiles(list),
        auth: false,
        query: new URLSearchParams({ with_response: 'false' }),
      });
    },
    ...restFollowUps(rest, raw.application_id, raw.token),
    post: channelPoster(rest),
  };
}

/**
 * The Discord front end over the gateway: logs in with the Guilds intent only and hands every
 * interaction, as Discord sent it, to the one router (the same one the interactions endpoint uses).
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { logger } = options;
  const { router, close: closeRouter } = createRouter(options);
  let stopping = false;

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // A safety net under the reply builder, which sets allowed mentions on every message itself.
    allowedMentions: { parse: [] },
    rest: {
      ...(options.discord.apiUrl ? { api: options.discord.apiUrl } : {}),
      timeout: options.restTimeoutMs ?? 5000,
      retries: 1,
    },
    // careerbot reads nothing from messages, members or presences: keep those caches empty.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });

  // The interaction as Discord sent it: the router reads Discord's JSON, not discord.js's objects.
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    if (stopping) return;
    void router.handle(raw, gatewayTransport(client.rest, raw));
  });

  const STATUS_NAMES = [
    'ready',
    'connecting',
    'reconnecting',
    'idle',
    'nearly',
    'disconnected',
    'waiting-for-guilds',
    'identifying',
    'resuming',
  ];
  const status = (): BotStatus => {
    const shards = [...client.ws.shards.values()].map((shard) => ({
      id: shard.id,
      status: STATUS_NAMES[shard.status] ?? String(shard.status),
      ping: shard.ping,
    }));
    return {
      ready: !stopping && client.isReady() && shards.every((sh) => sh.status === 'ready'),
      shards,
      ...options.describe?.(),
    };
  };
  // The sharding manager asks each shard process for this through broadcastEval.
  Object.assign(client, {
    careerbot: { status, metrics: () => options.metrics?.registry.getMetricsAsJSON() ?? Promise.resolve([]) },
  });

  client.once(Events.ClientReady, (c) => {
    void router.warmCharts();
    logger.info({ user: c.user.tag, applicationId: c.application.id, guilds: c.guilds.cache.size }, 'ready');
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));

  await login(client, options.discord.token, logger);
  return {
    client,
    status,
    async stop() {
      stopping = true;
      router.stop();
      await client.destroy();
      await closeRouter();
    },
  };
}

export class LoginError extends Error {
  override name = 'LoginError';
}

/**
 * Logs in, retrying with exponential backoff (1 s doubling to 60 s) while Discord cannot be
 * reached; a refused token stops at once with a message that names the setting, not its value.
 */
async function login(client: Client, token: string, logger: Logger): Promise<void> {
  let delay = 1000;
  for (;;) {
    try {
      await client.login(token);
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === 'TokenInvalid') {
        throw new LoginError(
          'Discord refused DISCORD_TOKEN: copy the token again from the developer portal.',
        );
      }
      const message = err instanceof Error ? err.message.split(token).join('[redacted]') : String(err);
      logger.error({ error: message, retryInSeconds: delay / 1000 }, 'cannot reach Discord; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 60_000);
    }
  }
}
