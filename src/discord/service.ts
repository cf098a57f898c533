/**
 * The wiring: the router with what it needs, as both front ends (gateway and endpoint) build it.
 */
import type { Logger } from 'pino';
import type { Command, MessageCommand } from '../commands/command.js';
import type { Metrics } from '../metrics.js';
import type { Engine } from '../search/engine.js';
import { ChartCache } from '../chart/chartCache.js';
import { ChartWorker } from '../chart/chartWorker.js';
import { ButtonStates, type ButtonStore } from './buttonState.js';
import { memoryRateLimiter, type RateLimiter } from './rateLimit.js';
import { InteractionRouter } from './router.js';
import type { Insights } from '../insights/insights.js';

export interface ServiceOptions {
  commands: readonly Command[];
  messageCommands?: readonly MessageCommand[] | undefined;
  engine: () => Engine;
  logger: Logger;
  metrics?: Metrics | undefined;
  /** Each member's allowance, kept in this process's memory unless `rateLimiter` keeps it elsewhere. */
  cooldown: { requests: number; seconds: number };
  rateLimiter?: RateLimiter | undefined;
  /** Long button options shared with other processes (Redis), if any. */
  buttonStore?: ButtonStore | undefined;
  chartWaitMs?: number | undefined;
  salaryChart?: boolean | undefined;
  /** The insights store (answers, votes); absent with INSIGHTS=off. */
  insights?: Insights | undefined;
}

/**
 * The router with what it needs, as both front ends build it: button states tied to the knowledge's
 * fingerprint, and charts drawn on a worker thread (a drawing never holds up other interactions)
 * and cached. `close` stops the worker.
 */
export function createRouter(options: ServiceOptions): { router: InteractionRouter; close(): Promise<void> } {
  const chartWorker = new ChartWorker();
  const router = new InteractionRouter({
    commands: options.commands,
    messageCommands: options.messageCommands ?? [],
    insights: options.insights,
    engine: options.engine,
    logger: options.logger,
    metrics: options.metrics,
    cooldown: options.rateLimiter ?? memoryRateLimiter(options.cooldown.requests, options.cooldown.seconds),
    states: new ButtonStates({
      fingerprint: () => options.engine().fingerprint,
      ...(options.buttonStore ? { store: options.buttonStore } : {}),
    }),
    charts: new ChartCache(64, chartWorker.draw),
    chartWaitMs: options.chartWaitMs ?? 300,
    salaryChart: options.salaryChart !== false,
  });
  return {
    router,
    async close() {
      router.stop();
      await chartWorker.close();
    },
  };
}
