import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyProblems } from './support/discordLimits.js';
import { waitFor } from './support/waitFor.js';
import { startEndpointProcess, type EndpointProcess } from './support/endpointProcess.js';
import { FakeDiscord, type Callback } from './support/fakeDiscord.js';
import { RedisServer, redisAvailable } from './support/redisServer.js';
import { RoundRobinProxy } from './support/roundRobinProxy.js';
import { AppKeys } from './support/signing.js';

const LIMIT = 5;
let users = 0;
const newUser = () => ({ id: `22${String(++users).padStart(16, '0')}`, username: `member${users}` });
const data = (c: Callback) =>
  (c.body.data ?? {}) as {
    content?: string;
    embeds?: Array<{ description?: string; footer?: { text: string } }>;
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
  };
const isCooldown = (c: Callback) => /asking quickly/.test(data(c).content ?? '');
/** How many interactions a replica has handled (its one log line per interaction). */
const handled = (p: EndpointProcess, kind?: string) =>
  p.logs.filter((l) => l.msg === 'interaction' && (!kind || l.kind === kind)).length;

/** Two replicas of the endpoint behind a round-robin proxy, as in README's nginx example. */
async function pair(fake: FakeDiscord, keys: AppKeys, env: Record<string, string>) {
  const replicas = await Promise.all([
    startEndpointProcess(fake, keys, env),
    startEndpointProcess(fake, keys, env),
  ]);
  const proxy = await RoundRobinProxy.start(replicas.map((r) => r.url));
  return {
    replicas,
    proxy,
    async close() {
      await proxy.close();
      await Promise.all(replicas.map((r) => r.stop()));
    },
  };
}

/** One member's burst of commands, one after another. */
async function burst(fake: FakeDiscord, n: number) {
  const user = newUser();
  const replies: Callback[] = [];
  for (let i = 0; i < n; i++) replies.push(await fake.command('skills', { level: 'mid' }, { user }));
  return replies;
}

describe.runIf(redisAvailable())(
  'two stateless replicas behind a round-robin proxy, sharing a real Redis',
  () => {
    let fake: FakeDiscord;
    let redis: RedisServer;
    let keys: AppKeys;
    let both: Awaited<ReturnType<typeof pair>>;

    beforeAll(async () => {
      fake = await FakeDiscord.start();
      redis = await RedisServer.start();
      keys = new AppKeys();
      both = await pair(fake, keys, {
        REDIS_URL: redis.url,
        COOLDOWN_REQUESTS: String(LIMIT),
        COOLDOWN_SECONDS: '60',
      });
      fake.useEndpoint(() => `${both.proxy.url}/interactions`, keys);
    }, 30_000);

    afterAll(async () => {
      await both?.close();
      await redis?.close();
      await fake?.close();
    });

    it('1,000 signed interactions from 300 members: none lost, both replicas serve', async () => {
      const members = Array.from({ length: 300 }, newUser);
      const lines: Array<[string, Record<string, string>]> = [
        ['skills', { level: 'mid' }],
        ['salary', { level: 'senior' }],
        ['ask', { question: 'how much do ML engineers make in Seattle' }],
        ['career', { level: 'junior' }],
      ];
      const before = both.replicas.map((r) => handled(r));
      const sent = [...both.proxy.sent];
      const results: Callback[] = [];
      for (let batch = 0; batch < 20; batch++) {
        const replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) => {
            const n = batch * 50 + i;
            const [name, options] = lines[n % lines.length]!;
            return fake.command(name, options, { user: members[n % members.length]!, timeoutMs: 10_000 });
          }),
        );
        results.push(...replies);
      }
      expect(results).toHaveLength(1000);
      // Every one answered with a message (3–4 requests per member: under the limit of 5).
      expect(results.filter((r) => r.body.type === 4).length).toBe(1000);
      expect(results.filter(isCooldown)).toEqual([]);
      for (const r of results.slice(0, 50)) expect(replyProblems(r.body)).toEqual([]);
      // Each replica logs an interaction once its work is done (a chart edit may follow the reply).
      const count = () => both.replicas.map((r, i) => handled(r) - before[i]!);
      await waitFor('1000 interactions logged', () => count()[0]! + count()[1]! >= 1000, 15_000).catch(
        () => undefined,
      );
      expect(count()).toEqual([500, 500]);
      expect(both.proxy.sent.map((n, i) => n - sent[i]!)).toEqual([500, 500]);
    }, 60_000);

    it("a button on one replica's reply is answered by the other, long questions included", async () => {
      const user = newUser();
      // Long enough that its options live in Redis, not in the button.
      const question = `what skills and tools should a junior machine learning engineer learn first ${'please '.repeat(8)}`;
      // Which replica took a request: the proxy counts what it sent to each.
      const takenBy = async <T>(send: () => Promise<T>) => {
        const before = [...both.proxy.sent];
        const result = await send();
        return { result, replica: both.proxy.sent.findIndex((n, i) => n > before[i]!) };
      };
      const { result: first, replica: answeredBy } = await takenBy(() =>
        fake.command('ask', { question }, { user }),
      );
      const more = data(first).components![0]!.components.find((b) => b.label.startsWith('More'))!;
      expect(more.custom_id).toMatch(/\|~/);
      const { result: page, replica: clickedOn } = await takenBy(() =>
        fake.click(more.custom_id, 64, { user }),
      );
      expect(answeredBy).toBeGreaterThanOrEqual(0);
      expect(clickedOn).toBeGreaterThanOrEqual(0);
      expect(clickedOn).not.toBe(answeredBy);
      expect(page.body.type).toBe(7);
      expect(data(page).embeds![0]!.footer!.text).toMatch(/· 4 of \d+$/);
    });

    it("one member's burst is limited across both replicas together", async () => {
      const replies = await burst(fake, 12);
      expect(replies.filter((r) => !isCooldown(r)).length).toBe(LIMIT);
      expect(replies.filter(isCooldown).length).toBe(12 - LIMIT);
    });

    it('Redis stopped mid-run: answers go on; started again: the shared limit is back', async () => {
      const unreachable = (r: EndpointProcess) =>
        r.logs.filter((l) => /Redis unreachable/.test(String(l.msg))).length;
      const before = both.replicas.map(unreachable);
      await redis.stop();
      // Every member still gets an answer; the limit is per replica meanwhile (fail open).
      const during = await Promise.all(
        Array.from({ length: 20 }, () => fake.command('skills', { level: 'mid' }, { user: newUser() })),
      );
      expect(during.every((r) => r.body.type === 4 && !isCooldown(r))).toBe(true);
      const outage = await burst(fake, 12);
      expect(outage.filter((r) => !isCooldown(r)).length).toBe(2 * LIMIT);
      // Logged once per replica for the whole outage, however many requests fell back.
      expect(both.replicas.map((r, i) => unreachable(r) - before[i]!)).toEqual([1, 1]);

      await redis.start();
      await waitFor(
        'both replicas to get Redis back',
        async () => {
          if (both.replicas.every((r) => r.logs.some((l) => /Redis reachable again/.test(String(l.msg)))))
            return true;
          // Commands are what notice Redis is back (ioredis reconnects by itself).
          await fake.command('help', {}, { user: newUser() });
          return false;
        },
        10_000,
        100,
      );
      const back = await burst(fake, 12);
      expect(back.filter((r) => !isCooldown(r)).length).toBe(LIMIT);
    }, 30_000);
  },
);

describe('two replicas without Redis', () => {
  it('limit each member per replica, as README says', async () => {
    const fake = await FakeDiscord.start();
    const keys = new AppKeys();
    const both = await pair(fake, keys, { COOLDOWN_REQUESTS: String(LIMIT), COOLDOWN_SECONDS: '60' });
    try {
      fake.useEndpoint(() => `${both.proxy.url}/interactions`, keys);
      const replies = await burst(fake, 12);
      expect(replies.filter((r) => !isCooldown(r)).length).toBe(2 * LIMIT);
    } finally {
      await both.close();
      await fake.close();
    }
  }, 30_000);
});
