/**
 * Feedback and insights (SQLite in a temp folder): the store and its migrations, the write queue
 * (batched, bounded, dropping and counting when the store is gone), retention, the report and the
 * export; then over the fake Discord, started as README says: votes stored once per member and
 * changed on a second click, "👎 I needed this" on a no-match, /insights for that server's admins
 * only, INSIGHTS=off storing nothing, and `careerbot insights` reading what the bot wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Insights, type AnswerRecord } from '../src/insights/insights.js';
import { exportQuestions, insightsReport, normaliseQuestion, reportLines } from '../src/insights/report.js';
import { openStore, schemaVersion } from '../src/insights/store.js';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { replyProblems } from './support/discordLimits.js';
import { FakeDiscord, type Callback } from './support/fakeDiscord.js';
import { allSpecProblems } from './support/openapi.js';
import { waitFor } from './support/waitFor.js';
import { ROOT } from './helpers.js';
import { buttonsOf } from './support/buttons.js';

const silent = pino({ level: 'silent' });
let files = 0;
const dbFile = () => join(tmpdir(), `store-${++files}.db`);
const answer = (over: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id: String(100000000000000000n + BigInt(++files)),
  guild: '300000000000000001',
  command: 'ask',
  question: '/ask what do juniors earn',
  options: { question: 'what do juniors earn' },
  passageIds: ['dataquest#salary#1', 'aipathly#ranges#2'],
  noMatch: false,
  notice: false,
  latencyMs: 3.2,
  userId: '200000000000000001',
  ...over,
});

describe('the store', () => {
  it('is created and migrated on open, keeps its own secret, and never stores a member id', async () => {
    const file = dbFile();
    const first = await openStore({ file });
    expect(await schemaVersion(first.db)).toBe('001_answers_votes');
    const hash = first.memberHash('200000000000000001');
    expect(hash).toMatch(/^[\w-]{22}$/);
    expect(hash).not.toContain('200000000000000001');
    await first.close();
    const again = await openStore({ file });
    expect(again.memberHash('200000000000000001')).toBe(hash);
    await again.close();
    const keyed = await openStore({ file, secret: 'a-secret-of-sixteen+' });
    expect(keyed.memberHash('200000000000000001')).not.toBe(hash);
    await keyed.close();
  });
});

describe('the write queue', () => {
  it('writes answers and votes in batches; a second vote by the same member replaces the first', async () => {
    const store = await openStore({ file: dbFile() });
    const insights = new Insights({ store, logger: silent, flushMs: 60_000 });
    const a = answer();
    insights.recordAnswer(a);
    insights.recordVote({ answerId: a.id, userId: '200000000000000009', vote: 1 });
    insights.recordVote({ answerId: a.id, userId: '200000000000000009', vote: -1 });
    insights.recordVote({ answerId: a.id, userId: '200000000000000008', vote: 1 });
    expect(await store.db.selectFrom('answers').selectAll().execute()).toHaveLength(0);
    await insights.flush();
    const rows = await store.db.selectFrom('answers').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ command: 'ask', passages: 2, no_match: 0, guild: '300000000000000001' });
    expect(rows[0]!.member).not.toContain('2000000');
    const votes = await store.db.selectFrom('votes').selectAll().orderBy('vote').execute();
    expect(votes.map((v) => v.vote)).toEqual([-1, 1]);
    await insights.close();
  });

  it('a full queue and a store that is gone drop writes and count them; the caller never waits or fails', async () => {
    const store = await openStore({ file: dbFile() });
    const dropped: number[] = [];
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const insights = new Insights({
      store,
      logger,
      maxQueue: 2,
      flushMs: 60_000,
      onDropped: (n) => void dropped.push(n),
    });
    for (let i = 0; i < 3; i++) insights.recordAnswer(answer());
    expect(insights.dropped).toBe(1);
    await store.db.destroy();
    await insights.flush();
    insights.recordAnswer(answer());
    await insights.flush();
    expect(insights.dropped).toBe(4);
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(4);
    // Logged once for the outage, not once per batch.
    expect(warnings.filter((w) => w.includes('insights store not writable'))).toHaveLength(1);
  });

  it('retention purges older rows', async () => {
    const store = await openStore({ file: dbFile() });
    const insights = new Insights({ store, logger: silent, retentionDays: 90, flushMs: 60_000 });
    const a = answer();
    insights.recordAnswer(a);
    insights.recordVote({ answerId: a.id, userId: '1', vote: 1 });
    await insights.flush();
    expect(await insights.purge(Date.now() + 89 * 86_400_000)).toBe(0);
    expect(await insights.purge(Date.now() + 91 * 86_400_000)).toBe(1);
    expect(await store.db.selectFrom('votes').selectAll().execute()).toHaveLength(0);
    await insights.close();
  });
});

describe('the report', () => {
  it('groups questions by their normalised text, lists no-matches and voted-down answers, one server at a time', async () => {
    const store = await openStore({ file: dbFile() });
    const insights = new Insights({ store, logger: silent, flushMs: 60_000 });
    const down = answer({ question: '/ask What do Juniors earn??' });
    insights.recordAnswer(down);
    insights.recordAnswer(answer());
    insights.recordAnswer(answer({ question: '/ask best pizza', noMatch: true, passageIds: [] }));
    insights.recordAnswer(answer({ guild: '300000000000000002', question: '/ask other server question' }));
    insights.recordVote({ answerId: down.id, userId: '7', vote: -1 });
    // The same question, the same passages, voted down again: one row of two answers.
    const again = answer({ question: '/ask what do juniors earn' });
    insights.recordAnswer(again);
    insights.recordVote({ answerId: again.id, userId: '8', vote: -1 });
    await insights.flush();
    expect(normaliseQuestion('/ask What do Juniors earn??')).toBe(
      normaliseQuestion('/ask what do juniors earn'),
    );
    const r = await insightsReport(store.db, { guild: '300000000000000001' });
    expect(r.answers).toBe(4);
    expect(r.mostAsked[0]).toMatchObject({ count: 3 });
    expect(r.unanswered).toEqual([expect.objectContaining({ question: '/ask best pizza', count: 1 })]);
    expect(r.votedDown).toEqual([
      expect.objectContaining({
        answers: 2,
        down: 2,
        up: 0,
        passages: ['dataquest#salary#1', 'aipathly#ranges#2'],
      }),
    ]);
    expect(reportLines(r).join('\n')).toContain('(ask, 2 answers) 👎 2 👍 0');
    expect(r.byDocument).toEqual([
      { document: 'dataquest', shown: 3 },
      { document: 'aipathly', shown: 3 },
    ]);
    expect(JSON.stringify(r)).not.toContain('other server question');
    expect(reportLines(r).join('\n')).toMatch(/No good match\n- “\/ask best pizza” ×1/);
    const lines = (await exportQuestions(store.db, { guild: '300000000000000001' })).map((l) =>
      JSON.parse(l),
    );
    expect(lines).toEqual([
      expect.objectContaining({ q: '/ask best pizza', k: 3, why: 'no-match', count: 1 }),
      expect.objectContaining({ q: '/ask What do Juniors earn??', k: 3, why: 'voted-down' }),
    ]);
    await insights.close();
  });
});

type Data = {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string }>;
};
const data = (c: Callback) => (c.body.data ?? {}) as Data;
const buttons = (c: Callback) => buttonsOf(c.body);
const button = (c: Callback, label: string) => buttons(c).find((b) => b.label === label)!;

describe('feedback and /insights on the (fake) Discord', () => {
  let fake: FakeDiscord;
  let bot: BotProcess;
  const store = join(tmpdir(), 'bot-insights.db');
  const OTHER = '300000000000000002';

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    bot = await startBotProcess(fake, { INSIGHTS_DB: store });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('👍 and 👎 under an answer; a vote shows on the private answer, a second click changes it', async () => {
    const user = { id: '210000000000000001', username: 'voter' };
    const reply = await fake.command('salary', { level: 'senior' }, { user });
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    const up = button(reply, '👍');
    const down = button(reply, '👎');
    expect(up.custom_id).toBe(`cb1|f|${reply.interactionId}|u`);
    for (const b of buttons(reply)) {
      expect(b.custom_id.length).toBeLessThanOrEqual(100);
      expect(b.custom_id).not.toContain(user.id);
    }
    const first = await fake.click(up.custom_id, 64, { user, on: reply });
    expect(first.body.type).toBe(7);
    expect(button(first, '👍').style).toBe(3);
    expect(button(first, '👎').style).toBe(2);
    const second = await fake.click(down.custom_id, 64, { user, on: first });
    expect(button(second, '👎').style).toBe(4);
    expect(button(second, '👍').style).toBe(2);
    // Another member's vote on the same answer.
    await fake.click(up.custom_id, 64, { user: { id: '210000000000000002', username: 'other' }, on: reply });
  });

  it('a no-match gets "👎 I needed this" only', async () => {
    const reply = await fake.command(
      'ask',
      { question: 'best pizza topping in naples' },
      { user: { id: '210000000000000003', username: 'p' } },
    );
    expect(buttons(reply).map((b) => b.label)).toEqual(['👎 I needed this']);
  });

  it("/insights: refused without Manage Server; with it, that server's answers only", async () => {
    await fake.command(
      'ask',
      { question: 'what skills does a junior need' },
      { guildId: OTHER, user: { id: '210000000000000004', username: 'o' } },
    );
    // The /salary answer is noted once its chart edit is done (its interaction's log line).
    await waitFor('the /salary interaction to end', () =>
      bot.logs.some((l) => l.msg === 'interaction' && l.command === 'salary'),
    );
    const member = await fake.command('insights', {}, { user: { id: '210000000000000005', username: 'm' } });
    expect(data(member).flags).toBe(64);
    expect(data(member).content).toMatch(/for members who can manage this server/);
    const admin = await fake.command(
      'insights',
      { days: '7' },
      { user: { id: '210000000000000006', username: 'a' }, memberPermissions: String(1 << 5) },
    );
    expect(data(admin).flags).toBe(64);
    const text = `${data(admin).embeds?.[0]?.title}\n${data(admin).embeds?.[0]?.description}`;
    expect(text).toMatch(/What members asked/);
    expect(text).toMatch(/\/salary level:senior/);
    expect(text).toMatch(/best pizza topping in naples/);
    expect(text).not.toMatch(/what skills does a junior need/);
    expect(text).toMatch(/👍 1 · 👎 1/);
    const dm = await fake.command(
      'insights',
      {},
      { guildId: null, user: { id: '210000000000000007', username: 'd' } },
    );
    expect(data(dm).content).toMatch(/is for a server/);
  });

  it('careerbot insights reads what the bot wrote: every server, JSON or text, and exports questions', async () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'careerbot.js'), 'insights', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, INSIGHTS_DB: store },
      });
    const json = await waitFor('the bot to write its answers', () => {
      const r = JSON.parse(run('--json').stdout) as { answers: number; votes: { up: number; down: number } };
      return r.answers >= 3 ? r : undefined;
    });
    expect(json.votes).toEqual({ up: 1, down: 1 });
    expect(run().stdout).toMatch(/Most asked/);
    const out = join(tmpdir(), 'questions.jsonl');
    expect(run('--export', out).stdout).toMatch(/wrote \d+ question/);
    expect(run('--days', 'x').status).toBe(2);
  });

  it('every REST request is valid against Discord’s OpenAPI spec', () => {
    expect(allSpecProblems(fake.requests)).toEqual([]);
  });
});

describe('INSIGHTS=off', () => {
  it('stores nothing and shows no feedback buttons', async () => {
    const fake = await FakeDiscord.start();
    const file = join(tmpdir(), 'off.db');
    const bot = await startBotProcess(fake, { INSIGHTS: 'off', INSIGHTS_DB: file });
    try {
      const reply = await fake.command('salary', { level: 'senior' });
      expect(buttons(reply).some((b) => b.custom_id.startsWith('cb1|f|'))).toBe(false);
      expect(existsSync(file)).toBe(false);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
