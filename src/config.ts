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
export function knowledgeDir(setting = process.env.KNOWLEDGE_DIR): string {
  const configured = setting?.trim();
  if (!configured) return join(packageRoot(), 'knowledge');
  return isAbsolute(configured) ? configured : join(process.cwd(), configured);
}

/** Whether to write ANSI colours: only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Deploy commands to this server only (instant, for testing) instead of globally. */
  guildId: string | undefined;
  /** REST base URL without the version (`https://discord.com/api` by default). */
  apiUrl: string | undefined;
}

export interface Config {
  /** Present when DISCORD_TOKEN is set: the bot serves Discord instead of opening the console. */
  discord: DiscordConfig | undefined;
  logLevel: string;
  knowledgeDir: string;
  cooldown: { requests: number; seconds: number };
  /** Shards to run with discord.js's ShardingManager (1: no manager). */
  shardCount: number;
  /** Set when this process is a shard started by the sharding manager. */
  shardChild: boolean;
  /** Where /healthz and /metrics are served, if anywhere. */
  health: { port: number; host: string } | undefined;
  /** Whether /salary replies in Discord carry the range chart picture (SALARY_CHART, default on). */
  salaryChart: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What each setting expects, in words, for the message when one is wrong. */
const EXPECTED: Record<string, string> = {
  DISCORD_TOKEN: 'the bot token from the Discord developer portal (Bot → Reset Token), with no spaces',
  DISCORD_APPLICATION_ID:
    'the application id from the Discord developer portal (General Information), digits only',
  DISCORD_GUILD_ID: 'a server id (digits only; right-click the server → Copy Server ID), or empty',
  DISCORD_API_URL: 'an http(s) URL such as https://discord.com/api, or empty',
  LOG_LEVEL: LOG_LEVELS.join(', '),
  COOLDOWN_REQUESTS: 'a whole number of requests from 1 to 100',
  COOLDOWN_SECONDS: 'a whole number of seconds from 1 to 3600',
  SHARD_COUNT: 'a whole number of shards from 1 to 64 (an explicit count: "auto" would ask discord.com)',
  HEALTH_PORT: 'a TCP port from 1 to 65535, or empty for no health server',
  HEALTH_HOST: 'an address to bind the health server to, such as 127.0.0.1',
  SALARY_CHART: 'on or off (whether /salary replies carry the range chart picture)',
};

/**
 * Reads and checks every setting with one zod schema; a bad one stops start-up with a message
 * naming the setting and what it expects, never its value.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<Config> {
  if (env === process.env) await readEnvFile();
  const { z } = await import('zod');
  const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
  const snowflake = z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^\d{1,20}$/)
      .optional(),
  );
  const count = (min: number, max: number, fallback: number) =>
    z.preprocess(empty, z.coerce.number().int().min(min).max(max).default(fallback));
  const schema = z
    .object({
      DISCORD_TOKEN: z.preprocess(empty, z.string().trim().regex(/^\S+$/).optional()),
      DISCORD_APPLICATION_ID: snowflake,
      DISCORD_GUILD_ID: snowflake,
      DISCORD_API_URL: z.preprocess(
        empty,
        z
          .url({ protocol: /^https?$/ })
          .trim()
          .optional(),
      ),
      LOG_LEVEL: z.preprocess(empty, z.enum(LOG_LEVELS).default('info')),
      KNOWLEDGE_DIR: z.string().trim().optional(),
      COOLDOWN_REQUESTS: count(1, 100, 5),
      COOLDOWN_SECONDS: count(1, 3600, 10),
      SHARD_COUNT: count(1, 64, 1),
      HEALTH_PORT: z.preprocess(empty, z.coerce.number().int().min(1).max(65535).optional()),
      HEALTH_HOST: z.preprocess(
        empty,
        z
          .string()
          .trim()
          .regex(/^[\w.:-]+$/)
          .default('127.0.0.1'),
      ),
      SALARY_CHART: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
        z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']).default('on'),
      ),
      SHARDING_MANAGER: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.DISCORD_TOKEN && !v.DISCORD_APPLICATION_ID) {
        ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'missing' });
      }
    });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'setting');
    const missing = issue.message === 'missing' || issue.code === 'invalid_type';
    throw new ConfigError(
      `${name} is ${missing ? 'missing' : 'invalid'}: expected ${EXPECTED[name] ?? issue.message}.`,
    );
  }
  const v = parsed.data;
  return {
    discord: v.DISCORD_TOKEN
      ? {
          token: v.DISCORD_TOKEN,
          applicationId: v.DISCORD_APPLICATION_ID!,
          guildId: v.DISCORD_GUILD_ID,
          // discord.js adds the API version itself; accept a URL that already names one.
          apiUrl: v.DISCORD_API_URL?.replace(/\/+$/, '').replace(/\/v\d+$/, ''),
        }
      : undefined,
    logLevel: v.LOG_LEVEL,
    knowledgeDir: knowledgeDir(v.KNOWLEDGE_DIR),
    cooldown: { requests: v.COOLDOWN_REQUESTS, seconds: v.COOLDOWN_SECONDS },
    shardCount: v.SHARD_COUNT,
    // discord.js's ShardingManager sets this in the environment of the processes it spawns.
    shardChild: v.SHARDING_MANAGER === 'true',
    health: v.HEALTH_PORT ? { port: v.HEALTH_PORT, host: v.HEALTH_HOST } : undefined,
    salaryChart: ['on', 'true', '1', 'yes'].includes(v.SALARY_CHART),
  };
}
