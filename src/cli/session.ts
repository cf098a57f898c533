import { MAX_RESULTS, PAGE_SIZE } from '../answers/answer.js';
import type { Engine } from '../search/engine.js';
import type { Answer } from '../answers/types.js';
import type { Command, CommandOptions } from '../commands/command.js';
import { runCommand } from '../commands/run.js';
import { parseInput } from './parseInput.js';

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
  ) {
    this.engine = typeof engine === 'function' ? engine : () => engine;
  }

  run(line: string): Answer | undefined {
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
    const parsed = parseInput(text, this.commands);
    if (!parsed) return undefined;
    return this.execute(parsed.name, parsed.options, 0);
  }

  private execute(name: string, options: CommandOptions, offset: number): Answer {
    const answer = runCommand(
      { engine: this.engine(), commands: this.commands, offset, limit: Math.min(this.pageSize, MAX_RESULTS) },
      name,
      options,
    );
    if (answer.kind === 'passages') this.last = { name, options, offset };
    return answer;
  }
}
