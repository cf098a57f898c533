import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Engine } from '../search/engine.js';
import type { Command, MessageCommand } from '../commands/command.js';
import { renderTerminal } from './renderTerminal.js';
import { Session } from './session.js';
import { useColor } from '../config.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WriteStream;
  /** Called when a command fails unexpectedly (a bug): log it with context. */
  onError?: (err: unknown, line: string) => void;
  /**
   * Where log lines go while the console runs: the console sets `write` so that a line (a reload
   * warning) is printed above the prompt, which is then drawn again with what was being typed.
   */
  logSink?: { write: (text: string) => void };
  /** Message commands, tried with `/answer <pasted message>` or a line starting with `>`. */
  messageCommands?: readonly MessageCommand[];
}

/**
 * The local console: the same slash commands as in Discord, typed in a terminal. Prompt, history,
 * /help; Ctrl-D (or /quit) leaves. With piped input it answers each line and exits at the end.
 */
export function startConsole(
  engine: Engine | (() => Engine),
  commands: readonly Command[],
  options: ConsoleOptions = {},
): Promise<void> {
  const output = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const tty = Boolean((input as NodeJS.ReadStream).isTTY) && Boolean(output.isTTY);
  // The width is read at each answer, so it follows the terminal when it is resized.
  const style = () => ({ color: useColor(output), width: Math.min(100, output.columns || 88) });
  const session = new Session(engine, commands, undefined, options.messageCommands ?? []);
  const current = typeof engine === 'function' ? engine() : engine;
  const rl = createInterface({ input, output, terminal: tty, historySize: 200, prompt: 'careerbot> ' });
  if (tty) {
    output.write(
      `careerbot — ${current.sources.size} sources, ${current.passageCount} passages. ` +
        'Type /help, or a command like /salary senior. Ctrl-D quits.\n',
    );
    rl.prompt();
  }
  if (tty && options.logSink) {
    const errors = process.stderr;
    options.logSink.write = (text: string) => {
      // Clear the prompt line, print the log line where it was, and draw the prompt again below.
      clearLine(output, 0);
      cursorTo(output, 0);
      errors.write(text.endsWith('\n') ? text : `${text}\n`);
      rl.prompt(true);
    };
  }
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (/^\/?(quit|exit)$/i.test(line.trim())) {
        rl.close();
        return;
      }
      try {
        const answer = session.run(line);
        if (answer) output.write(`${renderTerminal(answer, style())}\n\n`);
      } catch (err) {
        options.onError?.(err, line);
        output.write('Sorry, something went wrong answering that. It has been logged; please try again.\n\n');
      }
      if (tty) rl.prompt();
    });
    rl.on('close', () => {
      if (tty) output.write('\n');
      resolve();
    });
  });
}
