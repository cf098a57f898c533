/**
 * `npm run bench`: prints figures, asserts nothing. Index build time, answer latency p50/p99 in
 * process, and one-shot CLI wall time beside `node -e 0`, on the seed knowledge and on corpora
 * grown 10× and 100× with generated distinct documents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, copyFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, buildEngineData } from '../src/search/engine.js';
import { loadKnowledge } from '../src/knowledge/loadKnowledge.js';
import { loadCommands } from '../src/commands/registry.js';
import { Session } from '../src/cli/session.js';
import { packageRoot } from '../src/paths.js';

const ROOT = packageRoot();
const KNOWLEDGE = join(ROOT, 'knowledge');
const QUERIES = [
  '/salary senior',
  '/salary',
  '/skills mid',
  '/career junior',
  '/ask machine learning salary in Boston',
  '/ask what do ML engineers earn in Chicago',
  '/ask hyperparameter tuning',
  '/ask version control',
  '/ask machin lerning enginer salry',
  '/ask data governance analyst',
  '/ask industry trends',
  '/ask what degree do I need',
  // Other phrasings: a long conversational question, a partly covered one, one the knowledge cannot
  // answer (the honest no-match, which loads the English lexicon on first use).
  "/ask I'm a new grad with a CS degree, how much could I expect to earn in my first ML job?",
  '/ask ML engineer salary in London',
  '/ask best pizza toppings',
];

// A small generator of distinct prose: random sentences over a career vocabulary, so grown corpora
// have new wording (not copies) and realistic term statistics.
const VOCAB = `salary pay skills python kubernetes docker career junior senior mid level growth demand outlook
interview portfolio degree bachelor master cloud aws data pipeline model deployment monitoring mentoring
team lead architect research startup company city remote industry healthcare finance retail equity bonus
statistics algebra calculus tensorflow pytorch sql spark hadoop product manager analyst scientist engineer`.split(
  /\s+/,
);
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
function generateDocument(n: number): string {
  const r = rng(n + 1);
  const word = () => VOCAB[Math.floor(r() * VOCAB.length)]! + (r() < 0.3 ? `${Math.floor(r() * 90)}` : '');
  const sentence = () => {
    const w = Array.from({ length: 8 + Math.floor(r() * 12) }, word).join(' ');
    return w[0]!.toUpperCase() + w.slice(1) + '.';
  };
  const sections = Array.from({ length: 6 }, (_, s) => {
    const heading = `## ${word()} ${word()} ${s}`;
    const para = Array.from({ length: 3 }, sentence).join(' ');
    const list = Array.from({ length: 4 }, () => `- ${sentence()}`).join('\n');
    return `${heading}\n\n${para}\n\nKey points:\n\n${list}`;
  });
  return `---\ntitle: Generated guide ${n}\npublisher: Bench\n---\n\n${sections.join('\n\n')}\n`;
}

async function grownCorpus(factor: number): Promise<string> {
  if (factor === 1) return KNOWLEDGE;
  const dir = await mkdtemp(join(tmpdir(), `careerbot-bench-${factor}x-`));
  for (const f of await readdir(KNOWLEDGE)) await copyFile(join(KNOWLEDGE, f), join(dir, f));
  const extra = 3 * (factor - 1);
  for (let i = 0; i < extra; i++) await writeFile(join(dir, `generated-${i}.md`), generateDocument(i));
  return dir;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function wall(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Corpus sizes to measure, as multiples of the seed knowledge (`BENCH_FACTORS=1,10` to pick). */
const FACTORS = (process.env['BENCH_FACTORS'] ?? '1,10,100').split(',').map(Number);
const WARM_UP_ROUNDS = 30;
const ROUNDS = 100;

const commands = await loadCommands({ validate: false });
const rows: string[][] = [
  ['corpus', 'documents', 'passages', 'build ms', 'first µs', 'p50 µs', 'p99 µs', 'max µs'],
];
for (const factor of FACTORS) {
  const dir = await grownCorpus(factor);
  const t0 = performance.now();
  const knowledge = await loadKnowledge(dir);
  // Rankings are not cached here: every answer is ranked afresh (a running bot also caches repeats).
  const engine = new Engine(buildEngineData(knowledge), { rankingCache: 0 });
  const buildMs = performance.now() - t0;
  const session = new Session(engine, commands);
  const c0 = performance.now();
  session.run(QUERIES[0]!);
  const firstUs = (performance.now() - c0) * 1000;
  // Steady state, as a running bot sees it: compiled code, lazy tables built, frequent postings cached.
  for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const q of QUERIES) session.run(q);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const t = performance.now();
      session.run(q);
      times.push((performance.now() - t) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  rows.push([
    `${factor}×`,
    String(knowledge.documents.length),
    String(engine.passageCount),
    buildMs.toFixed(0),
    firstUs.toFixed(0),
    percentile(times, 50).toFixed(0),
    percentile(times, 99).toFixed(0),
    times.at(-1)!.toFixed(0),
  ]);
}

const cli = join(ROOT, 'dist', 'src', 'cli', 'careerbot.js');
spawnSync(process.execPath, [cli, 'ask', '/help'], { cwd: ROOT, stdio: 'ignore' }); // fills the engine cache
const nodeMs = wall(['-e', '0'], 9);
const askMs = wall([cli, 'ask', '/salary senior'], 9);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(
  `In-process answers (${QUERIES.length} queries × ${ROUNDS} rounds, after ${WARM_UP_ROUNDS} rounds of warm-up; first = the first answer after loading; no ranking cache):`,
);
for (const r of rows) console.log('  ' + r.map((c, i) => c.padStart(widths[i]!)).join('  '));
console.log('\nOne-shot CLI (median of 9 runs, engine cache warm):');
console.log(`  node -e 0                          ${nodeMs.toFixed(0)} ms`);
console.log(
  `  careerbot ask "/salary senior"     ${askMs.toFixed(0)} ms  (${(askMs / nodeMs).toFixed(2)}× node -e 0)`,
);

// The chart in its own process, so its first drawing is what a fresh bot pays.
const charts = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', 'chartBench.js')], {
  cwd: ROOT,
  encoding: 'utf8',
});
console.log('');
process.stdout.write(charts.stdout || `chart bench failed: ${charts.stderr}\n`);

if (process.env['BENCH_DISCORD'] !== '0') {
  const { discordBench } = await import('./discordBench.js');
  console.log('');
  for (const line of await discordBench()) console.log(line);
  const heap = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', 'heap.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  process.stdout.write(heap.stdout || `heap bench failed: ${heap.stderr}\n`);
}
