import { pino, type Logger } from 'pino';
import type { Command } from '../../src/commands/command.js';
import type { Engine } from '../../src/search/engine.js';
import { startBot, type Bot } from '../../src/discord/bot.js';
import type { FakeDiscord } from './fakeDiscord.js';

export interface InProcessBotOptions {
  engine: Engine;
  commands: readonly Command[];
  logger?: Logger;
  cooldown?: { requests: number; seconds: number };
  restTimeoutMs?: number;
  chartWaitMs?: number;
  /** The insights store to write to (absent: insights off). */
  insights?: import('../../src/insights/insights.js').Insights;
}

/** The bot's own start function (as main.ts calls it) in this process, logged in to the fake. */
export async function startInProcessBot(fake: FakeDiscord, options: InProcessBotOptions): Promise<Bot> {
  const before = fake.identifies.length;
  const bot = await startBot({
    discord: {
      token: 'in-process-token',
      applicationId: fake.applicationId,
      guildId: undefined,
      apiUrl: fake.apiUrl,
    },
    cooldown: options.cooldown ?? { requests: 100, seconds: 1 },
    engine: () => options.engine,
    commands: options.commands,
    logger: options.logger ?? pino({ level: 'silent' }),
    ...(options.restTimeoutMs ? { restTimeoutMs: options.restTimeoutMs } : {}),
    ...(options.chartWaitMs !== undefined ? { chartWaitMs: options.chartWaitMs } : {}),
    ...(options.insights ? { insights: options.insights } : {}),
  });
  await fake.identified(before + 1);
  return bot;
}
