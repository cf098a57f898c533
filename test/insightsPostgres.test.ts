/**
 * The shared insights store in a real PostgreSQL (Debian's package, started by the test on a free
 * port in a temp folder and stopped in every path): two interactions-endpoint replicas write to one
 * store and `careerbot insights` sees both; PostgreSQL killed mid-run loses no answer nor vote reply
 * (the writes of that window are dropped and counted), and the store takes writes again when it returns.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpointProcess, type EndpointProcess } from './support/endpointProcess.js';
import { FakeDiscord } from './support/fakeDiscord.js';
import { postgresAvailable, PostgresServer } from './support/postgresServer.js';
import { AppKeys } from './support/signing.js';
import { waitFor } from './support/waitFor.js';
import { ROOT } from './helpers.js';
import { buttonsOf } from './support/buttons.js';

let users = 0;
const newUser = () => ({ id: `28${String(++users).padStart(16, '0')}`, username: `pg${users}` });

describe.runIf(postgresAvailable())('insights in PostgreSQL, shared by two endpoint replicas', () => {
  let pg: PostgresServer;
  let fake: FakeDiscord;
  let keys: AppKeys;
  let replicas: EndpointProcess[] = [];

  beforeAll(async () => {
    pg = await PostgresServer.start();
    fake = await FakeDiscord.start();
    keys = new AppKeys();
    const env = { DATABASE_URL: pg.url, COOLDOWN_REQUESTS: '100' };
    replicas = await Promise.all([
      startEndpointProcess(fake, keys, env),
      startEndpointProcess(fake, keys, env),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await fake?.close();
    await pg?.stop();
  });

  const insights = () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'careerbot.js'), 'insights', '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: pg.url },
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { answers: number; votes: { up: number; down: number } };
  };
  /**
   * `n` commands, alternately to each replica; each must be answered with passages. With `vote`,
   * the member then clicks 👍 under the answer and the private answer shows the vote.
   */
  const ask = async (n: number, vote = false) => {
    for (let i = 0; i < n; i++) {
      fake.useEndpoint(`${replicas[i % 2]!.url}/interactions`, keys);
      const user = newUser();
      const reply = await fake.command('skills', { level: i % 2 ? 'mid' : 'junior' }, { user });
      expect(reply.body.type).toBe(4);
      expect((reply.body.data as { embeds: unknown[] }).embeds.length).toBeGreaterThan(0);
      if (!vote) continue;
      const up = buttonsOf(reply.body).find((b) => b.label === '👍');
      expect(up).toBeDefined();
      const clicked = await fake.click(up!.custom_id, 64, { user, on: reply });
      expect(clicked.body.type).toBe(7);
      expect(buttonsOf(clicked.body).find((b) => b.label === '👍')?.style).toBe(3);
    }
  };
  const dropped = async (r: EndpointProcess) => {
    const text = await (await fetch(`${r.url}/metrics`)).text();
    return Number(/^careerbot_insights_dropped_total (\d+)/m.exec(text)?.[1] ?? 0);
  };

  it('both replicas write to one store, and careerbot insights sees all their answers', async () => {
    for (const r of replicas)
      expect(r.logs.some((l) => l.msg === 'insights store open' && l.store === 'postgres')).toBe(true);
    await ask(10);
    const report = await waitFor('10 answers in the store', () => {
      const r = insights();
      return r.answers >= 10 ? r : undefined;
    });
    expect(report.answers).toBe(10);
  });

  it('PostgreSQL killed mid-run: every question and vote is answered, the writes of that window are dropped and counted, and it takes writes again when it returns', async () => {
    const before = insights();
    await pg.kill();
    // 6 answers and 6 votes in the outage: 12 writes dropped, none lost silently.
    await ask(6, true);
    await waitFor(
      'the dropped writes to be counted',
      async () => (await dropped(replicas[0]!)) + (await dropped(replicas[1]!)) >= 12,
      15_000,
    );
    expect((await dropped(replicas[0]!)) + (await dropped(replicas[1]!))).toBe(12);
    for (const r of replicas)
      expect(
        r.logs.filter(
          (l) => l.msg === 'insights store not writable; answers go on, writes are dropped and counted',
        ).length,
      ).toBeLessThanOrEqual(1);
    await pg.start();
    await ask(4, true);
    const report = await waitFor(
      'the answers and votes after the restart',
      () => {
        const r = insights();
        return r.answers >= 14 && r.votes.up >= before.votes.up + 4 ? r : undefined;
      },
      15_000,
    );
    expect(report.answers).toBe(14);
    expect(report.votes.up).toBe(before.votes.up + 4);
  }, 60_000);
});
