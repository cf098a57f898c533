import type { Command, CommandOptions } from '../commands/command.js';
import { findCommand } from '../commands/run.js';

export interface ParsedInput {
  name: string;
  options: CommandOptions;
}

/**
 * Reads a line typed in the console the way it would be typed in Discord: `/salary senior`,
 * `/salary level:senior`, `/ask how much do ML engineers make`, `/ask question:…`. A line without a
 * leading slash is a question for /ask.
 */
export function parseInput(line: string, commands: readonly Command[]): ParsedInput | undefined {
  const text = line.trim();
  if (!text) return undefined;
  if (!text.startsWith('/')) return { name: 'ask', options: { question: text } };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  const command = findCommand(commands, name);
  if (!command || !rest) return { name, options: {} };

  // Named options: `level:senior`, `question: how much …` (a value runs to the next `name:`).
  const named = /(?:^|\s)([a-z_-]+):\s*/gi;
  const marks = [...rest.matchAll(named)].filter((m) =>
    command.options.some((o) => o.name === m[1]!.toLowerCase()),
  );
  if (marks.length && rest.slice(0, marks[0]!.index).trim() === '') {
    const options: CommandOptions = {};
    marks.forEach((m, i) => {
      const start = m.index! + m[0].length;
      const end = i + 1 < marks.length ? marks[i + 1]!.index! : rest.length;
      options[m[1]!.toLowerCase()] = rest.slice(start, end).trim();
    });
    return { name, options };
  }
  // `rank:senior` where the command has no option "rank": pass it on so the user is told what is accepted.
  const stray = /^([a-z_-]+):\s*(.*)$/is.exec(rest);
  if (stray && !command.options.some((o) => o.name === stray[1]!.toLowerCase())) {
    return { name, options: { [stray[1]!.toLowerCase()]: stray[2]!.trim() } };
  }
  const first = command.options[0];
  if (!first) return { name, options: { [rest.split(/\s+/)[0]!.replace(/:.*/, '')]: rest } };
  return { name, options: { [first.name]: rest } };
}
