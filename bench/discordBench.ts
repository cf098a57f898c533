/**
 * Reply latency of careerbot beside a constant-reply discord.js bot, in one run against the same
 * fake Discord: INTERACTION_CREATE sent → interaction callback received. Then a burst of 1000
 * interactions, and each bot's RSS after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord } from '../test/support/fakeDiscord.js';
import { packageRoot } from '../src/paths.js';

const ROOT = packageRoot();

interface Running {
  child: ChildProcess;
  token: string;
}

async function startProcess(
  fake: FakeDiscord,
  script: string,
  token: string,
  env: Record<string, string> = {},
) {
  const before = fake.identifies.length;
  const child = spawn(process.execPath, [join(ROOT, script)], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      // Each bot its own insights store in the temp folder, never the project's data/.
      INSIGHTS_DB: join(tmpdir(), `careerbot-bench-${process.pid}-${token}.db`),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await fake.identified(before + 1, 20_000);
  await new Promise((r) => setTimeout(r, 300));
  return { child, token } satisfies Running;
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const COMMANDS: Array<[string, Record<string, string>]> = [
  ['salary', { level: 'senior' }],
  ['skills', { level: 'mid' }],
  ['career', { level: 'junior' }],
  ['salary', {}],
  ['ask', { question: 'how much do ML engineers make in Seattle' }],
  ['ask', { question: 'what degree do I need' }],
  ['ask', { question: 'machin lerning enginer salry' }],
  ['ask', { question: 'industry trends' }],
];

export async function discordBench(rounds = 300): Promise<string[]> {
  const fake = await FakeDiscord.start();
  const out: string[] = [];
  const bot = await startProcess(fake, 'dist/src/main.js', 'careerbot-token', {
    LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'info',
    COOLDOWN_REQUESTS: '100',
  });
  const constant = await startProcess(fake, 'dist/bench/constantBot.js', 'constant-token');
  try {
    let user = 0;
    const send = (token: string, i: number) => {
      const [name, options] = COMMANDS[i % COMMANDS.length]!;
      const t0 = performance.now();
      return fake
        .command(name, options, {
          token,
          user: { id: `24${String(++user).padStart(16, '0')}`, username: 'bench' },
        })
        .then((cb) => cb.at - t0);
    };
    // Warm-up, then alternate the two bots so both see the same machine noise.
    for (let i = 0; i < 50; i++) {
      await send(bot.token, i);
      await send(constant.token, i);
    }
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      ours.push(await send(bot.token, i));
      theirs.push(await send(constant.token, i));
    }
    ours.sort((a, b) => a - b);
    theirs.sort((a, b) => a - b);
    const row = (label: string, xs: number[]) =>
      `  ${label.padEnd(28)} ${percentile(xs, 50).toFixed(2).padStart(7)} ${percentile(xs, 99).toFixed(2).padStart(7)}`;
    out.push(
      `Reply latency over the fake Discord (${rounds} commands each, INTERACTION_CREATE → callback, ms):`,
    );
    out.push(`  ${''.padEnd(28)} ${'p50'.padStart(7)} ${'p99'.padStart(7)}`);
    out.push(row('careerbot', ours));
    out.push(row('constant-reply discord.js', theirs));
    out.push(
      `  ratio                        ${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(2).padStart(6)}× ${(percentile(ours, 99) / percentile(theirs, 99)).toFixed(2).padStart(6)}×`,
    );

    // The same bot with insights off (no store, no feedback buttons), in the same run.
    {
      const off = await startProcess(fake, 'dist/src/main.js', 'careerbot-off-token', {
        LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'info',
        COOLDOWN_REQUESTS: '100',
        INSIGHTS: 'off',
      });
      try {
        for (let i = 0; i < 50; i++) await send(off.token, i);
        const on: number[] = [];
        const without: number[] = [];
        for (let i = 0; i < rounds; i++) {
          on.push(await send(bot.token, i));
          without.push(await send(off.token, i));
        }
        on.sort((a, b) => a - b);
        without.sort((a, b) => a - b);
        out.push('');
        out.push(`Insights on (SQLite, the default) beside off, same run (${rounds} commands each, ms):`);
        out.push(row('careerbot, INSIGHTS on', on));
        out.push(row('careerbot, INSIGHTS=off', without));
        out.push(
          `  on / off                     ${(percentile(on, 50) / percentile(without, 50)).toFixed(2).padStart(6)}× ${(percentile(on, 99) / percentile(without, 99)).toFixed(2).padStart(6)}×`,
        );
      } finally {
        off.child.kill('SIGTERM');
        await new Promise((resolve) => off.child.once('exit', resolve));
      }
    }

    // /salary with its chart (a cached PNG sent as multipart) beside the same bot without it.
    const textOnly = await startProcess(fake, 'dist/src/main.js', 'careerbot-text-token', {
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'info',
      COOLDOWN_REQUESTS: '100',
      SALARY_CHART: 'off',
    });
    try {
      const salaryLines: Array<Record<string, string>> = [{ level: 'senior' }, {}, { location: 'Seattle' }];
      const salary = (token: string, i: number) => {
        const t0 = performance.now();
        return fake
          .command('salary', salaryLines[i % salaryLines.length]!, {
            token,
            user: { id: `27${String(++user).padStart(16, '0')}`, username: 'bench' },
          })
          .then((cb) => cb.at - t0);
      };
      for (let i = 0; i < 30; i++) {
        await salary(bot.token, i);
        await salary(textOnly.token, i);
      }
      const withChart: number[] = [];
      const without: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < Math.min(rounds, 150); i++) {
        withChart.push(await salary(bot.token, i));
        without.push(await salary(textOnly.token, i));
        plain.push(await send(constant.token, 0));
      }
      for (const xs of [withChart, without, plain]) xs.sort((a, b) => a - b);
      out.push('');
      out.push(
        `/salary reply latency (senior, all, Seattle; ${withChart.length} each, charts cached after warm-up, ms):`,
      );
      out.push(row('careerbot, with the chart', withChart));
      out.push(row('careerbot, SALARY_CHART=off', without));
      out.push(row('constant-reply discord.js', plain));
      out.push(
        `  chart / no chart             ${(percentile(withChart, 50) / percentile(without, 50)).toFixed(2).padStart(6)}× ${(percentile(withChart, 99) / percentile(without, 99)).toFixed(2).padStart(6)}×`,
      );
    } finally {
      textOnly.child.kill('SIGTERM');
      await new Promise((resolve) => textOnly.child.once('exit', resolve));
    }

    // The interactions endpoint on the same machine: signed POST → HTTP response, beside the gateway path.
    {
      const { AppKeys } = await import('../test/support/signing.js');
      const { freePort } = await import('../test/support/ports.js');
      const keys = new AppKeys();
      const port = await freePort();
      const endpoint = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          INTERACTIONS_PORT: String(port),
          INTERACTIONS_HOST: '127.0.0.1',
          DISCORD_PUBLIC_KEY: keys.publicKeyHex,
          DISCORD_APPLICATION_ID: fake.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          COOLDOWN_REQUESTS: '100',
          LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'info',
        },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      try {
        const url = `http://127.0.0.1:${port}/interactions`;
        const deadline = Date.now() + 20_000;
        for (;;) {
          const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
            (r) => r.ok,
            () => false,
          );
          if (up) break;
          if (Date.now() > deadline) throw new Error('the endpoint did not start');
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 1500));
        const viaEndpoint = async (i: number) => {
          const [name, options] = COMMANDS[i % COMMANDS.length]!;
          const body = JSON.stringify({
            id: `9${String(i).padStart(17, '0')}`,
            token: `bench-${i}`,
            application_id: fake.applicationId,
            type: 2,
            version: 1,
            guild_id: '300000000000000001',
            channel_id: '400000000000000001',
            member: { user: { id: `21${String(++user).padStart(16, '0')}`, username: 'bench' }, roles: [] },
            data: {
              id: '1',
              name,
              type: 1,
              options: Object.entries(options).map(([n, v]) => ({ name: n, type: 3, value: v })),
            },
          });
          const t0 = performance.now();
          const res = await fetch(url, { method: 'POST', headers: keys.headers(body), body });
          await res.arrayBuffer();
          return performance.now() - t0;
        };
        for (let i = 0; i < 50; i++) {
          await viaEndpoint(i);
          await send(bot.token, i);
        }
        const http: number[] = [];
        const gateway: number[] = [];
        for (let i = 0; i < rounds; i++) {
          http.push(await viaEndpoint(i));
          gateway.push(await send(bot.token, i));
        }
        http.sort((a, b) => a - b);
        gateway.sort((a, b) => a - b);
        out.push('');
        out.push(
          `Interactions endpoint beside the gateway (${rounds} commands each, same machine; endpoint: signed POST → HTTP response, gateway: INTERACTION_CREATE → callback, ms):`,
        );
        out.push(row('endpoint (HTTP)', http));
        out.push(row('gateway', gateway));
        out.push(
          `  endpoint / gateway           ${(percentile(http, 50) / percentile(gateway, 50)).toFixed(2).padStart(6)}× ${(percentile(http, 99) / percentile(gateway, 99)).toFixed(2).padStart(6)}×`,
        );
      } finally {
        endpoint.kill('SIGTERM');
        await new Promise((resolve) => endpoint.once('exit', resolve));
      }
    }

    const rssBefore = rssMb(bot.child.pid);
    const burst = 1000;
    const t0 = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) => {
        const [name, options] = COMMANDS[i % COMMANDS.length]!;
        return fake.command(name, options, {
          token: bot.token,
          user: { id: `25${String(i).padStart(16, '0')}`, username: 'burst' },
          timeoutMs: 30_000,
        });
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const answered = results.filter((r) => r.status === 'fulfilled' && r.value.body.type === 4).length;
    out.push('');
    out.push(
      `Burst: ${answered} of ${burst} interactions answered in ${seconds.toFixed(2)} s (${(answered / seconds).toFixed(0)}/s).`,
    );
    out.push(
      `RSS: careerbot ${rssBefore.toFixed(0)} MB before the burst, ${rssMb(bot.child.pid).toFixed(0)} MB after; constant-reply bot ${rssMb(constant.child.pid).toFixed(0)} MB.`,
    );

    // Memory over a long run: 10,000 more interactions to each bot, 200 at a time.
    const long = async (token: string, pid: number | undefined) => {
      const before = rssMb(pid);
      let ok = 0;
      for (let batch = 0; batch < 50; batch++) {
        const replies = await Promise.allSettled(
          Array.from({ length: 200 }, (_, i) => {
            const [name, options] = COMMANDS[(batch * 200 + i) % COMMANDS.length]!;
            const id = `26${String(batch * 200 + i).padStart(16, '0')}`;
            return fake.command(name, options, { token, user: { id, username: 'long' }, timeoutMs: 30_000 });
          }),
        );
        ok += replies.filter((r) => r.status === 'fulfilled').length;
      }
      return { before, after: rssMb(pid), ok };
    };
    const a = await long(bot.token, bot.child.pid);
    const b = await long(constant.token, constant.child.pid);
    out.push(
      `10,000 interactions each: careerbot RSS ${a.before.toFixed(0)} → ${a.after.toFixed(0)} MB (${a.ok} answered); ` +
        `constant-reply bot ${b.before.toFixed(0)} → ${b.after.toFixed(0)} MB (${b.ok} answered).`,
    );
  } finally {
    bot.child.kill('SIGTERM');
    constant.child.kill('SIGTERM');
    await Promise.all([bot, constant].map((r) => new Promise((resolve) => r.child.once('exit', resolve))));
    await fake.close();
  }
  return out;
}

/**
 * The JS heap after a full GC, in process, every 10,000 interactions: flat means nothing is
 * retained per interaction (RSS also reflects how far V8 has grown its heap, which it keeps).
 */
export async function heapBench(rounds = 3): Promise<string[]> {
  const v8 = await import('node:v8');
  const vm = await import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const { loadEngine } = await import('../src/engineCache.js');
  const { loadCommands } = await import('../src/commands/registry.js');
  const engine = await loadEngine(join(ROOT, 'knowledge'));
  const fake = await FakeDiscord.start();
  const { startInProcessBot } = await import('../test/support/inProcessBot.js');
  // With insights on, as a bot runs by default: every answer queued and written to SQLite.
  const { openStore } = await import('../src/insights/store.js');
  const { Insights } = await import('../src/insights/insights.js');
  const { pino } = await import('pino');
  const insights = new Insights({
    store: await openStore({ file: join(tmpdir(), `careerbot-heap-${process.pid}.db`) }),
    logger: pino({ level: 'silent' }),
  });
  const bot = await startInProcessBot(fake, {
    engine,
    commands: await loadCommands(),
    cooldown: { requests: 5, seconds: 10 },
    insights,
  });
  const heaps: string[] = [];
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(
        Array.from({ length: 200 }, () => {
          const [name, options] = COMMANDS[n % COMMANDS.length]!;
          n++;
          return fake.command(name, options, {
            user: { id: `28${String(n).padStart(16, '0')}`, username: 'h' },
          });
        }),
      );
    }
    fake.requests.length = 0;
    fake.callbacks.length = 0;
    gc();
    heaps.push(`${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB after ${n}`);
  }
  await bot.stop();
  await fake.close();
  await insights.flush();
  const stored = await insights.store.db
    .selectFrom('answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await insights.close();
  return [
    `JS heap after GC (in process, insights on, the fake's records cleared): ${heaps.join(', ')}; ${stored.n} answers stored, ${insights.dropped} dropped.`,
    ...(await insightsWriteBench()),
  ];
}

/** How many answers a second the insights store takes, sustained: batches as the bot writes them. */
async function insightsWriteBench(total = 30_000): Promise<string[]> {
  const { openStore } = await import('../src/insights/store.js');
  const { Insights } = await import('../src/insights/insights.js');
  const { pino } = await import('pino');
  const insights = new Insights({
    store: await openStore({ file: join(tmpdir(), `careerbot-writes-${process.pid}.db`) }),
    logger: pino({ level: 'silent' }),
    flushMs: 3_600_000,
    maxQueue: total,
  });
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    insights.recordAnswer({
      id: String(100000000000000000n + BigInt(i)),
      guild: '300000000000000001',
      command: 'ask',
      question: `/ask question number ${i % 500}`,
      options: { question: `question number ${i % 500}` },
      passageIds: ['a#1', 'b#2', 'c#3'],
      noMatch: i % 10 === 0,
      notice: false,
      latencyMs: 3,
      userId: String(200000000000000000n + BigInt(i % 300)),
    });
    // The bot's quarter-second batches, at about 4,000 answers a second of traffic: 1,000 a batch.
    if (i % 1000 === 999) await insights.flush();
  }
  await insights.flush();
  const seconds = (performance.now() - t0) / 1000;
  await insights.close();
  return [
    `Insights store (SQLite, batches of 1,000): ${total} answers written in ${seconds.toFixed(2)} s, ${Math.round(total / seconds)} a second.`,
  ];
}
