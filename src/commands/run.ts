import type { Answer } from '../answers/types.js';
import { editDistance } from '../search/text.js';
import { UserInputError, type Command, type CommandContext, type CommandOptions } from './command.js';

/** Finds a command by name in the loaded list. */
export function findCommand(commands: readonly Command[], name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

/** The command a mistyped name most likely meant ("/salry" → salary), within two edits. */
export function nearestCommand(commands: readonly Command[], name: string): string | undefined {
  const typed = name.toLowerCase().slice(0, 40);
  if (!typed) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const c of commands) {
    const distance = c.name.startsWith(typed) && typed.length >= 2 ? 1 : editDistance(typed, c.name, 2);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: c.name, distance };
  }
  return best?.name;
}

export function commandList(commands: readonly Command[]): string {
  return commands.map((c) => `/${c.name}`).join(', ');
}

/**
 * Runs a command by name. A user's mistake (unknown command, bad option) becomes an error answer
 * that says what is accepted; anything else is a bug and is thrown for the front end to log.
 */
export function runCommand(context: CommandContext, name: string, options: CommandOptions): Answer {
  const command = findCommand(context.commands, name);
  const asked = `/${name}`.slice(0, 40);
  if (!command) {
    const near = nearestCommand(context.commands, name);
    return {
      kind: 'error',
      asked,
      message: `Unknown command “${asked}”.${near ? ` Did you mean /${near}?` : ''} Try ${commandList(context.commands)}.`,
    };
  }
  for (const key of Object.keys(options)) {
    if (!command.options.some((o) => o.name === key)) {
      const accepted = command.options.map((o) => o.name).join(', ');
      return {
        kind: 'error',
        asked,
        message: accepted
          ? `/${command.name} has no option “${key.slice(0, 30)}”; it takes: ${accepted}.`
          : `/${command.name} takes no options.`,
      };
    }
  }
  try {
    return command.execute(context, options);
  } catch (err) {
    if (err instanceof UserInputError) return { kind: 'error', asked, message: err.message };
    throw err;
  }
}
