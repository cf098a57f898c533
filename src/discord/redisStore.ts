/**
 * What several processes serving one bot share, in Redis (REDIS_URL): the cooldown windows, so
 * every replica and every shard counts one member's requests together, and the options of long
 * questions behind buttons, so a button on one replica's reply works on another. If Redis goes
 * away the bot answers anyway: the cooldown falls back to this process's own window (fail open:
 * nothing is refused for want of Redis), the outage is logged once, and the shared limits resume
 * by themselves when Redis is back.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { memoryRateLimiter, type RateLimiter } from './rateLimit.js';
import type { ButtonStore } from './buttonState.js';

/**
 * A sliding window per member, kept by Redis itself (its clock, so replicas' clocks need not agree):
 * drop the times older than the window; if as many as allowed remain, answer how many seconds until
 * the oldest leaves; else record this one.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, math.ceil((tonumber(oldest[2]) + window - now) / 1000))
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 0
`;

/** How long after an outage began a successful command counts as Redis being back. */
const RECOVERY_MS = 2000;

type WithTake = Redis & {
  careerbotTake(key: string, windowMs: number, limit: number, member: string): Promise<number>;
};

export interface SharedState {
  rateLimiter: RateLimiter;
  buttons: ButtonStore;
  /** Whether the last command reached Redis. */
  readonly healthy: boolean;
  close(): Promise<void>;
}

export interface SharedStateOptions {
  url: string;
  requests: number;
  seconds: number;
  logger: Logger;
  /** Key prefix, so several bots can share one Redis. */
  prefix?: string;
}

export function connectSharedState(options: SharedStateOptions): SharedState {
  const { logger, requests, seconds } = options;
  const prefix = options.prefix ?? 'careerbot:';
  const redis = new Redis(options.url, {
    // A command while Redis is away fails at once instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Redis answers in well under a millisecond; past this it is as good as away (answer without it).
    commandTimeout: 500,
    connectTimeout: 2000,
    // Keep trying to reconnect, at most every 2 s.
    retryStrategy: (times) => Math.min(200 * times, 2000),
    lazyConnect: false,
  }) as WithTake;
  redis.defineCommand('careerbotTake', { numberOfKeys: 1, lua: TAKE });
  const local = memoryRateLimiter(requests, seconds);
  let healthy = true;
  let downAt = 0;
  const down = (err: unknown) => {
    if (!healthy) return;
    healthy = false;
    downAt = Date.now();
    logger.warn(
      { error: err instanceof Error ? err.message : String(err) },
      'Redis unreachable: the cooldown is per process until it is back',
    );
  };
  /**
   * Back: when the connection is ready again, or a command succeeds well after the outage began
   * (a reply already on its way when Redis went away is not a recovery).
   */
  const up = (reconnected: boolean) => {
    if (healthy || (!reconnected && Date.now() - downAt < RECOVERY_MS)) return;
    healthy = true;
    logger.info('Redis reachable again: the cooldown is shared again');
  };
  // ioredis reports connection errors as events; they are the outage above, not crashes.
  redis.on('error', down);
  redis.on('ready', () => up(true));

  return {
    get healthy() {
      return healthy;
    },
    rateLimiter: {
      async take(userId) {
        try {
          const wait = await redis.careerbotTake(
            `${prefix}cooldown:${userId}`,
            seconds * 1000,
            requests,
            randomBytes(8).toString('hex'),
          );
          up(false);
          return Number(wait);
        } catch (err) {
          down(err);
          return local.take(userId);
        }
      },
    },
    buttons: {
      async set(key, value, ttlMs) {
        try {
          await redis.set(`${prefix}button:${key}`, value, 'PX', ttlMs);
          up(false);
        } catch (err) {
          down(err);
        }
      },
      async get(key) {
        try {
          const value = await redis.get(`${prefix}button:${key}`);
          up(false);
          return value ?? undefined;
        } catch (err) {
          down(err);
          return undefined;
        }
      },
    },
    async close() {
      redis.disconnect();
    },
  };
}
