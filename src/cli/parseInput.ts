import type { Command, CommandOption, CommandOptions } from '../commands/command.js';
import { findCommand } from '../commands/run.js';

export interface ParsedInput {
  name: string;
  options: CommandOptions;
  /** Words that fit none of the command's options (the caller says which values exist). */
  unfitted?: string[];
}

/**
 * Whether a phrase is a value of an option, and which: "senior" → level "senior", "Seattle" →
 * location "Seattle". Given by the caller, who knows the knowledge's places and industries.
 */
export type OptionFitter = (command: Command, option: CommandOption, phrase: string) => string | undefined;

/** Longest phrase (in words) tried against an option: "new york city", "retail and wholesale". */
const MAX_PHRASE_WORDS = 3;

/** Options a user types text for (not Discord-only ones such as `mention`). */
function textOptions(command: Command): CommandOption[] {
  return command.options.filter((o) => o.type === 'string');
}

/**
 * Reads a line typed in the console the way people type it: `/salary senior Seattle`,
 * `/salary level:senior location:Seattle`, `/salary mid remote`, `/ask how much…`, `/ask question:…`.
 * `name:value` pairs may come in any order (a value runs to the next `name:`); bare words go to the
 * option they fit (a level word, a known place…), or, for a command with one text option, are its
 * value. A line without a leading slash is a question for /ask.
 */
export function parseInput(
  line: string,
  commands: readonly Command[],
  fit?: OptionFitter,
): ParsedInput | undefined {
  const text = line.trim();
  if (!text) return undefined;
  if (!text.startsWith('/')) return { name: 'ask', options: { question: text } };
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  const name = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  const command = findCommand(commands, name);
  if (!command || !rest) return { name, options: {} };

  // `rank:senior` where the command has no option "rank": pass it on so the user is told what is
  // accepted. For a command of filters (no required free text, unlike /ask's question), anywhere in
  // the line: `/skills level:senior location:Seattle` must not drop "location" without a word.
  const filters = !command.options.some((o) => o.type === 'string' && o.required);
  const stray = [...rest.matchAll(/(?:^|\s)([a-z_-]+):\s*(\S*)/gi)].find(
    (m) => (m.index === 0 || filters) && !command.options.some((o) => o.name === m[1]!.toLowerCase()),
  );
  if (stray) {
    // At the start, the rest of the line is its value (as typed); later, the word after it.
    const value = stray.index === 0 ? rest.slice(stray[0].length - stray[2]!.length).trim() : stray[2]!;
    return { name, options: { [stray[1]!.toLowerCase()]: value } };
  }

  const options: CommandOptions = {};
  const marks = [...rest.matchAll(/(?:^|\s)([a-z_-]+):\s*/gi)].filter((m) =>
    command.options.some((o) => o.name === m[1]!.toLowerCase()),
  );
  let bare = marks.length ? rest.slice(0, marks[0]!.index) : rest;
  const typed = textOptions(command);
  marks.forEach((m, i) => {
    const option = m[1]!.toLowerCase();
    const start = m.index! + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! : rest.length;
    let value = rest.slice(start, end).trim();
    // `location:Seattle senior`: a value of known values ends where it stops fitting; the rest is bare.
    const spec = typed.find((o) => o.name === option);
    if (spec && fit && typed.length > 1 && !fit(command, spec, value)) {
      const words = value.split(/\s+/);
      for (let n = words.length - 1; n > 0; n--) {
        const head = words.slice(0, n).join(' ');
        if (fit(command, spec, head)) {
          bare += ` ${words.slice(n).join(' ')}`;
          value = head;
          break;
        }
      }
    }
    options[option] = value;
  });
  bare = bare.trim();
  if (!bare) return { name, options };

  // One text option (/ask's question, /skills' level): the bare words are its value.
  if (typed.length <= 1 || !fit) {
    const first = typed.find((o) => options[o.name] === undefined) ?? typed[0] ?? command.options[0];
    if (!first) return { name, options: { [bare.split(/\s+/)[0]!.replace(/:.*/, '')]: bare } };
    options[first.name] = options[first.name] ? `${bare} ${options[first.name]}` : bare;
    return { name, options };
  }

  // Several: each bare word (or phrase of up to three) goes to the first free option it fits.
  const words = bare.split(/\s+/);
  const unfitted: string[] = [];
  for (let i = 0; i < words.length;) {
    let taken = 0;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n > 0 && !taken; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      for (const option of typed) {
        if (options[option.name] !== undefined) continue;
        const value = fit(command, option, phrase);
        if (value !== undefined) {
          options[option.name] = value;
          taken = n;
          break;
        }
      }
    }
    if (taken) i += taken;
    else unfitted.push(words[i++]!);
  }
  return unfitted.length ? { name, options, unfitted } : { name, options };
}
