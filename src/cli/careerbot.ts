#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { knowledgeDir, readEnvFile, useColor } from '../config.js';
import { loadEngine } from '../search/engineCache.js';
import { KnowledgeErrors, KnowledgeError } from '../knowledge/errors.js';
import { MAX_RESULTS, PAGE_SIZE } from '../answers/answer.js';
import { loadCommands } from '../commands/registry.js';
import { renderJson } from './renderJson.js';
import { renderTerminal } from './renderTerminal.js';
import { Session } from './session.js';

const USAGE = `Usage:
  careerbot ask "/salary senior"        answer one command
  careerbot ask --json < questions.txt  one JSON line per input line (the batch contract)
  careerbot check                       validate knowledge/ and the commands
  careerbot console                     the interactive console`;

function reportKnowledgeError(err: unknown): boolean {
  if (err instanceof KnowledgeErrors || err instanceof KnowledgeError) {
    process.stderr.write(`careerbot: the knowledge has problems:\n${err.message}\n`);
    process.exitCode = 1;
    return true;
  }
  return false;
}

async function ask(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const words = args.filter((a) => a !== '--json');
  const [engine, commands] = await Promise.all([
    loadEngine(knowledgeDir()),
    loadCommands({ validate: false }),
  ]);
  const session = new Session(engine, commands, json ? MAX_RESULTS : PAGE_SIZE);
  const style = { color: useColor(process.stdout), width: Math.min(100, process.stdout.columns || 88) };
  const answerLine = (line: string): string => {
    let answer;
    try {
      answer = session.run(line) ?? {
        kind: 'error' as const,
        asked: '',
        message: 'Empty line: type a command such as /salary senior, or /help.',
      };
    } catch (err) {
      process.stderr.write(
        `careerbot: internal error answering ${JSON.stringify(line.slice(0, 200))}: ${(err as Error).stack ?? String(err)}\n`,
      );
      answer = { kind: 'error' as const, asked: '', message: 'Sorry, something went wrong answering that.' };
    }
    return json ? renderJson(answer) : `${renderTerminal(answer, style)}\n`;
  };
  if (words.length) {
    process.stdout.write(`${answerLine(words.join(' '))}\n`);
    return;
  }
  const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
  for await (const line of rl) process.stdout.write(`${answerLine(line)}\n`);
}

async function check(): Promise<void> {
  const dir = knowledgeDir();
  const { loadKnowledge } = await import('../knowledge/loadKnowledge.js');
  const { buildEngineData } = await import('../search/engine.js');
  const knowledge = await loadKnowledge(dir);
  const data = buildEngineData(knowledge);
  const commands = await loadCommands({ validate: true });
  const sections = knowledge.documents.reduce((n, d) => n + d.sections.length, 0);
  const lines = knowledge.documents.map((d) => {
    const passages = data.passages.filter((p) => p.sourceId === d.source.id).length;
    const figures = data.figures.filter((f) => f.sourceId === d.source.id);
    const detail = figures.map((f) => {
      const about = [f.levels.join('/') || 'all levels', f.place, f.industry].filter(Boolean).join(', ');
      return `      ${f.text}${f.unit === 'hour' ? ' per hour' : ''} (${[f.basis.join(' '), about].filter(Boolean).join('; ')})`;
    });
    return [
      `  ${d.source.path}: "${d.source.title}" (${d.source.publisher}) — ${d.sections.length} sections, ${passages} passages, ${figures.length} pay figures`,
      ...detail,
    ].join('\n');
  });
  process.stdout.write(
    `knowledge ok: ${knowledge.documents.length} documents, ${sections} sections, ${data.passages.length} passages, ${data.figures.length} pay figures\n` +
      `${lines.join('\n')}\n` +
      `thesaurus: ${knowledge.thesaurus.levels.length} level phrases, ${knowledge.thesaurus.topics.length} topic phrases, ` +
      `${knowledge.thesaurus.synonyms.length} synonym entries\n` +
      `commands ok: ${commands.map((c) => '/' + c.name).join(' ')}\n`,
  );
}

export async function main(argv: string[]): Promise<void> {
  await readEnvFile();
  const [sub, ...rest] = argv;
  try {
    if (sub === 'ask') await ask(rest);
    else if (sub === 'check') await check();
    else if (sub === 'console' || sub === undefined) {
      const { startConsole } = await import('./console.js');
      const [engine, commands] = await Promise.all([loadEngine(knowledgeDir()), loadCommands()]);
      await startConsole(engine, commands, {
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
