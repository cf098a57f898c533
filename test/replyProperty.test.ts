import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../src/discord/bot.js';
import { replyProblems } from './support/discordLimits.js';
import { FakeDiscord } from './support/fakeDiscord.js';
import { seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();

/** Text people might paste: any Unicode, Markdown, mentions, links, huge blobs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '@everyone',
    '@here what do juniors earn',
    '<@&123456789012345678> salary',
    '<@123456789012345678>',
    '**bold** __under__ ~~strike~~ `code` ```block``` > quote',
    '[link](https://example.com) senior salary',
    '\u200b\u200d\u0000\u0007 zero width',
    'sallary juniour pyton',
    '.*+?^${}()|[]\\ regex',
  ),
  fc
    .tuple(fc.constantFrom('@everyone ', '**x** ', 'salary ', 'é🎉 '), fc.integer({ min: 100, max: 1500 }))
    .map(([s, n]) => s.repeat(n).slice(0, 6000)),
);

const interaction = fc.record({
  command: fc.constantFrom('salary', 'skills', 'career', 'ask', 'sources', 'help'),
  level: fc.option(fc.oneof(fc.constantFrom('junior', 'mid', 'senior'), hostileText), { nil: undefined }),
  question: fc.option(hostileText, { nil: undefined }),
  mention: fc.boolean(),
  dm: fc.boolean(),
});

describe('property: every reply fits Discord and pings no one unasked', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startBot({
      discord: {
        token: 'property-token',
        applicationId: fake.applicationId,
        guildId: undefined,
        apiUrl: fake.apiUrl,
      },
      cooldown: { requests: 100, seconds: 1 },
      engine: () => engine,
      commands,
      logger: pino({ level: 'silent' }),
    });
    await fake.identified();
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('1000 random questions and option combinations through the real client', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(interaction, async (c) => {
        const user = { id: `22${String(++n).padStart(16, '0')}`, username: 'prop' };
        const target = { id: '230000000000000001', username: 'target' };
        const options: Record<string, string | { type: number; value: string }> = {};
        if (c.level !== undefined && c.command !== 'ask') options.level = c.level;
        if (c.question !== undefined && c.command === 'ask') options.question = c.question;
        if (c.mention) options.mention = { type: 6, value: target.id };
        const reply = await fake.command(c.command, options, {
          user,
          guildId: c.dm ? null : '300000000000000001',
          resolvedUsers: c.mention ? [target] : [],
        });
        expect(reply.body.type).toBe(4);
        expect(replyProblems(reply.body, [target.id])).toEqual([]);
        const data = reply.body.data as { content?: string; embeds?: Array<{ description?: string }> };
        const shown = [data.content ?? '', ...(data.embeds ?? []).map((e) => e.description ?? '')].join('\n');
        expect(shown).not.toMatch(/@(everyone|here)|<@&\d/);
        if (!c.mention) expect(shown).not.toMatch(/<@!?\d/);
        if (c.command === 'ask' && c.question !== undefined) {
          const suggestions = await fake.autocomplete('ask', 'question', c.question.slice(0, 6000), { user });
          expect(replyProblems(suggestions.body)).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
