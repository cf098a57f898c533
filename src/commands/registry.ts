import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { MAX_MESSAGE_COMMANDS, type Command, type MessageCommand } from './command.js';

/** The folder holding one module per slash command (`commands/` beside `src/`, compiled or not). */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

export class CommandLoadError extends Error {
  override name = 'CommandLoadError';
}

export interface LoadCommandsOptions {
  dir?: string;
  /** Check each module against the schema (zod). The one-shot CLI skips it; CI and the bot do not. */
  validate?: boolean;
}

/** Every command of the commands folder: slash commands and message (context-menu) commands. */
export interface CommandSet {
  slash: Command[];
  message: MessageCommand[];
}

function isMessageCommand(value: unknown): boolean {
  return (value as { type?: unknown } | null)?.type === 'message';
}

/**
 * Loads every command module of the commands folder. Routing, help and deploy all use these lists,
 * keyed by name; a module that is not a valid command fails the load, naming its file.
 */
export async function loadCommandSet(options: LoadCommandsOptions = {}): Promise<CommandSet> {
  const dir = options.dir ?? COMMANDS_DIR;
  const files = (await readdir(dir)).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const schemas = options.validate === false ? undefined : await import('./commandSchema.js');
  const set: CommandSet = { slash: [], message: [] };
  const names = new Map<string, string>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    const command = mod.default;
    const message = isMessageCommand(command);
    if (schemas) {
      const result = (message ? schemas.MessageCommandSchema : schemas.CommandSchema).safeParse(command);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new CommandLoadError(
          `${join(dir, file)}: not a valid command module (${issue?.path.join('.') || 'default export'}: ${issue?.message})`,
        );
      }
    } else if (
      !command ||
      (message
        ? typeof (command as MessageCommand).read !== 'function'
        : typeof (command as Command).execute !== 'function')
    ) {
      throw new CommandLoadError(`${join(dir, file)}: the default export is not a command`);
    }
    const name = (command as { name: string }).name;
    const key = `${message ? 'message' : 'slash'}:${name.toLowerCase()}`;
    const other = names.get(key);
    if (other)
      throw new CommandLoadError(
        `${join(dir, file)}: ${message ? `message command “${name}”` : `command /${name}`} is already defined by ${other}`,
      );
    names.set(key, file);
    if (message) set.message.push(command as MessageCommand);
    else set.slash.push(command as Command);
  }
  if (set.message.length > MAX_MESSAGE_COMMANDS)
    throw new CommandLoadError(
      `${dir}: ${set.message.length} message commands; Discord takes at most ${MAX_MESSAGE_COMMANDS}.`,
    );
  return set;
}

/** The slash commands of the commands folder. */
export async function loadCommands(options: LoadCommandsOptions = {}): Promise<Command[]> {
  return (await loadCommandSet(options)).slash;
}
