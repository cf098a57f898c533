import { mkdtemp, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { waitFor } from './support/waitFor.js';
import { replyProblems } from './support/discordLimits.js';
import { allSpecProblems } from './support/openapi.js';
import { FakeDiscord, snowflake, type Callback } from './support/fakeDiscord.js';
import { FIXTURES, KNOWLEDGE } from './helpers.js';
import { PNG } from 'pngjs';
import { buttonsOf } from './support/buttons.js';

type Embed = {
  title?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  image?: { url: string };
};
type Data = {
  content?: string;
  embeds?: Embed[];
  flags?: number;
  allowed_mentions?: { parse: string[]; users?: string[] };
  choices?: Array<{ name: string; value: string }>;
  attachments?: Array<{ id: string; description?: string }>;
};
const data = (c: Callback) => (c.body.data ?? {}) as Data;
const buttons = (c: Callback) => buttonsOf(c.body);
const button = (c: Callback, label: RegExp) => buttons(c).find((b) => label.test(b.label));
const text = (c: Callback) =>
  [
    data(c).content ?? '',
    ...(data(c).embeds ?? []).map((e) => `${e.title}\n${e.description}\n${e.footer?.text}`),
  ].join('\n');
let users = 0;
const newUser = () => ({ id: `2${String(++users).padStart(17, '0')}`, username: `learner${users}` });

let fake: FakeDiscord;
let bot: BotProcess;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  bot = await startBotProcess(fake);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('the bot on a (fake) Discord, started as README says', () => {
  it('logs in with the Guilds intent only and registers nothing on start', () => {
    expect(fake.identifies[0]?.intents).toBe(1);
    expect(fake.requests.filter((r) => r.path.includes('/commands'))).toEqual([]);
    expect(bot.logs.some((l) => l.msg === 'ready')).toBe(true);
  });

  it('/salary level:senior: the senior figures of both articles that give them, privately, with sources', async () => {
    const reply = await fake.command('salary', { level: 'senior' }, { user: newUser() });
    expect(reply.body.type).toBe(4);
    expect(data(reply).flags).toBe(64);
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    const all = text(reply);
    expect(all).toContain('$233,000');
    expect(all).toContain('$172,654+');
    expect(all).not.toMatch(/Entry-Level|\$7\d,\d{3}/);
    // The comparison first: the senior figures of both articles side by side, each pointing to its passage.
    const [glance, ...passages] = data(reply).embeds!;
    expect(glance!.title).toBe('Salary at a glance');
    expect(glance!.description).toMatch(/\*\*\$233,000\*\*.*senior.*Dataquest.*→ #\d/);
    expect(glance!.description).toMatch(/→ #1\b/);
    expect(glance!.description).toMatch(/\*\*\$172,654\+\*\*.*senior.*AiPathly/);
    expect(glance!.description).not.toMatch(/junior/);
    for (const e of passages) {
      expect(e.title).toBeTruthy();
      expect(e.author?.name).toBeTruthy();
      expect(e.footer?.text).toMatch(/^\/salary level:senior · \d+ of \d+$/);
    }
    expect(button(reply, /Share/)).toBeTruthy();
  });

  it.each([
    ['skills', { level: 'mid' }],
    ['career', { level: 'junior' }],
    ['ask', { question: 'how much do ML engineers make in Seattle' }],
    ['sources', {}],
    ['help', {}],
  ])('/%s answers within limits, mentioning nobody', async (name, options) => {
    const reply = await fake.command(name, options, { user: newUser() });
    expect(reply.body.type).toBe(4);
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    expect(data(reply).embeds?.length).toBeGreaterThan(0);
  });

  it('works in a DM too', async () => {
    const reply = await fake.command('skills', {}, { user: newUser(), guildId: null });
    expect(reply.body.type).toBe(4);
    expect(data(reply).embeds?.length).toBe(3);
  });

  it('/salary location and industry: the figures for that place or industry, with suggestions as you type', async () => {
    const seattle = await fake.command('salary', { location: 'Seattle' }, { user: newUser() });
    expect(data(seattle).embeds![0]!.description).toContain('$147,000 to $182,182');
    expect(replyProblems(seattle.body, [], seattle.files)).toEqual([]);
    const estate = await fake.command(
      'salary',
      { industry: 'real estate', level: 'senior' },
      { user: newUser() },
    );
    expect(replyProblems(estate.body, [], estate.files)).toEqual([]);
    const industry = await fake.command('salary', { industry: 'real estate' }, { user: newUser() });
    expect(data(industry).embeds![0]!.description).toContain('$194,101');
    const places = await fake.autocomplete('salary', 'location', 'bo', { user: newUser() });
    expect(data(places).choices).toEqual([{ name: 'Boston', value: 'Boston' }]);
  });

  it('/ask in Seattle quotes the Seattle figures', async () => {
    const reply = await fake.command(
      'ask',
      { question: 'how much do ML engineers make in Seattle' },
      { user: newUser() },
    );
    expect(text(reply)).toContain('$147,000 to $182,182');
  });

  it('a bad option says what is accepted, privately', async () => {
    const reply = await fake.command('salary', { level: 'wizard' }, { user: newUser() });
    expect(data(reply).flags).toBe(64);
    expect(data(reply).content).toMatch(/junior, mid, senior or staff/);
    expect(data(reply).embeds).toEqual([]);
  });

  it('autocomplete: up to 25 choices of at most 100 characters, from the knowledge', async () => {
    const empty = await fake.autocomplete('ask', 'question', '', { user: newUser() });
    expect(empty.body.type).toBe(8);
    expect(replyProblems(empty.body, [], empty.files)).toEqual([]);
    expect(data(empty).choices!.length).toBeGreaterThan(5);
    const typed = await fake.autocomplete('ask', 'question', 'sal', { user: newUser() });
    expect(data(typed).choices!.map((c) => c.name)).toContain('Salary Ranges by Location');
    const long = await fake.autocomplete('ask', 'question', 'x'.repeat(300), { user: newUser() });
    expect(replyProblems(long.body, [], long.files)).toEqual([]);
  });

  it('More and Back page through a private answer in place', async () => {
    const user = newUser();
    const first = await fake.command('skills', { level: 'senior' }, { user });
    const more = button(first, /More/)!;
    expect(button(first, /Back/)?.disabled).toBe(true);
    const second = await fake.click(more.custom_id, 64, { user });
    expect(second.body.type).toBe(7);
    expect(replyProblems(second.body, [], second.files)).toEqual([]);
    expect(data(second).embeds![0]!.footer!.text).toMatch(/· 4 of \d+$/);
    const back = await fake.click(button(second, /Back/)!.custom_id, 64, { user });
    expect(data(back).embeds![0]!.footer!.text).toMatch(/· 1 of \d+$/);
    expect(data(back).embeds!.map((e) => e.description)).toEqual(
      data(first).embeds!.map((e) => e.description),
    );
  });

  it('Share posts the same answer publicly, pinging nobody; paging a public answer is private to the clicker', async () => {
    const user = newUser();
    const first = await fake.command('career', { level: 'mid' }, { user });
    const shared = await fake.click(button(first, /Share/)!.custom_id, 64, { user });
    expect(shared.body.type).toBe(4);
    expect(data(shared).flags ?? 0).toBe(0);
    expect(data(shared).content).toContain('Shared by');
    expect(data(shared).allowed_mentions).toEqual({ parse: [] });
    expect(data(shared).embeds!.map((e) => e.description)).toEqual(
      data(first).embeds!.map((e) => e.description),
    );
    const other = newUser();
    const page = await fake.click(button(shared, /More/)!.custom_id, 0, { user: other });
    expect(page.body.type).toBe(4);
    expect(data(page).flags).toBe(64);
  });

  /** /ask with `mention` set to a new member: the reply and that member. */
  const askMentioning = async (question: string) => {
    const target = { id: snowflake(), username: 'friend' };
    const reply = await fake.command(
      'ask',
      { question, mention: { type: 6, value: target.id } },
      { user: newUser(), resolvedUsers: [target] },
    );
    return { reply, target };
  };

  it('mention: posts publicly and pings only that member', async () => {
    const { reply, target } = await askMentioning('what degree do I need @everyone');
    expect(data(reply).flags ?? 0).toBe(0);
    expect(data(reply).content).toContain(`<@${target.id}>`);
    expect(data(reply).allowed_mentions).toEqual({ parse: [], users: [target.id] });
    expect(replyProblems(reply.body, [target.id], reply.files)).toEqual([]);
  });

  it('no good match: private even with a mention, nobody pinged, no Share button, commands to try', async () => {
    const { reply, target } = await askMentioning('how do I bake sourdough bread');
    expect(reply.body.type).toBe(4);
    expect(data(reply).flags).toBe(64);
    expect(data(reply).allowed_mentions).toEqual({ parse: [] });
    expect(data(reply).content ?? '').not.toContain(`<@${target.id}>`);
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    const [embed] = data(reply).embeds!;
    expect(embed!.title).toBe('No good match');
    expect(embed!.description).toMatch(/sourdough[\s\S]*Try: /);
    expect(button(reply, /Share/)).toBeFalsy();
  });

  it('echoed user text is escaped: no mention or Markdown can form', async () => {
    const reply = await fake.command('salary', { level: '@everyone **loud** <@&123>' }, { user: newUser() });
    const content = data(reply).content ?? '';
    expect(content).not.toMatch(/@everyone|<@&123>|(?<!\\)\*\*loud/);
    expect(data(reply).allowed_mentions).toEqual({ parse: [] });
  });

  it('a long question keeps its buttons under 100 characters and they still work', async () => {
    const user = newUser();
    const question = `what salary can a senior machine learning engineer expect in Seattle or New York with a master's degree ${'and'.repeat(5)}`;
    const first = await fake.command('ask', { question }, { user });
    expect(replyProblems(first.body, [], first.files)).toEqual([]);
    const more = button(first, /More/)!;
    expect(more.custom_id).toContain('~');
    const second = await fake.click(more.custom_id, 64, { user });
    expect(second.body.type).toBe(7);
  });

  it('a button from older knowledge or an expired one gets "ask again", not an error', async () => {
    const user = newUser();
    const stale = await fake.click('cb1|p|e|oldknowl|3|salary|level=senior', 64, { user });
    expect(data(stale).flags).toBe(64);
    expect(data(stale).content).toMatch(/Ask again/i);
    const expired = await fake.click('cb1|p|e|' + currentFingerprint() + '|3|ask|~nosuchkey', 64, { user });
    expect(data(expired).content).toMatch(/expired/i);
  });

  it('logs one line per interaction with command, options, latency and guild', async () => {
    // Logged when its handling is done (a chart edit may follow the reply), so in finishing order.
    const find = () =>
      bot.logs.find(
        (l) =>
          l.msg === 'interaction' &&
          l.command === 'salary' &&
          (l.options as { level?: string })?.level === 'senior',
      );
    const line = await waitFor('the interaction log line', find, 10_000);
    expect(line).toMatchObject({ kind: 'command', guildId: '300000000000000001', outcome: 'ok' });
    expect(typeof line?.ms).toBe('number');
    const mistake = bot.logs.find(
      (l) => l.msg === 'interaction' && (l.options as { level?: string })?.level === 'wizard',
    );
    expect(mistake).toMatchObject({ kind: 'command', command: 'salary', outcome: 'user-error' });
    expect(bot.output()).not.toContain('test-token');
  });
});

function currentFingerprint(): string {
  const id = fake.callbacks
    .flatMap((c) => buttonsOf(c.body))
    .map((b) => b.custom_id)
    .find((x) => x?.startsWith('cb1|'));
  return id!.split('|')[3]!;
}

describe('limits of use', () => {
  it('cooldown: a few requests per window, then a private "try again in N s"; others still answered', async () => {
    const own = await FakeDiscord.start();
    const limited = await startBotProcess(own, { COOLDOWN_REQUESTS: '2', COOLDOWN_SECONDS: '30' });
    try {
      const user = newUser();
      const replies = [];
      for (let i = 0; i < 3; i++) replies.push(await own.command('salary', {}, { user }));
      expect(data(replies[1]!).embeds?.length).toBeGreaterThanOrEqual(3);
      expect(data(replies[2]!).flags).toBe(64);
      expect(data(replies[2]!).content).toMatch(/try again in \d+ s/);
      const other = await own.command('salary', {}, { user: newUser() });
      expect(data(other).embeds?.length).toBeGreaterThanOrEqual(3);
    } finally {
      await limited.stop();
      await own.close();
    }
  });

  it('an oversized answer (long titles, headings, a 6000-character sentence) is cut to fit every limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-huge-'));
    await cp(join(KNOWLEDGE, 'thesaurus.yaml'), join(dir, 'thesaurus.yaml'));
    // Distinct long paragraphs (each region code is its own word, so none is a near-duplicate), and
    // one sentence with no full stop that no passage splitting can shorten.
    const paragraph = (i: number) =>
      Array.from(
        { length: 10 },
        (_, j) => `The senior salary in region r${i}n${j} depends on things in practice.`,
      ).join(' ');
    const endless = Array.from({ length: 120 }, (_, j) => `senior salary figure f${j} for engineers`).join(
      ', ',
    );
    const heading = 'Senior salary '.repeat(30);
    const body = [
      `## ${heading}\n\n${endless}`,
      // Two more short passages: the three fill one page whatever their order.
      ...Array.from({ length: 2 }, (_, i) => `## Senior salary part ${i}\n\n${paragraph(i)}`),
    ].join('\n\n');
    await writeFile(
      join(dir, 'huge.md'),
      `---\ntitle: ${'Huge '.repeat(80)}\npublisher: ${'Press '.repeat(60)}\n---\n\n${body}\n`,
    );
    const own = await FakeDiscord.start();
    const huge = await startBotProcess(own, { KNOWLEDGE_DIR: dir });
    try {
      const reply = await own.command('salary', { level: 'senior' }, { user: newUser() });
      expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
      const embeds = data(reply).embeds!;
      expect(embeds.length).toBe(3);
      for (const e of embeds) {
        expect(e.title!.length).toBeLessThanOrEqual(256);
        expect(e.title).toMatch(/Huge…$/);
        expect(e.author!.name).toMatch(/Press…$/);
        expect(e.description).toMatch(/^> /);
      }
      const cut = embeds.find((e) => e.description!.includes('figure f0 '))!;
      // Cut between words, never inside one.
      expect(cut.description).toMatch(/ (senior|salary|figure|f\d+|for|engineers,)…\n/);
    } finally {
      await huge.stop();
      await own.close();
    }
  });
});

describe('pay guides in pounds and rupees added to the knowledge', () => {
  it('/salary location:London and level:staff: the glance names each currency, the chart draws a panel per currency', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-currencies-'));
    await cp(KNOWLEDGE, dir, { recursive: true });
    for (const guide of ['uk-guide', 'india-guide'])
      await cp(join(FIXTURES, guide), dir, { recursive: true });
    const own = await FakeDiscord.start();
    const guides = await startBotProcess(own, { KNOWLEDGE_DIR: dir });
    try {
      // A chart not drawn yet follows the text in an edit; once drawn, a reply carries it at once.
      const salary = async (options: Record<string, string>) => {
        const first = await own.command('salary', options, { user: newUser() });
        if (first.files.length) return first;
        await waitFor(
          'the chart edit',
          () => own.requests.some((r) => r.method === 'PATCH' && r.files.length && r.at >= first.at),
          10_000,
        );
        return own.command('salary', options, { user: newUser() });
      };
      const london = await salary({ location: 'London' });
      expect(replyProblems(london.body, [], london.files)).toEqual([]);
      expect(text(london)).toContain('Figures for London are in pounds');
      const [glance] = data(london).embeds!;
      expect(glance!.title).toBe('Salary at a glance');
      expect(glance!.description).toMatch(/\*\*£98,000\*\* · median · GBP · senior · London/);
      expect(glance!.description).toMatch(/\*\*£750–£900\*\* · per day · GBP · staff · London/);
      expect(glance!.description).not.toMatch(/\$/);
      expect(london.files.map((f) => f.name)).toEqual(['salary-at-a-glance.png']);
      expect(data(london).attachments![0]!.description).toMatch(
        /^Range chart, Yearly pay · London\. Junior: £42k/,
      );

      const staff = await salary({ level: 'staff' });
      expect(replyProblems(staff.body, [], staff.files)).toEqual([]);
      expect(text(staff)).toContain('Figures for staff are in rupees and pounds');
      const alt = data(staff).attachments![0]!.description!;
      // One panel per currency, each on its own axis: "Staff · rupees: ₹50L to ₹120L", "Staff · pounds: …".
      expect(alt).toMatch(/Staff · rupees: ₹50L to ₹120L/);
      expect(alt).toMatch(/Staff · pounds: £93k to £190k/);
      expect(PNG.sync.read(staff.files[0]!.data).width).toBe(960);

      const bangalore = await own.command('salary', { location: 'Bangalore' }, { user: newUser() });
      expect(data(bangalore).embeds![0]!.description).toMatch(/\*\*₹8–14 LPA\*\* · INR · junior · Bangalore/);
      // The document's places are the option's suggestions.
      const choices = await own.autocomplete('salary', 'location', 'man', { user: newUser() });
      expect(data(choices).choices!.map((c) => c.value)).toContain('Manchester');
    } finally {
      await guides.stop();
      await own.close();
    }
  });
});

describe('start-up and shutdown', () => {
  it('SIGTERM: disconnects and exits 0 within 5 s', async () => {
    const own = await FakeDiscord.start();
    const b = await startBotProcess(own);
    expect(own.connections.length).toBe(1);
    const { code, ms } = await b.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 50));
    expect(own.connections.length).toBe(0);
    await own.close();
  });

  it('a missing setting stops start-up naming it, never echoing the token', async () => {
    const own = await FakeDiscord.start();
    await expect(startBotProcess(own, { DISCORD_APPLICATION_ID: '' }, 'secret-token-value')).rejects.toThrow(
      /DISCORD_APPLICATION_ID is missing/,
    );
    await expect(
      startBotProcess(own, { DISCORD_API_URL: 'not a url' }, 'secret-token-value'),
    ).rejects.toThrow(/DISCORD_API_URL is invalid: expected an http\(s\) URL/);
    // With valid settings it starts; its output never shows the token either.
    const started = await startBotProcess(own, {}, 'secret-token-value');
    try {
      expect(started.output()).not.toContain('secret-token-value');
    } finally {
      await started.stop();
      await own.close();
    }
  });
});

describe('the salary chart in Discord', () => {
  const CHART = 'attachment://salary-at-a-glance.png';

  beforeAll(async () => {
    // The bot draws the unfiltered and per-level charts when it connects; these tests use them.
    await waitFor(
      '"salary charts drawn"',
      () => bot.logs.some((l) => l.msg === 'salary charts drawn'),
      20_000,
    );
  }, 25_000);

  it('/salary carries the range chart: a PNG the "Salary at a glance" embed shows, with alt text, within limits', async () => {
    const reply = await fake.command('salary', { level: 'senior' }, { user: newUser() });
    expect(reply.body.type).toBe(4);
    expect(reply.files.map((f) => [f.name, f.type])).toEqual([['salary-at-a-glance.png', 'image/png']]);
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    const png = PNG.sync.read(reply.files[0]!.data);
    expect(png.width).toBe(960);
    expect(png.height).toBeGreaterThan(200);
    const [glance] = data(reply).embeds!;
    expect(glance!.title).toBe('Salary at a glance');
    expect(glance!.image).toEqual({ url: CHART });
    // The text table stays beside the picture.
    expect(glance!.description).toMatch(/\*\*\$233,000\*\*/);
    const [attachment] = data(reply).attachments!;
    expect(attachment!.description).toMatch(/^Range chart, Yearly pay · senior\. Senior: \$100k to \$290k/);
    expect(data(reply).flags).toBe(64);
    // Only /salary sends a picture.
    const skills = await fake.command('skills', { level: 'senior' }, { user: newUser() });
    expect(skills.files).toEqual([]);
    expect(data(skills).embeds!.some((e) => e.image)).toBe(false);
  });

  it('Share posts the picture too; paging does not send it again, and Back shows the one already there', async () => {
    const user = newUser();
    const first = await fake.command('salary', {}, { user });
    expect(first.files).toHaveLength(1);
    const shared = await fake.click(button(first, /Share/)!.custom_id, 64, { user });
    expect(shared.body.type).toBe(4);
    expect(data(shared).flags ?? 0).toBe(0);
    expect(shared.files.map((f) => f.name)).toEqual(['salary-at-a-glance.png']);
    expect(shared.files[0]!.data.equals(first.files[0]!.data)).toBe(true);
    expect(data(shared).embeds![0]!.image).toEqual({ url: CHART });
    expect(replyProblems(shared.body, [], shared.files)).toEqual([]);

    const second = await fake.click(button(first, /More/)!.custom_id, 64, { user, on: first });
    expect(second.body.type).toBe(7);
    expect(second.files).toEqual([]);
    // The picture stays on the message (no `attachments` list, so Discord keeps what is there).
    expect(data(second).attachments).toBeUndefined();
    expect(data(second).embeds!.some((e) => e.image)).toBe(false);
    const back = await fake.click(button(second, /Back/)!.custom_id, 64, { user, on: first });
    expect(back.body.type).toBe(7);
    expect(back.files).toEqual([]);
    expect(data(back).embeds![0]!.image).toEqual({ url: CHART });
    expect(data(back).attachments).toHaveLength(1);
    expect(data(back).attachments![0]!.id).toMatch(/^\d{17,20}$/);
    expect(replyProblems(back.body, [], back.files)).toEqual([]);
  });

  it('a filter with no chart says so in the embed and sends no file', async () => {
    const reply = await fake.command('salary', { location: 'Atlantis' }, { user: newUser() });
    expect(reply.files).toEqual([]);
    expect(data(reply).embeds!.some((e) => e.image)).toBe(false);
    expect(text(reply)).toMatch(/No figure in the sources for location “Atlantis”/);
  });

  it('SALARY_CHART=off: the text table only; a value it does not know stops start-up saying what it takes', async () => {
    const own = await FakeDiscord.start();
    await expect(startBotProcess(own, { SALARY_CHART: 'maybe' })).rejects.toThrow(
      /SALARY_CHART is invalid: expected on or off/,
    );
    const plain = await startBotProcess(own, { SALARY_CHART: 'off' });
    try {
      const reply = await own.command('salary', { level: 'senior' }, { user: newUser() });
      expect(reply.body.type).toBe(4);
      expect(reply.files).toEqual([]);
      expect(data(reply).embeds![0]!.title).toBe('Salary at a glance');
      expect(data(reply).embeds![0]!.image).toBeUndefined();
      expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    } finally {
      await plain.stop();
      await own.close();
    }
  });
});

describe("Discord's OpenAPI spec", () => {
  it('every REST request the bot sent in this file is valid against it', () => {
    expect(fake.requests.length).toBeGreaterThan(20);
    expect(allSpecProblems(fake.requests)).toEqual([]);
  });
});
