import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyProblems } from './support/discordLimits.js';
import { allSpecProblems } from './support/openapi.js';
import { startEndpointProcess, type EndpointProcess } from './support/endpointProcess.js';
import { FakeDiscord, snowflake, type Callback } from './support/fakeDiscord.js';
import { AppKeys } from './support/signing.js';
import { waitFor } from './support/waitFor.js';
import { buttonsOf } from './support/buttons.js';

type Data = {
  content?: string;
  flags?: number;
  embeds?: Array<{ title?: string; description?: string; image?: { url: string } }>;
  choices?: Array<{ name: string; value: string }>;
};
const data = (c: Callback) => (c.body.data ?? {}) as Data;
const button = (c: Callback, label: RegExp) => buttonsOf(c.body).find((b) => label.test(b.label));
let users = 0;
const newUser = () => ({ id: `23${String(++users).padStart(16, '0')}`, username: `member${users}` });

let fake: FakeDiscord;
let keys: AppKeys;
let bot: EndpointProcess;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  keys = new AppKeys();
  bot = await startEndpointProcess(fake, keys, { COOLDOWN_REQUESTS: '100' });
  fake.useEndpoint(`${bot.url}/interactions`, keys);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** POSTs a body to the endpoint with the given headers, as anyone on the internet could. */
async function post(body: string | Buffer, headers: Record<string, string>, path = '/interactions') {
  const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** A slash command interaction as Discord sends it. */
function commandPayload(name: string, options: Record<string, string> = {}) {
  return {
    id: snowflake(),
    token: `itoken-${snowflake()}`,
    application_id: fake.applicationId,
    type: 2,
    version: 1,
    guild_id: '300000000000000001',
    channel_id: '400000000000000001',
    member: { user: { ...newUser(), discriminator: '0', avatar: null, global_name: null }, roles: [] },
    data: {
      id: snowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([n, v]) => ({ name: n, type: 3, value: v })),
    },
  };
}

describe('the HTTP interactions endpoint, started as README says', () => {
  it("answers Discord's PING with a PONG", async () => {
    const body = JSON.stringify({
      id: snowflake(),
      token: 'ping',
      type: 1,
      application_id: fake.applicationId,
      version: 1,
    });
    const r = await post(body, keys.headers(body));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ type: 1 });
  });

  it.each([
    ['skills', { level: 'mid' }],
    ['career', { level: 'junior' }],
    ['ask', { question: 'how much do ML engineers make in Seattle' }],
    ['sources', {}],
    ['help', {}],
  ])('/%s is answered in the HTTP response, within limits', async (name, options) => {
    const reply = await fake.command(name, options, { user: newUser() });
    expect(reply.body.type).toBe(4);
    expect(replyProblems(reply.body, [], reply.files)).toEqual([]);
    expect(data(reply).embeds?.length).toBeGreaterThan(0);
    expect(data(reply).flags).toBe(64);
  });

  it('/salary: the text at once, then the chart added by an edit of the original message', async () => {
    const reply = await fake.command('salary', { level: 'senior' }, { user: newUser() });
    expect(reply.body.type).toBe(4);
    expect(data(reply).embeds![0]!.title).toBe('Salary at a glance');
    expect(data(reply).embeds![0]!.image).toBeUndefined();
    expect(replyProblems(reply.body)).toEqual([]);
    const edit = await waitFor('the request at the fake', () =>
      fake.requestsTo('/webhooks/').find((r) => r.path.includes(reply.token) && r.method === 'PATCH'),
    );
    expect(edit.path).toBe(`/webhooks/${fake.applicationId}/${reply.token}/messages/@original`);
    expect(edit.authorization).toBeUndefined();
    expect(edit.files.map((f) => f.name)).toEqual(['salary-at-a-glance.png']);
    const body = edit.body as {
      embeds: Data['embeds'];
      attachments: Array<{ id: string; description: string }>;
    };
    expect(body.embeds![0]!.image).toEqual({ url: 'attachment://salary-at-a-glance.png' });
    expect(body.attachments[0]!.description).toMatch(/^Range chart/);
    expect(
      replyProblems({ type: 4, data: { ...body, allowed_mentions: { parse: [] } } }, [], edit.files),
    ).toEqual([]);
  });

  it('autocomplete, More and Share go through the same router', async () => {
    const user = newUser();
    const choices = await fake.autocomplete('salary', 'location', 'bo', { user });
    expect(choices.body).toEqual({ type: 8, data: { choices: [{ name: 'Boston', value: 'Boston' }] } });
    const first = await fake.command('skills', { level: 'senior' }, { user });
    const more = await fake.click(button(first, /More/)!.custom_id, 64, { user });
    expect(more.body.type).toBe(7);
    expect(replyProblems(more.body)).toEqual([]);
    expect(data(more).embeds![0]!.description).not.toBe(data(first).embeds![0]!.description);
    const shared = await fake.click(button(first, /Share/)!.custom_id, 64, { user });
    expect(shared.body.type).toBe(4);
    expect(data(shared).flags ?? 0).toBe(0);
    expect(data(shared).content).toContain('Shared by');
  });

  it('/healthz: ready once the knowledge is loaded', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ready: true, mode: 'interactions endpoint', knowledge: { status: 'ok' } });
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toMatch(/careerbot_interactions_total\{kind="command"/);
  });

  it('refuses every request Discord did not sign, executing nothing', async () => {
    const restBefore = fake.requests.length;
    const payload = commandPayload('skills', { level: 'mid' });
    const body = JSON.stringify(payload);
    const other = new AppKeys();
    const now = Math.floor(Date.now() / 1000);
    const good = keys.headers(body);
    const cases: Array<[string, Promise<{ status: number; text: string }>, number]> = [
      ['unsigned', post(body, { 'content-type': 'application/json' }), 401],
      ['malformed signature', post(body, { ...good, 'x-signature-ed25519': 'zz' }), 401],
      ['forged: signed for another body', post(body, keys.headers(body.replace('mid', 'senior'))), 401],
      ['signed with another key', post(body, other.headers(body)), 401],
      [
        'timestamp changed after signing',
        post(body, { ...good, 'x-signature-timestamp': String(now + 1) }),
        401,
      ],
      ['stale: signed 6 minutes ago', post(body, keys.headers(body, now - 360)), 401],
      ['from the future', post(body, keys.headers(body, now + 360)), 401],
      [
        'oversize',
        post(`{"x":"${'a'.repeat(70 * 1024)}"}`, keys.headers(`{"x":"${'a'.repeat(70 * 1024)}"}`)),
        413,
      ],
      ['invalid JSON, validly signed', post('{"type": 2,', keys.headers('{"type": 2,')), 400],
      ['JSON that is not an interaction', post('[1,2]', keys.headers('[1,2]')), 400],
      ['wrong path', post(body, good, '/interaction'), 404],
    ];
    for (const [what, response, status] of cases) {
      const r = await response;
      expect(r.status, what).toBe(status);
      expect(r.text, what).not.toMatch(/at \w+ \(|node:internal|DISCORD_PUBLIC_KEY|stack/i);
    }
    const get = await fetch(`${bot.url}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    // Nothing was executed: no interaction handled, nothing sent to Discord.
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.logs.filter((l) => l.msg === 'interaction' && l.userId === payload.member.user.id)).toEqual(
      [],
    );
    expect(fake.requests.length).toBe(restBefore);
    // Refusals are logged, at most once per reason per window.
    const refused = bot.logs.filter((l) => l.msg === 'interactions endpoint refused a request');
    expect(refused.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        'unsigned',
        'bad signature',
        'stale timestamp',
        'too large',
        'bad json',
        'path',
        'method',
      ]),
    );
    expect(refused.filter((l) => l.reason === 'bad signature').length).toBe(1);
  });

  it('SIGTERM: stops accepting, finishes the work in flight, exits 0 within 5 s', async () => {
    const own = await startEndpointProcess(fake, keys, { COOLDOWN_REQUESTS: '100' });
    // A /salary reply whose chart is not drawn yet: answered at once, its chart edit still to come.
    const payload = commandPayload('salary', { location: 'Boston' });
    const body = JSON.stringify(payload);
    const res = await fetch(`${own.url}/interactions`, { method: 'POST', headers: keys.headers(body), body });
    expect(res.status).toBe(200);
    const { code, ms } = await own.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    // The edit that was in flight was finished before the process exited.
    const edit = fake.requestsTo('/webhooks/').find((r) => r.path.includes(payload.token));
    expect(edit?.method).toBe('PATCH');
    expect(edit?.files.map((f) => f.name)).toEqual(['salary-at-a-glance.png']);
    await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
  });
});

describe("Discord's OpenAPI spec", () => {
  it('every HTTP response and every REST request of the endpoint is valid against it', () => {
    expect(fake.callbacks.length).toBeGreaterThan(5);
    expect(
      allSpecProblems(
        fake.requests,
        fake.callbacks.map((c) => c.body),
      ),
    ).toEqual([]);
  });
});
