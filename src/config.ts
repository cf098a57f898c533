import { isAbsolute, join } from 'node:path';
import { packageRoot } from './paths.js';

/**
 * The only module that reads the environment. `loadConfig` (bot start) checks every setting with
 * zod; the light readers below serve the one-shot CLI, which must not pay for zod's start-up.
 */

let envFileRead = false;
/** Loads `.env` from the package root once (values already in the environment win). */
export async function readEnvFile(): Promise<void> {
  if (envFileRead) return;
  envFileRead = true;
  const path = join(packageRoot(), '.env');
  const { existsSync } = await import('node:fs');
  if (!existsSync(path)) return;
  const dotenv = await import('dotenv');
  dotenv.config({ path, quiet: true });
}

/** The knowledge folder: `KNOWLEDGE_DIR` (relative to the working folder) or the package's `knowledge/`. */
export function knowledgeDir(): string {
  const configured = process.env.KNOWLEDGE_DIR?.trim();
  if (!configured) return join(packageRoot(), 'knowledge');
  return isAbsolute(configured) ? configured : join(process.cwd(), configured);
}

/** Whether to write ANSI colours: only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export interface Config {
  discordToken: string | undefined;
  logLevel: string;
  knowledgeDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks every setting; a bad one stops start-up with a message naming it (never its value). */
export async function loadConfig(): Promise<Config> {
  await readEnvFile();
  const { z } = await import('zod');
  const schema = z.object({
    DISCORD_TOKEN: z.string().trim().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    KNOWLEDGE_DIR: z.string().trim().optional(),
  });
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`setting ${issue.path.join('.')} is invalid: ${issue.message}`);
  }
  return {
    discordToken: parsed.data.DISCORD_TOKEN || undefined,
    logLevel: parsed.data.LOG_LEVEL,
    knowledgeDir: knowledgeDir(),
  };
}
