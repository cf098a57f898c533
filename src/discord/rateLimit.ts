import { Cooldown } from './cooldown.js';

/**
 * How many requests a member may make: `take` spends one and resolves with 0 when it is allowed,
 * else with the whole seconds to wait. In memory for one process; in Redis (redisRateLimit.ts)
 * when several processes serve one bot.
 */
export interface RateLimiter {
  take(userId: string): Promise<number>;
  close?(): Promise<void>;
}

/** The per-process limiter: a sliding window in this process's memory. */
export function memoryRateLimiter(requests: number, seconds: number): RateLimiter {
  const cooldown = new Cooldown(requests, seconds);
  return { take: (userId) => Promise.resolve(cooldown.take(userId)) };
}
