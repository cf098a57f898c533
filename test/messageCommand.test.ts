/**
 * "Answer with careerbot": the message command that answers a member's message where it was asked.
 * The reading of a message and the button state as pure functions; then the real discord.js client
 * (the bot started as README says) and the interactions endpoint against the fake Discord, with every
 * REST body checked against Discord's OpenAPI spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import answerMessage from '../commands/answer-message.js';
import { questionOfMessage } from '../src/commands/messageText.js';
import { loadCommandSet } from '../src/commands/registry.js';
import { ButtonStates } from '../src/discord/buttonState.js';
import { comparable, diffCommands, toDiscordCommands } from '../src/discord/commandJson.js';
import { Session } from '../src/cli/session.js';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { replyProblems } from './support/discordLimits.js';
import { startEndpointProcess, type EndpointProcess } from './support/endpointProcess.js';
import { FakeDiscord, type Callback, type MemberMessage } from './support/fakeDiscord.js';
import { allSpecProblems, specProblems } from './support/openapi.js';
import { AppKeys } from './support/signing.js';
import { waitFor } from './support/waitFor.js';
import { seedEngine } from './helpers.js';

type Button = { custom_id: string; label: string; disabled?: boolean; style?: number };
type Data = {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
  components?: Array<{ components: Button[] }>;
  allowed_mentions?: { parse: string[]; users?: string[]; replied_user?: boolean };
  message_reference?: {
    message_id: string;
    channel_id?: string;
    guild_id?: string;
    fail_if_not_exists?: boolean;
  };
};
const dataOf = (body: unknown) => ((body as { data?: Data } | undefined)?.data ?? {}) as Data;
const data = (c: Callback) => dataOf(c.body);
const buttonsOf = (d: Data) => d.components?.flatMap((r) => r.components) ?? [];
const button = (d: Data, label: RegExp) => buttonsOf(d).find((b) => label.test(b.label));
const textOf = (d: Data) =>
  [d.content ?? '', ...(d.embeds ?? []).map((e) => `${e.title}\n${e.description}\n${e.footer?.text}`)].join(
    '\n',
  );

const MENU = 'Answer with careerbot';
const QUESTION = 'anyone know what junior MLEs make in **Austin**? <@200000000000000099>';
let users = 0;
const newUser = () => ({
  id: `27${String(++users).padStart(16, '0')}`,
  username: `member${users}`,
  global_name: `Member ${users}`,
});

describe('reading a member message as a question', () => {
  it.each([
    ['anyone know what junior MLEs make in **Austin**?', 'anyone know what junior MLEs make in Austin?'],
    ['<@123456789012345678> what skills for mid level?', 'what skills for mid level?'],
    ['> how do I become senior\nthx <:pepe:123456789012345678>', 'how do I become senior thx'],
    ['salary in <#123456789012345678> see https://example.com/x ||spoiler||', 'salary in see spoiler'],
    ['@everyone `pytorch` or tensorflow?', 'pytorch or tensorflow?'],
    ['<t:1700000000:R> <@&123456789012345678>', ''],
  ])('%j → %j', (content, question) => {
    expect(questionOfMessage(content)).toBe(question);
  });

  it('a question becomes /ask with the words; a message that is no question says why', () => {
    expect(answerMessage.read({ content: QUESTION })).toEqual({
      command: 'ask',
      options: { question: 'anyone know what junior MLEs make in Austin?' },
    });
    const refusal = (m: Parameters<typeof answerMessage.read>[0]) => {
      try {
        answerMessage.read(m);
      } catch (err) {
        return (err as Error).message;
      }
      return 'answered';
    };
    expect(refusal({ content: '', attachments: 1 })).toMatch(/only an image or a file, no question in words/);
    expect(refusal({ content: '', embeds: 1 })).toMatch(/only an embed/);
    expect(refusal({ content: '', stickers: 1 })).toMatch(/only a sticker/);
    expect(refusal({ content: '   ' })).toMatch(/no text/);
    expect(refusal({ content: '<@123456789012345678> https://x.io' })).toMatch(
      /only mentions, emoji or links/,
    );
    expect(refusal({ content: 'what do juniors earn', fromBot: true })).toMatch(/posted by a bot/);
    expect(refusal({ content: 'Salary at a glance', fromBot: true, fromThisApp: true })).toMatch(
      /careerbot’s own messages/,
    );
    expect(refusal({ content: 'why '.repeat(100) })).toMatch(/399 characters long.*up to 300.*\/ask/);
  });

  it('the console: /answer <pasted message> and a line starting with > answer as the menu command would', async () => {
    const { engine, commands } = await seedEngine();
    const set = await loadCommandSet();
    const session = new Session(engine, commands, undefined, set.message);
    const answer = session.run(`/answer ${QUESTION}`)!;
    expect(answer.kind).toBe('passages');
    expect(answer.asked).toBe('“Answer with careerbot” on: anyone know what junior MLEs make in Austin?');
    const asked = new Session(engine, commands).run('/ask anyone know what junior MLEs make in Austin?')!;
    expect(answer.kind === 'passages' && asked.kind === 'passages').toBe(true);
    if (answer.kind === 'passages' && asked.kind === 'passages') {
      expect(answer.results.length).toBeGreaterThan(0);
      expect(answer.results.map((r) => r.passageId)).toEqual(asked.results.map((r) => r.passageId));
    }
    const quoted = session.run('> https://example.com')!;
    expect(quoted.kind).toBe('error');
    if (quoted.kind === 'error') expect(quoted.message).toMatch(/only mentions, emoji or links/);
    // /more continues the pasted message's answer.
    const more = session.run('/more')!;
    expect(more.kind === 'passages' && more.offset).toBe(3);
  });
});

describe('the command list and the Reply button state', () => {
  it('deploy JSON: a type-3 command with no description or options, in servers and bot DMs; a re-deploy changes nothing', async () => {
    const set = await loadCommandSet();
    expect(set.message.map((c) => c.name)).toEqual([MENU]);
    const wanted = toDiscordCommands(set.slash, set.message);
    expect(wanted).toHaveLength(8);
    const menu = wanted.find((c) => c.type === 3)!;
    expect(menu).toEqual({ name: MENU, type: 3, contexts: [0, 1], integration_types: [0] });
    expect(menu.name.length).toBeLessThanOrEqual(32);
    for (const [i, c] of wanted.entries())
      expect(specProblems({ method: 'PUT', path: '/applications/1/commands', body: [c] }), String(i)).toEqual(
        [],
      );
    // What Discord returns: ids, versions, "" for the missing description; nothing differs.
    const registered = wanted.map((c) => ({
      ...c,
      id: '1',
      version: '2',
      description: c.description ?? '',
    }));
    expect(diffCommands(registered, wanted)).toEqual({ added: [], changed: [], removed: [] });
    expect(comparable({ ...menu, description: '' })).toBe(comparable(menu));
    // A slash command and a message command of the same name are two commands.
    const twin = { name: 'ask', type: 3 as const, contexts: [0, 1], integration_types: [0] };
    expect(diffCommands(registered, [...wanted, twin]).added).toEqual(['“ask” (message menu)']);
  });

  it('a Reply button carries the message it replies to, under 100 characters, and no member data', () => {
    const states = new ButtonStates({ fingerprint: () => 'f00dfeedf00dfeed' });
    const request = {
      command: 'ask',
      options: { question: 'what do junior machine learning engineers make in Austin, Texas, these days' },
      offset: 0,
    };
    const id = states.encode('reply', 'private', request, '1234567890123456789');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).not.toMatch(/27\d{16}|member/);
    expect(states.decode(id)).toEqual({
      ok: true,
      state: { action: 'reply', visibility: 'private', request, target: '1234567890123456789' },
    });
    // The page buttons of such an answer carry the target too; others keep their old form.
    const more = states.encode('page', 'private', { ...request, offset: 3 }, '1234567890123456789');
    expect(states.decode(more)).toMatchObject({
      ok: true,
      state: { action: 'page', target: '1234567890123456789' },
    });
    const plain = states.encode('page', 'private', {
      command: 'salary',
      options: { level: 'mid' },
      offset: 3,
    });
    expect(plain.split('|')).toHaveLength(7);
    expect(states.decode(plain)).toEqual({
      ok: true,
      state: {
        action: 'page',
        visibility: 'private',
        request: { command: 'salary', options: { level: 'mid' }, offset: 3 },
      },
    });
    expect(states.decode('cb1|r|e|f00dfeedf00dfeed|0|ask|q=x').ok).toBe(false);
  });
});

describe('Answer with careerbot on the (fake) Discord, over the gateway', () => {
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

  const ask = (message: MemberMessage, extra: Parameters<FakeDiscord['messageCommand']>[2] = {}) =>
    fake.messageCommand(MENU, message, { user: newUser(), ...extra });

  it('answers the message privately, as /ask would, with a Reply in channel button', async () => {
    const { callback } = await ask({ content: QUESTION });
    expect(callback.body.type).toBe(4);
    expect(data(callback).flags).toBe(64);
    expect(replyProblems(callback.body, [], callback.files)).toEqual([]);
    const all = textOf(data(callback));
    expect(all).toContain('Austin: $155,000 to $207,775 per year');
    expect(button(data(callback), /^Reply in channel$/)).toBeTruthy();
    expect(button(data(callback), /Share/)).toBeUndefined();
    const slash = await fake.command(
      'ask',
      { question: 'anyone know what junior MLEs make in Austin?' },
      { user: newUser() },
    );
    // The same passages as /ask (the footers differ only in what was asked).
    const titles = (d: Data) => (d.embeds ?? []).map((e) => e.description);
    expect(titles(data(callback))).toEqual(titles(data(slash)));
  });

  it('Reply in channel posts the answer as a reply to that message, naming who posted it, pinging nobody', async () => {
    const clicker = newUser();
    const { callback, message } = await ask({ content: QUESTION }, { user: clicker });
    const reply = button(data(callback), /^Reply in channel$/)!;
    const before = fake.channelMessages.length;
    const ack = await fake.click(reply.custom_id, 64, { user: clicker, on: callback });
    expect(ack.body).toEqual({ type: 6 });
    const posted = await waitFor('the request at the fake', () => fake.channelMessages[before]);
    const request = fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/channels/400000000000000001/messages')
      .at(-1)!;
    const body = request.body as Data;
    expect(request.authorization).toMatch(/^Bot /);
    expect(body.message_reference).toEqual({
      type: 0,
      message_id: message.id,
      channel_id: '400000000000000001',
      guild_id: '300000000000000001',
      fail_if_not_exists: false,
    });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.flags).toBeUndefined();
    expect(body.content).toMatch(/^Answer posted by Member \d+/);
    expect(textOf(body)).not.toMatch(/<@/);
    expect(textOf(body)).toContain('Austin: $155,000 to $207,775 per year');
    expect(replyProblems({ type: 4, data: body })).toEqual([]);
    expect(posted.message_reference).toBeTruthy();
    // The public reply pages privately for whoever clicks More; it has no Reply or Share button.
    expect(button(body, /Reply|Share/)).toBeUndefined();
    const more = button(body, /More/)!;
    const page = await fake.click(more.custom_id, 0, {
      user: newUser(),
      on: { ...callback, body: { type: 4, data: body } },
    });
    expect(page.body.type).toBe(4);
    expect(data(page).flags).toBe(64);
    expect(textOf(data(page))).toMatch(/4 of \d+/);
    // The private answer now says it was posted: its Reply button is disabled.
    const edit = await waitFor('the request at the fake', () =>
      fake.requests.find(
        (r) => r.method === 'PATCH' && r.path.includes(ack.token) && r.path.endsWith('/@original'),
      ),
    );
    const done = button(edit.body as Data, /Replied in channel/)!;
    expect(done.disabled).toBe(true);
  });

  it('More and Back on the private answer keep the Reply button', async () => {
    const user = newUser();
    const { callback } = await ask({ content: 'what skills does a mid level ML engineer need' }, { user });
    const more = button(data(callback), /More/)!;
    const page = await fake.click(more.custom_id, 64, { user, on: callback });
    expect(page.body.type).toBe(7);
    expect(button(data(page), /^Reply in channel$/)).toBeTruthy();
    expect(textOf(data(page))).toMatch(/4 of \d+/);
  });

  it('a no good match gets no Reply button', async () => {
    const { callback } = await ask({ content: 'whats the best pizza topping' });
    expect(data(callback).flags).toBe(64);
    expect(textOf(data(callback))).toMatch(/No good match/i);
    expect(button(data(callback), /Reply/)).toBeUndefined();
  });

  it.each([
    [{ content: '', attachments: [{ id: '1', filename: 'cat.png' }] }, /only an image or a file/],
    [{ content: '', embeds: [{ title: 'link preview' }] }, /only an embed/],
    [
      {
        content: 'what do juniors make',
        author: { id: '290000000000000001', username: 'otherbot', bot: true },
      },
      /posted by a bot/,
    ],
    [{ content: 'x'.repeat(301) }, /301 characters long/],
  ] as Array<[MemberMessage, RegExp]>)(
    'a message that is no question gets a private line saying why (%#)',
    async (message, why) => {
      const { callback } = await ask(message);
      expect(callback.body.type).toBe(4);
      expect(data(callback).flags).toBe(64);
      expect(data(callback).content).toMatch(why);
      expect(buttonsOf(data(callback))).toEqual([]);
      expect(data(callback).allowed_mentions).toEqual({ parse: [] });
    },
  );

  it("careerbot's own message is not a question", async () => {
    const { callback } = await ask({
      content: 'Salary at a glance',
      author: { id: fake.applicationId, username: 'careerbot', bot: true },
    });
    expect(data(callback).content).toMatch(/careerbot’s own messages/);
  });

  it('a channel the bot cannot post in: the private answer only, saying why', async () => {
    const viewOnly = String(1n << 10n);
    const { callback } = await ask({ content: QUESTION }, { appPermissions: viewOnly });
    expect(data(callback).content).toMatch(
      /cannot post in this channel \(it lacks the Send Messages, Embed Links, Read Message History permissions here\)/,
    );
    expect(button(data(callback), /Reply/)).toBeUndefined();
    expect(textOf(data(callback))).toContain('Austin');
  });

  it('app_permissions "0" (none at all, or a client that sends none) leaves it to the post', async () => {
    const { callback } = await ask({ content: QUESTION }, { appPermissions: '0' });
    expect(button(data(callback), /^Reply in channel$/)).toBeTruthy();
    expect(data(callback).content ?? '').not.toMatch(/cannot post/);
  });

  it('Discord refuses the post (permissions changed since): a private line, the answer stays', async () => {
    const user = newUser();
    const { callback } = await ask({ content: QUESTION }, { user });
    fake.fail({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const ack = await fake.click(button(data(callback), /^Reply in channel$/)!.custom_id, 64, {
      user,
      on: callback,
    });
    expect(ack.body.type).toBe(6);
    const followUp = await waitFor('the request at the fake', () =>
      fake.requests.find(
        (r) => r.method === 'POST' && r.path.includes(ack.token) && r.path.startsWith('/webhooks/'),
      ),
    );
    expect(dataOf({ data: followUp.body }).content).toMatch(/could not post in this channel/);
    expect((followUp.body as Data).flags).toBe(64);
    expect(bot.logs.some((l) => l.outcome === 'error')).toBe(false);
  });

  it('in a DM with the bot it answers and can reply there', async () => {
    const { callback } = await ask({ content: 'what skills do senior ML engineers need' }, { guildId: null });
    expect(callback.body.type).toBe(4);
    expect(button(data(callback), /^Reply in channel$/)).toBeTruthy();
  });

  it('every REST request the bot sent is valid against Discord’s OpenAPI spec', () => {
    expect(fake.requests.length).toBeGreaterThan(10);
    expect(fake.requests.some((r) => r.path.startsWith('/channels/'))).toBe(true);
    expect(allSpecProblems(fake.requests)).toEqual([]);
  });
});

describe('the cooldown is shared with the slash commands', () => {
  it('two requests per window: a slash command and the menu command spend the same allowance', async () => {
    const fake = await FakeDiscord.start();
    const bot = await startBotProcess(fake, { COOLDOWN_REQUESTS: '2', COOLDOWN_SECONDS: '30' });
    try {
      const user = newUser();
      expect((await fake.command('skills', {}, { user })).body.type).toBe(4);
      const first = await fake.messageCommand(MENU, { content: 'what do seniors earn' }, { user });
      expect(textOf(data(first.callback))).not.toMatch(/asking quickly/);
      const second = await fake.messageCommand(MENU, { content: 'what do seniors earn' }, { user });
      expect(data(second.callback).content).toMatch(/You're asking quickly: try again in \d+ s/);
      expect(data(second.callback).flags).toBe(64);
      const other = await fake.messageCommand(MENU, { content: 'what do seniors earn' }, { user: newUser() });
      expect(button(data(other.callback), /^Reply in channel$/)).toBeTruthy();
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});

describe('Answer with careerbot over the interactions endpoint', () => {
  let fake: FakeDiscord;
  let keys: AppKeys;
  let withToken: EndpointProcess;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    keys = new AppKeys();
    // With the bot token the endpoint can post replies in channels.
    withToken = await startEndpointProcess(fake, keys, {
      COOLDOWN_REQUESTS: '100',
      DISCORD_TOKEN: 'endpoint-token',
    });
    fake.useEndpoint(`${withToken.url}/interactions`, keys);
  });
  afterAll(async () => {
    await withToken?.stop();
    await fake?.close();
  });

  it('private answer with the button; the click is acknowledged in the response and the reply goes over REST', async () => {
    const user = newUser();
    const { callback, message } = await fake.messageCommand(MENU, { content: QUESTION }, { user });
    expect(callback.body.type).toBe(4);
    expect(data(callback).flags).toBe(64);
    const reply = button(data(callback), /^Reply in channel$/)!;
    const ack = await fake.click(reply.custom_id, 64, { user, on: callback });
    expect(ack.body).toEqual({ type: 6 });
    const post = await waitFor('the request at the fake', () =>
      fake.requests.find((r) => r.method === 'POST' && r.path.startsWith('/channels/')),
    );
    expect((post.body as Data).message_reference?.message_id).toBe(message.id);
    expect((post.body as Data).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(post.authorization).toBe('Bot endpoint-token');
    await waitFor('the request at the fake', () =>
      fake.requests.find((r) => r.method === 'PATCH' && r.path.includes(ack.token)),
    );
  });

  it('without a bot token: the private answer only, saying why', async () => {
    const plain = await startEndpointProcess(fake, keys, { COOLDOWN_REQUESTS: '100' });
    fake.useEndpoint(`${plain.url}/interactions`, keys);
    try {
      const { callback } = await fake.messageCommand(MENU, { content: QUESTION }, { user: newUser() });
      expect(data(callback).content).toMatch(/without a bot token, so it can only answer you privately/);
      expect(button(data(callback), /Reply/)).toBeUndefined();
    } finally {
      fake.useEndpoint(`${withToken.url}/interactions`, keys);
      await plain.stop();
    }
  });

  it('every request and every HTTP response is valid against Discord’s OpenAPI spec', () => {
    expect(
      allSpecProblems(
        fake.requests,
        fake.callbacks.map((c) => c.body),
      ),
    ).toEqual([]);
  });
});
