/**
 * Scores judged questions in process: `npm run eval -- test/fixtures/questions-holdout.jsonl`.
 * `--add DIR` adds DIR's documents to the knowledge first (e.g. the made-up fourth document);
 * `--verbose` lists every miss. Prints figures; asserts nothing.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../src/cli/session.js';
import { MAX_RESULTS } from '../src/answers/answer.js';
import { judge, summarize, type JudgedQuestion } from './judge.js';
import { loadCommands } from '../src/commands/registry.js';
import { loadEngine } from '../src/engineCache.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const addAt = args.indexOf('--add');
const added = addAt >= 0 ? args[addAt + 1] : undefined;
const files = args.filter((a, i) => !a.startsWith('--') && (addAt < 0 || i !== addAt + 1));

let dir = process.env.KNOWLEDGE_DIR ?? 'knowledge';
let temp: string | undefined;
if (added) {
  temp = await mkdtemp(join(tmpdir(), 'careerbot-eval-'));
  await cp(dir, temp, { recursive: true });
  for (const f of await readdir(added)) await cp(join(added, f), join(temp, f));
  dir = temp;
}
try {
  const [engine, commands] = await Promise.all([loadEngine(dir, { cacheDir: false }), loadCommands()]);
  for (const file of files) {
    const questions = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as JudgedQuestion);
    const report = judge(questions, (q) => new Session(engine, commands, MAX_RESULTS).run(q));
    console.log(`${file}${added ? ` (+${added})` : ''}: ${summarize(report)}`);
    if (verbose) for (const m of report.misses) console.log(`  ${m}`);
  }
} finally {
  if (temp) await rm(temp, { recursive: true, force: true });
}
