/**
 * `npm run fuzz [cases]`: 10,000 random interactions (hostile text, option combinations, pages)
 * through the real discord.js client and the bot's router against the fake Discord. Prints the
 * count of exceptions, replies over Discord's limits and mentions parsed; exits 1 if any. With
 * FUZZ_INSIGHTS_DB=file, answers and votes are written to an insights store in that file.
 */
import fc from 'fast-check';
import { pino } from 'pino';
import { loadEngine } from '../src/engineCache.js';
import { loadCommands } from '../src/commands/registry.js';
import { startInProcessBot } from '../test/support/inProcessBot.js';
import { packageRoot } from '../src/paths.js';
import { FakeDiscord } from '../test/support/fakeDiscord.js';
import { interactionCase, runCase } from '../test/support/fuzzCases.js';
import { join } from 'node:path';
import { Insights } from '../src/insights/insights.js';
import { openStore } from '../src/insights/store.js';
import { Writable } from 'node:stream';

const cases = Number(process.argv[2] ?? 10_000);
const engine = await loadEngine(join(packageRoot(), 'knowledge'));
const commands = await loadCommands();
const fake = await FakeDiscord.start();
// FUZZ_INSIGHTS_DB=file: the answers and votes go to an insights store there (`careerbot insights` reads it).
const insightsDb = process.env['FUZZ_INSIGHTS_DB'];
const insights = insightsDb
  ? new Insights({
      store: await openStore({ file: insightsDb }),
      logger: pino({ level: 'silent' }),
      retentionDays: 90,
    })
  : undefined;
let errors = 0;
const bot = await startInProcessBot(fake, {
  engine,
  commands,
  ...(insights ? { insights } : {}),
  // Every error the router logs (an exception in a handler, a reply that failed) is counted and shown.
  logger: pino(
    { level: 'error' },
    new Writable({
      write(chunk, _encoding, done) {
        errors++;
        if (errors <= 5) process.stderr.write(chunk);
        done();
      },
    }),
  ),
});

const samples = fc.sample(interactionCase, { numRuns: cases, seed: Number(process.env['FUZZ_SEED'] ?? 42) });
const found = new Map<string, number>();
let failed = 0;
const t0 = performance.now();
for (let i = 0; i < samples.length; i++) {
  let problems: string[];
  try {
    problems = await runCase(fake, samples[i]!, i);
  } catch (err) {
    problems = [`no reply: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (problems.length) failed++;
  for (const p of problems) found.set(p, (found.get(p) ?? 0) + 1);
}
await bot.stop();
await insights?.close();
await fake.close();
const over = [...found].filter(([p]) => !/mention/.test(p)).reduce((n, [, c]) => n + c, 0);
const mentions = [...found].filter(([p]) => /mention|pings/.test(p)).reduce((n, [, c]) => n + c, 0);
console.log(
  `${samples.length} fuzzed interactions in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
    `${errors} exceptions logged, ${over} replies over limits or unanswered, ${mentions} mentions parsed.`,
);
for (const [p, c] of found) console.log(`  ${c} × ${p}`);
process.exitCode = failed || errors ? 1 : 0;
