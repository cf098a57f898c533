/**
 * Random interactions for the property test (1000 cases in `npm test`) and the fuzz script
 * (`npm run fuzz`, 10,000 by default): hostile text and option combinations, sent through the fake
 * Discord, each reply checked against Discord's limits and the mention rules.
 */
import fc from 'fast-check';
import { replyProblems } from './discordLimits.js';
import type { FakeDiscord } from './fakeDiscord.js';
import { buttonsOf } from './buttons.js';

/** Text people might paste: any Unicode, Markdown, mentions, links, control characters, huge blobs. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '@everyone',
    '@here what do juniors earn',
    '<@&123456789012345678> salary',
    '<@123456789012345678>',
    '**bold** __under__ ~~strike~~ `code` ```block``` > quote',
    '[link](https://example.com) senior salary',
    'https://example.com/?q=<@&1>',
    '\u200b\u200d\u0000\u0007\u001b[31m zero width and control',
    'sallary juniour pyton',
    '.*+?^${}()|[]\\ regex',
  ),
  fc
    .tuple(
      fc.constantFrom('@everyone ', '**x** ', 'salary ', 'é🎉 ', '<@&1> '),
      fc.integer({ min: 100, max: 1500 }),
    )
    .map(([s, n]) => s.repeat(n).slice(0, 6000)),
);

export const interactionCase = fc.record({
  command: fc.constantFrom('salary', 'skills', 'career', 'ask', 'sources', 'help'),
  level: fc.option(fc.oneof(fc.constantFrom('junior', 'mid', 'senior'), hostileText), { nil: undefined }),
  question: fc.option(hostileText, { nil: undefined }),
  location: fc.option(fc.oneof(fc.constantFrom('Seattle', 'remote', 'new york'), hostileText), {
    nil: undefined,
  }),
  industry: fc.option(fc.oneof(fc.constantFrom('real estate', 'AI startups'), hostileText), {
    nil: undefined,
  }),
  mention: fc.boolean(),
  dm: fc.boolean(),
  page: fc.boolean(),
});

export type InteractionCase = typeof interactionCase extends fc.Arbitrary<infer T> ? T : never;

const TARGET = { id: '230000000000000001', username: 'target' };

/** Sends one case (and, when asked, autocomplete, a page click and a vote); returns every problem found. */
export async function runCase(fake: FakeDiscord, c: InteractionCase, n: number): Promise<string[]> {
  const user = { id: `22${String(n).padStart(16, '0')}`, username: 'fuzz' };
  const options: Record<string, string | { type: number; value: string }> = {};
  if (c.level !== undefined && c.command !== 'ask') options.level = c.level;
  if (c.question !== undefined && c.command === 'ask') options.question = c.question;
  if (c.command === 'salary') {
    if (c.location !== undefined) options.location = c.location;
    if (c.industry !== undefined) options.industry = c.industry;
  }
  if (c.mention) options.mention = { type: 6, value: TARGET.id };
  const problems: string[] = [];
  const reply = await fake.command(c.command, options, {
    user,
    guildId: c.dm ? null : '300000000000000001',
    resolvedUsers: c.mention ? [TARGET] : [],
  });
  if (reply.body.type !== 4) problems.push(`reply type ${reply.body.type}`);
  problems.push(...replyProblems(reply.body, [TARGET.id], reply.files));
  const data = reply.body.data as {
    content?: string;
    embeds?: Array<{ description?: string }>;
  };
  const shown = [data.content ?? '', ...(data.embeds ?? []).map((e) => e.description ?? '')].join('\n');
  if (/@(everyone|here)|<@&\d/.test(shown)) problems.push('a mass or role mention is shown unescaped');
  if (!c.mention && /<@!?\d/.test(shown)) problems.push('a user mention is shown unasked');
  if (c.command === 'ask' && c.question !== undefined) {
    const suggestions = await fake.autocomplete('ask', 'question', c.question, { user });
    problems.push(...replyProblems(suggestions.body, [], suggestions.files).map((p) => `autocomplete: ${p}`));
  }
  if (c.command === 'salary' && c.location !== undefined) {
    const suggestions = await fake.autocomplete('salary', 'location', c.location, { user });
    problems.push(...replyProblems(suggestions.body, [], suggestions.files).map((p) => `autocomplete: ${p}`));
  }
  const buttons = buttonsOf(reply.body);
  const more = buttons.find((b) => b.label.startsWith('More') && !b.disabled);
  if (c.page && more) {
    const page = await fake.click(more.custom_id, c.mention ? 0 : 64, { user });
    problems.push(...replyProblems(page.body, [], page.files).map((p) => `page: ${p}`));
  }
  // With insights on: a vote under the answer (👎 one time in three, or "👎 I needed this").
  const votes = buttons.filter((b) => b.label.startsWith('👍') || b.label.startsWith('👎'));
  const vote = votes.find((b) => b.label.startsWith(n % 3 ? '👍' : '👎')) ?? votes[0];
  if (c.page && vote) {
    const voted = await fake.click(vote.custom_id, c.mention ? 0 : 64, { user, on: reply });
    // A private answer shows the vote (7); a public message is acknowledged as it is (6).
    if (voted.body.type === 7)
      problems.push(...replyProblems(voted.body, [], voted.files).map((p) => `vote: ${p}`));
    else if (voted.body.type !== 6) problems.push(`vote: reply type ${voted.body.type}`);
  }
  return problems;
}
