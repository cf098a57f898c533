import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCommand, type Command } from '../src/commands/command.js';
import type { Bot } from '../src/discord/bot.js';
import { startInProcessBot } from './support/inProcessBot.js';
import { waitFor } from './support/waitFor.js';
import { track } from './support/processes.js';
import { specProblems } from './support/openapi.js';
import { FakeDiscord } from './support/fakeDiscord.js';
import { ROOT, seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();

const broken: Command = defineCommand({
  name: 'broken',
  description: 'Always throws, to test the one catch.',
  options: [],
  execute() {
    throw new Error('handler exploded');
  },
});

describe('one router, one catch', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  const lines: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean))
          lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    bot = await startInProcessBot(fake, {
      engine,
      commands: [...commands, broken],
      logger: pino({ level: 'info' }, sink),
      restTimeoutMs: 1000,
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('a handler that throws: logged with context, the user gets a private apology', async () => {
    const reply = await fake.command('broken', {}, { user: { id: '210000000000000001', username: 'x' } });
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(String(reply.body.data?.content)).toMatch(/^Sorry, something went wrong/);
    const failure = lines.find((l) => l.msg === 'interaction failed');
    expect(failure).toMatchObject({
      command: 'broken',
      userId: '210000000000000001',
      guildId: '300000000000000001',
      err: { message: 'handler exploded' },
    });
    expect(JSON.stringify(lines)).not.toContain('in-process-token');
  });

  it('a 500 on the reply: retried and delivered', async () => {
    fake.fail({ method: 'POST', path: /\/callback$/, status: 500, times: 1 });
    const reply = await fake.command('salary', {}, { user: { id: '210000000000000002', username: 'y' } });
    expect((reply.body.data?.embeds as unknown[]).length).toBeGreaterThanOrEqual(3);
  });

  it('when Discord keeps failing the reply: logged, the apology is attempted, nothing crashes', async () => {
    fake.fail({ method: 'POST', path: /\/callback$/, status: 500, times: 50 });
    await expect(
      fake.command('salary', {}, { user: { id: '210000000000000003', username: 'z' }, timeoutMs: 3000 }),
    ).rejects.toThrow(/timed out/);
    await new Promise((r) => setTimeout(r, 200));
    expect(lines.some((l) => l.msg === 'interaction failed' && l.command === 'salary')).toBe(true);
    expect(lines.some((l) => l.msg === 'could not send the apology')).toBe(true);
    fake.clearFaults();
    const after = await fake.command('salary', {}, { user: { id: '210000000000000004', username: 'w' } });
    expect((after.body.data?.embeds as unknown[]).length).toBeGreaterThanOrEqual(3);
  });
});

describe('a hanging reply', () => {
  it('is abandoned after the REST timeout and retried once; then logged, with an apology; nothing crashes', async () => {
    const fake = await FakeDiscord.start();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const bot = await startInProcessBot(fake, { engine, commands, logger: pino(sink), restTimeoutMs: 500 });
    try {
      fake.fail({ method: 'POST', path: /\/callback$/, status: 0, hang: true, times: 2 });
      const reply = await fake.command('salary', {}, { user: { id: '210000000000000009', username: 'h' } });
      // Both tries hung: the one catch logged it and the apology went out (the fake still accepts it).
      expect(String(reply.body.data?.content)).toMatch(/^Sorry/);
      expect(lines.some((l) => l.includes('interaction failed'))).toBe(true);
      expect(fake.requestsTo('/interactions/').length).toBe(3);
      const next = await fake.command('salary', {}, { user: { id: '210000000000000010', username: 'i' } });
      expect((next.body.data?.embeds as unknown[]).length).toBeGreaterThanOrEqual(3);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});

describe('deploy', () => {
  const deploy = (env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = track(
        spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'deploy.js')], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', ...env },
        }),
      );
      let out = '';
      child.stdout.on('data', (d) => (out += String(d)));
      child.stderr.on('data', (d) => (out += String(d)));
      child.on('exit', (code) => resolve({ code, out }));
    });

  it('one bulk overwrite, only when the definitions differ; prints what changed', async () => {
    const fake = await FakeDiscord.start();
    const env = {
      DISCORD_TOKEN: 'deploy-token',
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    };
    try {
      const first = await deploy(env);
      expect(first.code).toBe(0);
      expect(first.out).toContain('+ /salary (new)');
      const puts = () => fake.requests.filter((r) => r.method === 'PUT');
      expect(puts()).toHaveLength(1);
      const body = puts()[0]!.body as Array<Record<string, unknown>>;
      // Seven slash commands (/insights for admins) and the message command, in one PUT, valid
      // against Discord's spec.
      expect(
        body
          .filter((c) => c.type === 1)
          .map((c) => c.name)
          .sort(),
      ).toEqual(['ask', 'career', 'help', 'insights', 'salary', 'skills', 'sources']);
      // /insights: shown to members with Manage Server, in servers only.
      expect(body.find((c) => c.name === 'insights')).toMatchObject({
        default_member_permissions: 32,
        contexts: [0],
      });
      expect(body.filter((c) => c.type === 3)).toEqual([
        { name: 'Answer with careerbot', type: 3, contexts: [0, 1], integration_types: [0] },
      ]);
      expect(first.out).toContain('+ “Answer with careerbot” (message menu) (new)');
      expect(specProblems(puts()[0]!)).toEqual([]);
      const salary = body.find((c) => c.name === 'salary')!;
      expect(salary.options).toEqual([
        expect.objectContaining({
          name: 'level',
          type: 3,
          required: false,
          choices: ['junior', 'mid', 'senior', 'staff'].map((l) => ({ name: l, value: l })),
        }),
        expect.objectContaining({ name: 'location', type: 3, required: false, autocomplete: true }),
        expect.objectContaining({ name: 'industry', type: 3, required: false, autocomplete: true }),
        expect.objectContaining({ name: 'mention', type: 6, required: false }),
      ]);
      const ask = body.find((c) => c.name === 'ask')!;
      expect(ask.options).toContainEqual(
        expect.objectContaining({
          name: 'question',
          type: 3,
          required: true,
          autocomplete: true,
          max_length: 300,
        }),
      );
      expect(ask.contexts).toEqual([0, 1]);
      // /insights: shown to members with Manage Server, in servers only.
      expect(body.find((c) => c.name === 'insights')).toMatchObject({
        default_member_permissions: 32,
        contexts: [0],
      });

      // Discord answers with ids, versions and "" for a message command's description: nothing changed.
      const stored = `${fake.applicationId}:global`;
      fake.commands.set(
        stored,
        (fake.commands.get(stored) as Array<Record<string, unknown>>).map((c) => ({ description: '', ...c })),
      );
      const second = await deploy(env);
      expect(second.out).toMatch(/up to date/);
      expect(puts()).toHaveLength(1);

      // Someone changed a description by hand in Discord: the next deploy puts it back.
      const key = `${fake.applicationId}:global`;
      const registered = fake.commands.get(key) as Array<Record<string, unknown>>;
      fake.commands.set(
        key,
        registered.map((c) => (c.name === 'help' ? { ...c, description: 'old text' } : c)),
      );
      const third = await deploy({ ...env, DISCORD_GUILD_ID: '' });
      expect(third.out).toContain('~ /help (changed)');
      expect(puts()).toHaveLength(2);

      const guild = await deploy({ ...env, DISCORD_GUILD_ID: '300000000000000001' });
      expect(guild.out).toContain('server 300000000000000001');
      expect(puts().at(-1)!.path).toBe(
        `/applications/${fake.applicationId}/guilds/300000000000000001/commands`,
      );
      expect(first.out + second.out + third.out).not.toContain('deploy-token');
    } finally {
      await fake.close();
    }
  });

  it('without a token it says what to set', async () => {
    const { code, out } = await deploy({ DISCORD_TOKEN: '' });
    expect(code).toBe(1);
    expect(out).toMatch(/DISCORD_TOKEN is missing/);
  });
});

describe('the console and the CLI never load discord.js', () => {
  const forbid = join(ROOT, 'test', 'support', 'forbidDiscord.mjs');
  it('one-shot ask', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', forbid, join(ROOT, 'dist/src/cli/careerbot.js'), 'ask', '/salary senior'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('$233,000');
  });
  it('the console (npm start without a token)', () => {
    const r = spawnSync(process.execPath, ['--import', forbid, join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '/salary senior\n',
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('$172,654+');
    // …and the guard itself works: loading the bot module with it fails.
    const guard = spawnSync(process.execPath, ['--import', forbid, join(ROOT, 'dist/src/discord/bot.js')], {
      encoding: 'utf8',
    });
    expect(guard.status).not.toBe(0);
    expect(guard.stderr).toContain('discord.js was loaded');
  });
});

describe('a chart that takes longer than the reply can wait', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    // Waiting 0 ms for a chart not drawn yet: the text goes out at once, an edit adds the chart.
    bot = await startInProcessBot(fake, { engine, commands, chartWaitMs: 0 });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('replies with the text at once (privately), then edits the chart into that reply', async () => {
    const reply = await fake.command('salary', { location: 'Boston' });
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.files).toEqual([]);
    const text = reply.body.data as { embeds: Array<{ title?: string; image?: unknown }> };
    expect(text.embeds[0]!.title).toBe('Salary at a glance');
    expect(text.embeds[0]!.image).toBeUndefined();
    const edit = await waitFor(
      'the chart edit',
      () => fake.requestsTo('/webhooks/').find((r) => r.path.includes(reply.token)),
      5000,
    );
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toMatch(/\/messages\/@original$/);
    expect(edit?.contentType).toMatch(/^multipart\/form-data/);
    expect(edit?.files.map((f) => f.name)).toEqual(['salary-at-a-glance.png']);
    const body = edit?.body as { embeds: Array<{ image?: { url: string }; description?: string }> };
    expect(body.embeds[0]!.image).toEqual({ url: 'attachment://salary-at-a-glance.png' });
    expect(body.embeds[0]!.description).toContain('$130,000 to $164,700');
    // Drawn once, the same chart is then sent at once.
    const again = await fake.command('salary', { location: 'Boston' });
    expect(again.body.type).toBe(4);
    expect(again.files[0]!.data.equals(edit!.files[0]!.data)).toBe(true);
  });
});
