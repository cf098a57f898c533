import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Command } from './command.js';

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

/**
 * Loads every command module of the commands folder. Routing, help and deploy all use this one
 * list, keyed by name; a module that is not a valid command fails the load, naming its file.
 */
export async function loadCommands(options: LoadCommandsOptions = {}): Promise<Command[]> {
  const dir = options.dir ?? COMMANDS_DIR;
  const files = (await readdir(dir)).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const schema = options.validate === false ? undefined : (await import('./commandSchema.js')).CommandSchema;
  const commands: Command[] = [];
  const names = new Map<string, string>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    const command = mod.default;
    if (schema) {
      const result = schema.safeParse(command);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new CommandLoadError(
          `${join(dir, file)}: not a valid command module (${issue?.path.join('.') || 'default export'}: ${issue?.message})`,
        );
      }
    } else if (!command || typeof (command as Command).execute !== 'function') {
      throw new CommandLoadError(`${join(dir, file)}: the default export is not a command`);
    }
    const c = command as Command;
    const other = names.get(c.name);
    if (other)
      throw new CommandLoadError(`${join(dir, file)}: command /${c.name} is already defined by ${other}`);
    names.set(c.name, file);
    commands.push(c);
  }
  return commands;
}
