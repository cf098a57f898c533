#!/usr/bin/env node
import { currencyTag, perPeriod } from '../answers/figureText.js';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { knowledgeDir, readEnvFile, useColor } from '../config.js';
import { loadEngine } from '../engineCache.js';
import { KnowledgeErrors, KnowledgeError } from '../knowledge/errors.js';
import { MAX_RESULTS, PAGE_SIZE } from '../answers/answer.js';
import { loadCommandSet, loadCommands } from '../commands/registry.js';
import { renderJson } from './renderJson.js';
import { renderTerminal } from './renderTerminal.js';
import { Session } from './session.js';
import type { Answer } from '../answers/types.js';
import { LEVEL_LIST } from '../knowledge/types.js';

const USAGE = `careerbot answers career questions about machine-learning engineering with quoted,
sourced passages from its knowledge documents.

Usage:
  careerbot ask "/salary senior"          answer one command (also: "/skills mid", "/ask …")
  careerbot ask --offset 3 "/salary"      the next passages (--limit N: how many, up to ${MAX_RESULTS})
  careerbot ask --json < questions.txt    one JSON line per input line (the batch contract)
  careerbot chart "/salary senior" -o salary.png
                                          draw /salary's range chart as a PNG (--svg: as SVG)
  careerbot check                         validate knowledge/ and the commands
  careerbot insights [--days N] [--guild ID] [--json] [--export FILE.jsonl]
                                          what members asked and how they voted (the insights store)
  careerbot console                       the interactive console (npm start without a token)
  careerbot --help                        this text

Commands: /salary [level] [location] [industry], /skills [level], /career [level],
/ask <question>, /sources, /help; /answer <pasted message> in the console. Levels: ${LEVEL_LIST}.`;

/** "1 document", "3 documents". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function reportKnowledgeError(err: unknown): boolean {
  if (err instanceof KnowledgeErrors || err instanceof KnowledgeError) {
    process.stderr.write(`careerbot: the knowledge has problems:\n${err.message}\n`);
    process.exitCode = 1;
    return true;
  }
  return false;
}

interface AskFlags {
  json: boolean;
  offset: number;
  limit: number;
  words: string[];
}

/** Reads `ask`'s flags; a bad one stops with a line saying what is accepted. */
function askFlags(args: string[]): AskFlags | string {
  const flags: AskFlags = { json: false, offset: 0, limit: PAGE_SIZE, words: [] };
  let limited = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') flags.json = true;
    else if (a === '--offset' || a === '--limit') {
      const n = Number(args[++i]);
      const max = a === '--limit' ? MAX_RESULTS : Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < (a === '--limit' ? 1 : 0) || n > max)
        return `${a} takes a whole number${a === '--limit' ? ` from 1 to ${MAX_RESULTS}` : ' from 0'}`;
      if (a === '--offset') flags.offset = n;
      else {
        flags.limit = n;
        limited = true;
      }
    } else if (a.startsWith('--'))
      return `unknown option ${a.slice(0, 30)} (accepted: --json, --offset N, --limit N)`;
    else flags.words.push(a);
  }
  // JSON lines carry up to 10 passages unless --limit says otherwise.
  if (flags.json && !limited) flags.limit = MAX_RESULTS;
  return flags;
}

async function ask(args: string[]): Promise<void> {
  const flags = askFlags(args);
  if (typeof flags === 'string') {
    process.stderr.write(`careerbot: ${flags}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { json, words } = flags;
  // Nothing to answer and nobody piping questions in: say how to ask instead of waiting silently.
  if (!words.length && process.stdin.isTTY) {
    process.stderr.write(`careerbot: ask what? For example: careerbot ask "/salary senior"\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const [engine, set] = await Promise.all([loadEngine(knowledgeDir()), loadCommandSet({ validate: false })]);
  const session = new Session(engine, set.slash, flags.limit, set.message);
  const question = words.join(' ');
  const style = {
    color: useColor(process.stdout),
    width: Math.min(100, process.stdout.columns || 88),
    // One-shot: the next page is another command line, not /more.
    moreHint: (next: number) =>
      `More: careerbot ask --offset ${next}${flags.limit !== PAGE_SIZE ? ` --limit ${flags.limit}` : ''} ${JSON.stringify(question)}`,
  };
  const answerOf = (line: string, offset: number): Answer => {
    try {
      return (
        session.run(line, offset) ?? {
          kind: 'error' as const,
          asked: '',
          message: 'Empty line: type a command such as /salary senior, or /help.',
        }
      );
    } catch (err) {
      process.stderr.write(
        `careerbot: internal error answering ${JSON.stringify(line.slice(0, 200))}: ${(err as Error).stack ?? String(err)}\n`,
      );
      return { kind: 'error' as const, asked: '', message: 'Sorry, something went wrong answering that.' };
    }
  };
  if (words.length) {
    const answer = answerOf(question, flags.offset);
    if (json) process.stdout.write(`${renderJson(answer)}\n`);
    else if (answer.kind === 'error') process.stderr.write(`${renderTerminal(answer, style)}\n`);
    else process.stdout.write(`${renderTerminal(answer, style)}\n\n`);
    // A mistake (bad level, unknown command) is a failed command line.
    if (answer.kind === 'error') process.exitCode = 1;
    return;
  }
  // The batch contract: every line gets its JSON line, errors included; the exit code stays 0.
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) {
    // --offset applies to every line of a batch (each line is its own question).
    const answer = answerOf(line, flags.offset);
    process.stdout.write(json ? `${renderJson(answer)}\n` : `${renderTerminal(answer, style)}\n\n`);
  }
}

/**
 * `careerbot chart "/salary senior" -o salary.png [--svg]`: writes the picture the Discord reply
 * shows. A line that is not /salary, a bad option or a filter without a yearly figure exits 1 (a
 * bad flag 2) with its reason on stderr.
 */
async function chart(args: string[]): Promise<void> {
  let output: string | undefined;
  let svg = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-o' || a === '--output') {
      output = args[++i];
      if (!output) return fail('-o takes a file name, e.g. -o salary.png', 2);
    } else if (a === '--svg') svg = true;
    else if (a.startsWith('-')) return fail(`unknown option ${a.slice(0, 30)} (accepted: -o FILE, --svg)`, 2);
    else words.push(a);
  }
  const line = words.join(' ').trim() || '/salary';
  const [engine, commands] = await Promise.all([
    loadEngine(knowledgeDir()),
    loadCommands({ validate: false }),
  ]);
  const answer = new Session(engine, commands, PAGE_SIZE).run(line, 0);
  if (!answer) return fail('chart what? For example: careerbot chart "/salary senior" -o salary.png', 2);
  if (answer.kind === 'error') return fail(answer.message, 1);
  if (!answer.asked.startsWith('/salary') || answer.kind !== 'passages')
    return fail(`only /salary has a chart (asked: ${answer.asked || line})`, 1);
  if (!answer.chart) return fail(answer.chartNote ?? answer.notice ?? 'no figure to draw', 1);
  const { renderChart } = await import('../chart/renderChart.js');
  const drawn = await renderChart(answer.chart);
  const file = output ?? (svg ? 'salary-chart.svg' : 'salary-chart.png');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, svg ? drawn.svg : drawn.png);
  process.stdout.write(
    `wrote ${file} (${svg ? 'SVG' : `PNG ${drawn.width}×${drawn.height}`}): ${answer.chart.title}, ${answer.chart.rows.length} figure${answer.chart.rows.length === 1 ? '' : 's'}\n`,
  );
}

function fail(message: string, code: number): void {
  process.stderr.write(`careerbot: ${message}\n`);
  process.exitCode = code;
}

async function check(): Promise<void> {
  const dir = knowledgeDir();
  const { parseKnowledge } = await import('../knowledge/loadKnowledge.js');
  const { readKnowledgeFiles, THESAURUS_FILE } = await import('../knowledge/knowledgeFiles.js');
  const { buildEngineData } = await import('../search/engine.js');
  const files = await readKnowledgeFiles(dir);
  // A staging folder without a thesaurus is checked with the main one, so its tags and figures are
  // what the bot will show once the files are in knowledge/.
  let thesaurusNote = '';
  const main = knowledgeDir('');
  if (!files.files.some((f) => basename(f.path) === THESAURUS_FILE) && resolve(dir) !== resolve(main)) {
    const path = join(main, THESAURUS_FILE);
    try {
      files.files.push({ path: relative(dir, path), bytes: await readFile(path) });
      thesaurusNote = `thesaurus: ${dir} has none; checked with ${path}, as the bot will use once these files are in knowledge/\n`;
    } catch {
      thesaurusNote = `thesaurus: none found; level and topic tags and figure levels will differ from the bot's\n`;
    }
  }
  const knowledge = parseKnowledge(files);
  const data = buildEngineData(knowledge);
  const { slash: commands, message: messageCommands } = await loadCommandSet({ validate: true });
  const sections = knowledge.documents.reduce((n, d) => n + d.sections.length, 0);
  const lines = knowledge.documents.map((d) => {
    const passages = data.passages.filter((p) => p.sourceId === d.source.id).length;
    const figures = data.figures.filter((f) => f.sourceId === d.source.id);
    const detail = figures.map((f) => {
      const about = [f.levels.join('/') || 'all levels', f.place, f.industry].filter(Boolean).join(', ');
      return `      ${f.text}${perPeriod(f.unit)} (${[currencyTag(f), f.basis.join(' '), about].filter(Boolean).join('; ')})`;
    });
    return [
      `  ${d.source.path}: "${d.source.title}" (${d.source.publisher}) — ${plural(d.sections.length, 'section')}, ${plural(passages, 'passage')}, ${plural(figures.length, 'pay figure')}`,
      ...detail,
    ].join('\n');
  });
  process.stdout.write(
    `knowledge ok: ${plural(knowledge.documents.length, 'document')}, ${plural(sections, 'section')}, ${plural(data.passages.length, 'passage')}, ${plural(data.figures.length, 'pay figure')}\n` +
      `${lines.join('\n')}\n` +
      thesaurusNote +
      `thesaurus: ${knowledge.thesaurus.levels.length} level phrases, ${knowledge.thesaurus.topics.length} topic phrases, ` +
      `${knowledge.thesaurus.synonyms.length} synonym entries\n` +
      `commands ok: ${[...commands.map((c) => '/' + c.name), ...messageCommands.map((c) => `“${c.name}” (message menu)`)].join(' ')}\n`,
  );
}

/**
 * `careerbot insights`: the report of the insights store the bot writes (INSIGHTS_DB or
 * DATABASE_URL, as the bot reads them): most asked, no good match, voted down, votes per command,
 * passages per document; `--export FILE` writes the unanswered and voted-down questions as judged
 * question lines.
 */
async function insights(args: string[]): Promise<void> {
  const flags: { days?: number; guild?: string; json: boolean; export?: string } = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') flags.json = true;
    else if (a === '--days') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 3650)
        return fail('--days takes a whole number from 1 to 3650', 2);
      flags.days = n;
    } else if (a === '--guild') {
      const g = args[++i] ?? '';
      if (!/^\d{1,20}$/.test(g)) return fail('--guild takes a server id (digits)', 2);
      flags.guild = g;
    } else if (a === '--export') {
      const f = args[++i];
      if (!f) return fail('--export takes a file name, e.g. --export questions.jsonl', 2);
      flags.export = f;
    } else
      return fail(
        `unknown option ${a.slice(0, 30)} (accepted: --days N, --guild ID, --json, --export FILE)`,
        2,
      );
  }
  const { loadConfig } = await import('../config.js');
  const config = await loadConfig();
  if (!config.insights) return fail('insights are off (INSIGHTS=off): nothing is stored', 1);
  const [{ openStore }, report] = await Promise.all([
    import('../insights/store.js'),
    import('../insights/report.js'),
  ]);
  const store = await openStore({
    file: config.insights.file,
    ...(config.insights.databaseUrl ? { databaseUrl: config.insights.databaseUrl } : {}),
  });
  try {
    const filter = {
      ...(flags.days ? { days: flags.days } : {}),
      ...(flags.guild ? { guild: flags.guild } : {}),
    };
    if (flags.export) {
      const lines = await report.exportQuestions(store.db, filter);
      await writeFile(flags.export, lines.length ? `${lines.join('\n')}\n` : '');
      process.stdout.write(
        `wrote ${lines.length} question${lines.length === 1 ? '' : 's'} to ${flags.export}\n`,
      );
      return;
    }
    const r = await report.insightsReport(store.db, filter);
    process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : `${report.reportLines(r).join('\n')}\n`);
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  await readEnvFile();
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    if (sub === 'ask') await ask(rest);
    else if (sub === 'check') await check();
    else if (sub === 'chart') await chart(rest);
    else if (sub === 'insights') await insights(rest);
    else if (sub === 'console' || sub === undefined) {
      const { startConsole } = await import('./console.js');
      const [engine, set] = await Promise.all([loadEngine(knowledgeDir()), loadCommandSet()]);
      await startConsole(engine, set.slash, {
        messageCommands: set.message,
        onError: (err, line) =>
          process.stderr.write(
            `careerbot: internal error on ${JSON.stringify(line.slice(0, 200))}: ${(err as Error).stack}\n`,
          ),
      });
    } else {
      process.stderr.write(`careerbot: unknown command "${sub}"\n${USAGE}\n`);
      process.exitCode = 2;
    }
  } catch (err) {
    if (!reportKnowledgeError(err)) throw err;
  }
}

await main(process.argv.slice(2));
