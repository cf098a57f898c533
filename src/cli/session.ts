import { MAX_RESULTS, PAGE_SIZE } from '../answers/answer.js';
import type { Engine } from '../search/engine.js';
import type { Answer } from '../answers/types.js';
import {
  UserInputError,
  type Command,
  type CommandOptions,
  type MessageCommand,
} from '../commands/command.js';
import { runCommand } from '../commands/run.js';
import { parseInput, type OptionFitter } from './parseInput.js';
import { normName } from '../answers/figureValues.js';
import { findCommand } from '../commands/run.js';
import { nearLevel } from '../commands/command.js';

/** The longest line a front end reads; longer input is refused with a message, never searched. */
export const MAX_INPUT_LENGTH = 2000;

/** One user's conversation in a text front end: runs typed lines, remembers the last answer for /more. */
export class Session {
  private last: { name: string; options: CommandOptions; offset: number } | undefined;

  private readonly engine: () => Engine;

  /** `engine` may be a function returning the current engine, when the knowledge can be reloaded. */
  constructor(
    engine: Engine | (() => Engine),
    private readonly commands: readonly Command[],
    private readonly pageSize = PAGE_SIZE,
    /** Message commands: `/answer <pasted message>` (or a line starting with `>`) tries the first. */
    private readonly messageCommands: readonly MessageCommand[] = [],
  ) {
    this.engine = typeof engine === 'function' ? engine : () => engine;
  }

  /** Answers one typed line; `offset` starts the list further down (the one-shot CLI's --offset). */
  run(line: string, offset = 0): Answer | undefined {
    const text = line.trim();
    if (!text) return undefined;
    if (text.length > MAX_INPUT_LENGTH) {
      return {
        kind: 'error',
        asked: text.slice(0, 20),
        message: `That line is ${text.length} characters long; commands take up to ${MAX_INPUT_LENGTH}. Try /help.`,
      };
    }
    if (/^\/?more$/i.test(text)) {
      if (!this.last)
        return { kind: 'error', asked: '/more', message: 'Nothing to continue yet: ask something first.' };
      return this.execute(this.last.name, this.last.options, this.last.offset + this.pageSize);
    }
    const pasted =
      /^\/answer(?:\s+|$)([\s\S]*)$/i.exec(text)?.[1] ?? (text.startsWith('>') ? text.slice(1) : undefined);
    if (pasted !== undefined && this.messageCommands.length) return this.answerMessage(pasted, offset);
    const parsed = parseInput(text, this.commands, this.fit);
    if (!parsed) return undefined;
    if (parsed.unfitted) return this.unfitted(parsed.name, parsed.unfitted);
    return this.execute(parsed.name, parsed.options, offset);
  }

  /**
   * What the message command would post for a message pasted in the console: the same reading of the
   * message (its chat markup dropped, the same refusals) and the same answer as in Discord.
   */
  private answerMessage(pasted: string, offset: number): Answer {
    const command = this.messageCommands[0]!;
    const label = `“${command.name}”`;
    try {
      const request = command.read({ content: pasted });
      const answer = this.execute(request.command, request.options, offset);
      return answer.kind === 'error'
        ? answer
        : { ...answer, asked: `${label} on: ${request.options.question ?? pasted}`.slice(0, 200) };
    } catch (err) {
      if (!(err instanceof UserInputError)) throw err;
      return { kind: 'error', asked: label, message: err.message };
    }
  }

  /** A bare word's option: a level word for a level, a known place or industry for those options. */
  private readonly fit: OptionFitter = (command, option, phrase) => {
    const engine = this.engine();
    const wanted = normName(phrase);
    if (!wanted) return undefined;
    if (option.choices) {
      const choice = option.choices.find((c) => normName(c.value) === wanted || normName(c.name) === wanted);
      if (choice) return choice.value;
      const level = engine.levelOfPhrase(phrase) ?? nearLevel(wanted);
      return level && option.choices.some((c) => c.value === level) ? level : undefined;
    }
    if (command.resolve) return command.resolve(engine, option.name, phrase);
    if (!option.autocomplete || !command.suggest) return undefined;
    return command.suggest(engine, option.name, phrase).find((v) => normName(v) === wanted);
  };

  /** Words that fit no option: say so, with the values each option takes. */
  private unfitted(name: string, words: string[]): Answer {
    const command = findCommand(this.commands, name)!;
    const engine = this.engine();
    // One short line: the choices in full, a few of the known places and industries.
    const accepted = command.options
      .filter((o) => o.type === 'string')
      .map((o) => {
        if (o.choices) return `${o.name}: ${orList(o.choices.map((c) => c.value))}`;
        const known = o.autocomplete && command.suggest ? command.suggest(engine, o.name, '') : [];
        // A few values and how many more, so the line stays short and says it is not the whole list.
        const shown = known.slice(0, 3).join(', ');
        return `${o.name}: ${known.length ? `${shown}${known.length > 3 ? ` and ${known.length - 3} more` : ''}` : 'any text'}`;
      });
    const quoted = words.map((w) => `“${w.slice(0, 30)}”`).join(' ');
    return {
      kind: 'error',
      asked: `/${name}`,
      message: `/${name} does not know ${quoted}. It takes ${accepted.join('; ')}.`,
    };
  }

  private execute(name: string, options: CommandOptions, offset: number): Answer {
    const answer = runCommand(
      {
        engine: this.engine(),
        commands: this.commands,
        messageCommands: this.messageCommands,
        offset,
        limit: Math.min(this.pageSize, MAX_RESULTS),
        frontEnd: 'text',
      },
      name,
      options,
    );
    if (answer.kind === 'passages') this.last = { name, options, offset };
    return answer;
  }
}

/** "a, b or c". */
function orList(values: string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : (values[0] ?? '');
}
