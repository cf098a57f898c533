import fc from 'fast-check';
import { interactionCase, runCase } from './support/fuzzCases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../src/discord/bot.js';
import { startInProcessBot } from './support/inProcessBot.js';
import { FakeDiscord } from './support/fakeDiscord.js';
import { seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();

describe('property: every reply fits Discord and pings no one unasked', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startInProcessBot(fake, { engine, commands });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('1000 random questions and option combinations through the real client', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(interactionCase, async (c) => {
        expect(await runCase(fake, c, ++n)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
