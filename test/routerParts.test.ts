/**
 * The router's seams, each on its own: decoding an interaction, the message JSON, paging and
 * buttons, reply in channel, and chart delivery (with a transport that records what it is asked).
 */
import { pino } from 'pino';
import type { APIInteraction, APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/answers/types.js';
import { Session } from '../src/cli/session.js';
import { seedEngine } from './helpers.js';
import { ChartCache } from '../src/chart/chartCache.js';
import type { RenderedChart } from '../src/chart/renderChart.js';
import { ButtonStates } from '../src/discord/buttonState.js';
import { buttonsFor } from '../src/discord/buttons.js';
import { ChartDelivery, within } from '../src/discord/chartDelivery.js';
import { readOptions, userOf, withoutMention } from '../src/discord/decode.js';
import { messageData, notice } from '../src/discord/messageJson.js';
import { buildReply, type ReplyFile } from '../src/discord/reply.js';
import { cannotPost, postability, replyPost, targetOf } from '../src/discord/replyInChannel.js';
import { Tracked, type InteractionResponse, type Transport } from '../src/discord/transport.js';

const passages = (offset: number, total: number): Answer => ({
  kind: 'passages',
  asked: '/salary',
  offset,
  total,
  results: [
    {
      passageId: 'a#1',
      sourceIndex: 0,
      title: 'T',
      publisher: 'P',
      heading: 'H',
      text: 'Junior engineers earn $90,000.',
      score: 1,
      levels: [],
      topics: [],
    },
  ],
});
const noMatch: Answer = {
  kind: 'message',
  asked: '/ask x',
  title: 'No good match',
  lines: [],
  noMatch: true,
};
const raw = (extra: Record<string, unknown>) =>
  ({ id: '1', token: 't', application_id: '9', ...extra }) as unknown as APIInteraction;

describe('decoding an interaction', () => {
  it('reads option values as text, drops empty ones, keeps mention apart', () => {
    const options = readOptions([
      { name: 'level', type: 3, value: 'senior' },
      { name: 'mention', type: 6, value: '123' },
    ] as never);
    expect(options).toEqual({ level: 'senior', mention: '123' });
    expect(withoutMention(options)).toEqual({ level: 'senior' });
  });

  it('finds who asked in a server (member.user) or a DM (user)', () => {
    expect(userOf(raw({ member: { user: { id: '5', username: 'm' } } }))?.id).toBe('5');
    expect(userOf(raw({ user: { id: '6', username: 'd' } }))?.id).toBe('6');
  });
});

describe('message JSON', () => {
  it('an update replaces the content and never sets flags; files become attachments with ids', () => {
    const body = {
      ...buildReply(passages(0, 1), { visibility: 'private' }),
      files: [{ name: 'c.png', description: 'alt', data: Buffer.from('x') }],
    };
    const reply = messageData(body);
    expect(reply.flags).toBe(64);
    expect(reply.attachments).toEqual([{ id: '0', filename: 'c.png', description: 'alt' }]);
    const update = messageData(body, true);
    expect(update.flags).toBeUndefined();
    expect(update.content).toBe('');
  });

  it('a notice is private and pings nobody', () => {
    expect(notice('hi')).toEqual({
      type: 4,
      data: { content: 'hi', flags: 64, allowed_mentions: { parse: [] } },
    });
  });
});

describe('paging and buttons', () => {
  const states = new ButtonStates({ fingerprint: () => 'ffff' });
  const request = { command: 'salary', options: {}, offset: 0 };

  it('a private answer pages and shares; a public one only pages; a no-match has none', () => {
    const mine = buttonsFor(states, request, passages(0, 6), 'private');
    expect(Object.keys(mine).sort()).toEqual(['back', 'more', 'share']);
    expect(states.decode(mine.more!)).toMatchObject({ ok: true, state: { request: { offset: 1 } } });
    expect(Object.keys(buttonsFor(states, request, passages(0, 6), 'public')).sort()).toEqual([
      'back',
      'more',
    ]);
    expect(buttonsFor(states, request, noMatch, 'private')).toEqual({});
  });

  it('an answer to a member message has Reply in channel instead of Share, where the bot can post', () => {
    const target = { id: '1234567890123456789', canReply: true };
    const mine = buttonsFor(states, request, passages(0, 6), 'private', target);
    expect(mine.share).toBeUndefined();
    expect(states.decode(mine.reply!)).toMatchObject({
      ok: true,
      state: { action: 'reply', target: target.id },
    });
    expect(states.decode(mine.more!)).toMatchObject({ ok: true, state: { target: target.id } });
    const cannot = buttonsFor(states, request, passages(0, 6), 'private', { ...target, canReply: false });
    expect(cannot.reply).toBeUndefined();
    expect(cannot.share).toBeUndefined();
  });
});

describe('reply in channel', () => {
  const perms = (...bits: number[]) => String(bits.reduce((a, b) => a | (1n << BigInt(b)), 0n));

  it('needs a token, and in a server the permissions to see, send, embed and reply', () => {
    expect(postability(raw({}), false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/without a bot token/),
    });
    expect(postability(raw({}), true)).toEqual({ ok: true, files: true });
    const full = perms(10, 11, 14, 15, 16);
    expect(postability(raw({ guild_id: '3', app_permissions: full }), true)).toEqual({
      ok: true,
      files: true,
    });
    expect(postability(raw({ guild_id: '3', app_permissions: perms(10, 11, 14, 16) }), true)).toEqual({
      ok: true,
      files: false,
    });
    expect(postability(raw({ guild_id: '3', app_permissions: perms(10) }), true)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Send Messages, Embed Links, Read Message History permissions'),
    });
    // "0" (none at all, or a client that sends none): the post decides, on click.
    expect(postability(raw({ guild_id: '3', app_permissions: '0' }), true)).toEqual({
      ok: true,
      files: true,
    });
    // In a thread, sending is its own permission.
    const thread = { guild_id: '3', channel: { id: '4', type: 11 }, app_permissions: full };
    expect(postability(raw(thread), true)).toMatchObject({ ok: false });
    expect(postability(raw({ ...thread, app_permissions: perms(10, 14, 16, 38) }), true)).toMatchObject({
      ok: true,
    });
  });

  it("reads the member's message, a bot's, and careerbot's own", () => {
    const message = (extra: Partial<APIMessage>) =>
      ({ content: 'q', author: { id: '2' }, attachments: [], embeds: [], ...extra }) as APIMessage;
    expect(targetOf(message({}), '9')).toEqual({
      content: 'q',
      fromBot: false,
      fromThisApp: false,
      attachments: 0,
      embeds: 0,
      stickers: 0,
    });
    expect(targetOf(message({ author: { id: '8', bot: true } as never }), '9').fromBot).toBe(true);
    expect(targetOf(message({ webhook_id: '7' }), '9').fromBot).toBe(true);
    expect(targetOf(message({ author: { id: '9', bot: true } as never }), '9').fromThisApp).toBe(true);
  });

  it('the post replies to the message and pings nobody; a refusal is told from other errors', () => {
    expect(
      replyPost(
        { content: 'x', allowed_mentions: { parse: ['users'] } },
        { messageId: '1', channelId: '2', guildId: '3' },
      ),
    ).toEqual({
      content: 'x',
      message_reference: {
        type: 0,
        message_id: '1',
        channel_id: '2',
        guild_id: '3',
        fail_if_not_exists: false,
      },
      allowed_mentions: { parse: [], replied_user: false },
    });
    expect(cannotPost({ code: 50013, status: 403 })).toBe(true);
    expect(cannotPost({ code: 10003, status: 404 })).toBe(true);
    expect(cannotPost({ code: 0, status: 500 })).toBe(false);
  });
});

describe('chart delivery', async () => {
  // A real /salary answer, with its figures and chart data; the drawing is stubbed.
  const { engine, commands } = await seedEngine();
  const salary = new Session(engine, commands).run('/salary')!;
  const drawnChart: RenderedChart = { svg: '<svg/>', png: Buffer.from('png'), width: 1, height: 1 };

  /** A transport that records every call. */
  function recorder(filesInResponse: boolean) {
    const calls: Array<{ what: string; type?: number; files: number }> = [];
    const inner: Transport = {
      filesInResponse,
      respond: async (r: InteractionResponse, files?: ReplyFile[]) =>
        void calls.push({ what: 'respond', type: r.type, files: files?.length ?? 0 }),
      edit: async (_d, files) => void calls.push({ what: 'edit', files: files?.length ?? 0 }),
      followUp: async () => void calls.push({ what: 'followUp', files: 0 }),
    };
    return { t: new Tracked(inner), calls };
  }
  const delivery = (draw: () => Promise<RenderedChart>, chartWaitMs = 300) =>
    new ChartDelivery({
      charts: new ChartCache(8, draw),
      chartWaitMs,
      salaryChart: true,
      logger: pino({ level: 'silent' }),
    });
  const build = (answer: Answer) => (c?: Parameters<typeof buildReply>[1]['chart']) =>
    buildReply(answer, { visibility: 'private', ...(c ? { chart: c } : {}) });

  it('a chart drawn in time goes with the reply', async () => {
    const { t, calls } = recorder(true);
    const answer = salary;
    await delivery(async () => drawnChart).send(t, answer, build(answer), 'reply');
    expect(calls).toEqual([{ what: 'respond', type: 4, files: 1 }]);
    expect(t.responded).toBe(true);
  });

  it('where the response cannot carry files (the endpoint), the text goes first and an edit adds the picture', async () => {
    const { t, calls } = recorder(false);
    const answer = salary;
    await delivery(async () => drawnChart).send(t, answer, build(answer), 'reply');
    expect(calls).toEqual([
      { what: 'respond', type: 4, files: 0 },
      { what: 'edit', files: 1 },
    ]);
  });

  it('a chart that fails to draw leaves the text reply alone', async () => {
    const { t, calls } = recorder(true);
    const answer = salary;
    await delivery(() => Promise.reject(new Error('no font')), 0).send(t, answer, build(answer), 'reply');
    expect(calls).toEqual([{ what: 'respond', type: 4, files: 0 }]);
  });

  it('within: a job slower than its time is given up on, a failed one is undefined', async () => {
    expect(await within(new Promise((r) => setTimeout(() => r('late'), 200)), 5)).toBeUndefined();
    expect(await within(Promise.reject(new Error('x')), 50)).toBeUndefined();
    expect(await within(Promise.resolve('now'), 50)).toBe('now');
  });
});
