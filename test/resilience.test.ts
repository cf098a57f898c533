import { cp, mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { FakeDiscord, type Callback } from './support/fakeDiscord.js';
import { KNOWLEDGE } from './helpers.js';
import { waitFor } from './support/waitFor.js';
import { track } from './support/processes.js';
import { freePort } from './support/ports.js';

let users = 0;
const newUser = () => ({ id: `27${String(++users).padStart(16, '0')}`, username: `r${users}` });
const embeds = (c: Callback) => (c.body.data?.embeds as Array<{ description?: string }> | undefined) ?? [];
const descriptions = (c: Callback) =>
  embeds(c)
    .map((e) => e.description ?? '')
    .join('\n');

describe('gateway and REST faults', () => {
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

  const answered = async () => {
    const reply = await fake.command('salary', { level: 'senior' }, { user: newUser(), timeoutMs: 10_000 });
    return embeds(reply).length >= 3;
  };

  it('socket closed with a resumable code: resumes and answers', async () => {
    const before = fake.resumes;
    fake.dropConnections(4000);
    await waitFor('RESUME', () => fake.resumes > before && fake.connections.some((c) => c.token));
    expect(await answered()).toBe(true);
  });

  it('op 7 RECONNECT: resumes and answers', async () => {
    const before = fake.resumes;
    fake.sendOp(7);
    await waitFor('RESUME', () => fake.resumes > before && fake.connections.some((c) => c.token));
    expect(await answered()).toBe(true);
  });

  it('op 9 invalid session (not resumable): identifies again and answers', async () => {
    const before = fake.identifies.length;
    fake.sendOp(9, false);
    await waitFor('IDENTIFY', () => fake.identifies.length > before, 15_000);
    // READY went out before anything else on the new socket: the next interaction comes after it.
    expect(await answered()).toBe(true);
  }, 20_000);

  it('the connection dies without a close frame (Discord restarting): comes back and answers', async () => {
    const before = fake.resumes + fake.identifies.length;
    fake.killConnections();
    await waitFor(
      'reconnect',
      () => fake.resumes + fake.identifies.length > before && fake.connections.some((c) => c.token),
      15_000,
    );
    expect(await answered()).toBe(true);
  }, 20_000);

  it('429 with Retry-After on the reply: delivered after the wait', async () => {
    fake.fail({ method: 'POST', path: /\/callback$/, status: 429, retryAfter: 0.5 });
    const t0 = performance.now();
    const reply = await fake.command('skills', {}, { user: newUser() });
    expect(embeds(reply).length).toBeGreaterThanOrEqual(3);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
  });

  it('a 500 on the reply is retried; 5xx on every try is logged with an apology attempt, and the bot goes on', async () => {
    fake.fail({ method: 'POST', path: /\/callback$/, status: 500, times: 40 });
    await expect(fake.command('career', {}, { user: newUser(), timeoutMs: 4000 })).rejects.toThrow(
      /timed out/,
    );
    fake.clearFaults();
    await waitFor('the failure log', () => bot.logs.some((l) => l.msg === 'interaction failed'));
    expect(await answered()).toBe(true);
  });
});

describe('abuse', () => {
  it('one member firing 1000 interactions: the cooldown holds, others are still answered', async () => {
    const fake = await FakeDiscord.start();
    const bot = await startBotProcess(fake, { COOLDOWN_REQUESTS: '5', COOLDOWN_SECONDS: '60' });
    try {
      const spammer = newUser();
      const flood = Array.from({ length: 1000 }, () =>
        fake.command('ask', { question: '@everyone salary' }, { user: spammer, timeoutMs: 30_000 }),
      );
      const other = await fake.command('salary', { level: 'senior' }, { user: newUser(), timeoutMs: 30_000 });
      expect(embeds(other).length).toBeGreaterThanOrEqual(3);
      const replies = await Promise.all(flood);
      const answered = replies.filter((r) => embeds(r).length > 0).length;
      const refused = replies.filter((r) => /try again in \d+ s/.test(String(r.body.data?.content))).length;
      expect(answered).toBe(5);
      expect(refused).toBe(995);
      expect(replies.every((r) => r.body.data?.flags === 64 || embeds(r).length > 0)).toBe(true);
    } finally {
      await bot.stop();
      await fake.close();
    }
  }, 60_000);
});

describe('REST unreachable at start', () => {
  it('says so and retries with backoff, without a busy loop', async () => {
    const fake = await FakeDiscord.start();
    const port = await freePort();
    const bot = await startBotProcess(
      fake,
      { DISCORD_API_URL: `http://127.0.0.1:${port}/api` },
      'test-token',
      {
        waitForLogin: false,
      },
    );
    try {
      // Waits for the second attempt's log line (about 1 s in), not a fixed 4 s.
      const retrying = () => bot.logs.filter((l) => l.msg === 'cannot reach Discord; retrying');
      await waitFor('two attempts', () => retrying().length >= 2, 8000);
      const retries = retrying();
      // 1 s, then 2 s: two or three attempts in four seconds, not hundreds.
      expect(retries.map((l) => l.retryInSeconds).slice(0, 2)).toEqual([1, 2]);
      expect(retries.length).toBeLessThanOrEqual(3);
      expect(String(retries[0]?.error)).toMatch(/ECONNREFUSED|fetch failed|connect/i);
      expect(bot.output()).not.toContain('test-token');
      expect(fake.identifies).toHaveLength(0);
    } finally {
      const { code } = await bot.stop();
      expect(code).toBe(0);
      await fake.close();
    }
  }, 15_000);
});

describe('hot reload of knowledge while serving', () => {
  let fake: FakeDiscord;
  let bot: BotProcess;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'careerbot-reload-'));
    await cp(KNOWLEDGE, dir, { recursive: true });
    fake = await FakeDiscord.start();
    bot = await startBotProcess(fake, { KNOWLEDGE_DIR: dir });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ask = (question: string) => fake.command('ask', { question }, { user: newUser() });

  it('adding a file: answered from it without a restart; old buttons say the knowledge changed', async () => {
    // An answer given before the change (a question the new file does not touch), with its buttons.
    const first = await ask('senior salary');
    const oldButton = (
      first.body.data?.components as Array<{ components: Array<{ custom_id: string }> }> | undefined
    )?.[0]?.components[0]?.custom_id;
    await writeFile(
      join(dir, 'zoo.md'),
      '---\ntitle: Zoo careers\npublisher: Test Press\n---\n\n## Quokka keepers\n\nA quokka husbandry specialist earns a modest salary.\n',
    );
    const reply = await waitFor('the new passage', async () => {
      const r = await ask('quokka husbandry salary');
      return descriptions(r).includes('quokka husbandry specialist') ? r : undefined;
    });
    expect(reply).toBeTruthy();
    expect(oldButton).toBeTruthy();
    const stale = await fake.click(oldButton!, 64, { user: newUser() });
    expect(String(stale.body.data?.content)).toMatch(/updated/);
  });

  it('a broken edit: logs path:line, keeps serving the last good index (0 failed replies); the fix reloads', async () => {
    const file = join(dir, 'zoo.md');
    const good = await readFile(file, 'utf8');
    await writeFile(file, '---\ntitle: [unclosed\npublisher: Test Press\n---\n\nBroken.\n');
    await waitFor('the error log', () =>
      bot.logs.some(
        (l) => l.msg?.toString().includes('knowledge not reloaded') && l.msg.toString().includes('zoo.md:'),
      ),
    );
    for (let i = 0; i < 20; i++) {
      const r = await ask('quokka husbandry salary');
      expect(descriptions(r)).toContain('quokka husbandry specialist');
    }
    await writeFile(file, good.replace('modest salary', 'modest but rising salary'));
    await waitFor('the fixed passage', async () =>
      descriptions(await ask('quokka husbandry salary')).includes('rising'),
    );
  });

  it('removing a file and SIGHUP', async () => {
    await rm(join(dir, 'zoo.md'));
    await waitFor(
      'the passage gone',
      async () => !descriptions(await ask('quokka husbandry salary')).includes('quokka husbandry specialist'),
    );
    const reloads = bot.logs.filter((l) => l.msg === 'knowledge reloaded').length;
    bot.child.kill('SIGHUP');
    await waitFor(
      'a reload on SIGHUP',
      () => bot.logs.filter((l) => l.msg === 'knowledge reloaded').length > reloads,
    );
  });
});

describe('health, metrics and shards', () => {
  it('/healthz and /metrics on HEALTH_PORT', async () => {
    const fake = await FakeDiscord.start();
    const port = await freePort();
    const bot = await startBotProcess(fake, { HEALTH_PORT: String(port) });
    try {
      await fake.command('salary', { level: 'senior' }, { user: newUser() });
      const health = await waitFor('healthy', async () => {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : undefined;
      });
      expect(health).toMatchObject({
        ready: true,
        shards: [{ id: 0, status: 'ready' }],
        index: { documents: 3 },
      });
      expect(health.lastReload).toMatchObject({ ok: true });
      // An interaction is counted once its handling is done, a moment after its reply.
      const metrics = await waitFor('the interaction counted', async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return /careerbot_interactions_total\{kind="command",command="salary",outcome="ok"\} 1/.test(text)
          ? text
          : undefined;
      });
      expect(metrics).toContain('careerbot_reply_seconds_bucket');
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('SHARD_COUNT=2: two shard processes, each answers the interactions routed to it', async () => {
    const fake = await FakeDiscord.start();
    const port = await freePort();
    const bot = await startBotProcess(fake, { SHARD_COUNT: '2', HEALTH_PORT: String(port) });
    try {
      await fake.identified(2, 20_000);
      await waitFor('both shards connected', () => fake.connections.filter((c) => c.token).length === 2);
      expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      // Guild ids whose shard ((id >> 22) % 2) is 0 and 1.
      const guildFor = (shard: number) => String((BigInt(300000000 + shard) << 22n) + 12345n);
      for (const shard of [0, 1]) {
        const reply = await fake.command(
          'salary',
          {},
          { user: newUser(), guildId: guildFor(shard), timeoutMs: 10_000 },
        );
        expect(embeds(reply).length).toBeGreaterThanOrEqual(3);
      }
      const health = await waitFor(
        'both shards healthy',
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          return r.status === 200 ? ((await r.json()) as { shards: unknown[] }) : undefined;
        },
        15_000,
      );
      expect(health.shards).toHaveLength(2);
      const metrics = await waitFor('both interactions counted', async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return /careerbot_interactions_total\{kind="command",command="salary",outcome="ok"\} 2/.test(text)
          ? text
          : undefined;
      });
      expect(metrics).toContain('careerbot_interactions_total');
    } finally {
      await bot.stop();
      await fake.close();
    }
  }, 40_000);
});

describe('one gateway split across machines', () => {
  it('SHARD_COUNT=2 SHARD_IDS=1: only shard 1 of 2 runs here, and answers its guilds', async () => {
    const fake = await FakeDiscord.start();
    const port = await freePort();
    const bot = await startBotProcess(fake, { SHARD_COUNT: '2', SHARD_IDS: '1', HEALTH_PORT: String(port) });
    try {
      await fake.identified(1, 20_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
      const guild = String((BigInt(300000001) << 22n) + 12345n);
      const reply = await fake.command(
        'skills',
        { level: 'mid' },
        { user: newUser(), guildId: guild, timeoutMs: 10_000 },
      );
      expect(embeds(reply).length).toBeGreaterThanOrEqual(3);
      const health = await waitFor(
        'shard 1 healthy',
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/healthz`);
          return r.status === 200 ? ((await r.json()) as { shards: Array<{ id: number }> }) : undefined;
        },
        15_000,
      );
      expect(health.shards.map((s) => s.id)).toEqual([1]);
    } finally {
      await bot.stop();
      await fake.close();
    }
  }, 40_000);

  it('settings that do not go together stop start-up naming the one to fix', async () => {
    const fake = await FakeDiscord.start();
    try {
      const fails = async (env: Record<string, string>, message: RegExp, token = 'test-token') =>
        expect(startBotProcess(fake, env, token, { waitForLogin: true })).rejects.toThrow(message);
      await fails({ SHARD_COUNT: '2', SHARD_IDS: '2' }, /SHARD_IDS is invalid: expected shard ids/);
      await fails({ SHARD_IDS: 'one' }, /SHARD_IDS is invalid/);
      await fails({ INTERACTIONS_PORT: '8080' }, /DISCORD_PUBLIC_KEY is missing/, '');
      await fails({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }, /INTERACTIONS_PORT is missing/, '');
      await fails(
        { INTERACTIONS_PORT: '8080', DISCORD_PUBLIC_KEY: 'xyz' },
        /DISCORD_PUBLIC_KEY is invalid: expected/,
        '',
      );
      await fails({ REDIS_URL: 'http://localhost' }, /REDIS_URL is invalid: expected a redis:\/\//);
    } finally {
      await fake.close();
    }
  }, 40_000);
});

describe('starting with a broken document', () => {
  it('serves the valid documents, logs path:line, and /healthz says degraded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-degraded-'));
    await cp(KNOWLEDGE, dir, { recursive: true });
    await writeFile(join(dir, 'broken.md'), '---\ntitle: [unclosed\npublisher: P\n---\n\ntext\n');
    const fake = await FakeDiscord.start();
    const port = await freePort();
    const bot = await startBotProcess(fake, { HEALTH_PORT: String(port), KNOWLEDGE_DIR: dir });
    try {
      const reply = await fake.command('salary', { level: 'senior' }, { user: newUser() });
      expect(JSON.stringify(reply.body)).toContain('$172,654+');
      expect(bot.output()).toMatch(
        /knowledge partly loaded[\s\S]*broken\.md:2: front matter is not valid YAML/,
      );
      // The health server starts a moment after the login: ask until it answers.
      const health = (await waitFor('health served', async () => {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        return r ? ((await r.json()) as Record<string, unknown>) : undefined;
      })) as { knowledge: { status: string; problems: string[] } };
      expect(health.knowledge.status).toBe('degraded');
      expect(health.knowledge.problems[0]).toMatch(/broken\.md:2: /);
    } finally {
      await bot.stop();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('hot reload in the console', () => {
  it('a file added while the console runs is answered from at the next question', async () => {
    const { spawn } = await import('node:child_process');
    const dir = await mkdtemp(join(tmpdir(), 'careerbot-console-'));
    await cp(KNOWLEDGE, dir, { recursive: true });
    const child = track(
      spawn(process.execPath, [join(import.meta.dirname, '..', 'dist', 'src', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', KNOWLEDGE_DIR: dir, DISCORD_TOKEN: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    try {
      child.stdin.write('/ask wombat grooming salary\n');
      await waitFor('the first answer', () => out.length > 0);
      expect(out).not.toContain('wombat groomer');
      await writeFile(
        join(dir, 'wombats.md'),
        '---\ntitle: Wombat careers\npublisher: Test Press\n---\n\n## Grooming\n\nA wombat groomer earns a fair salary.\n',
      );
      await waitFor('the reload', async () => {
        const before = out.length;
        child.stdin.write('/ask wombat grooming salary\n');
        await waitFor('an answer', () => out.length > before);
        return out.slice(before).includes('wombat groomer');
      });
    } finally {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
