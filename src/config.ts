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
  /**
   * Set with INTERACTIONS_PORT and DISCORD_PUBLIC_KEY: serve Discord's HTTP interactions endpoint
   * (`POST /interactions`) instead of connecting to the gateway.
   */
  endpoint: EndpointConfig | undefined;
  /** Where the shared cooldown and long button states live (REDIS_URL), if anywhere. */
  redisUrl: string | undefined;
  /** With SHARD_COUNT: only these shards run here (SHARD_IDS), so machines can split one gateway. */
  shardIds: number[] | undefined;
  /** What members ask and how they vote (INSIGHTS=off: nothing stored, no feedback buttons). */
  insights: InsightsConfig | undefined;
}

export interface InsightsConfig {
  /** The SQLite file (INSIGHTS_DB, default data/insights.db in the project folder). */
  file: string;
  /** DATABASE_URL: PostgreSQL instead, shared by replicas and shards. */
  databaseUrl: string | undefined;
  /** INSIGHTS_SECRET: the key members are hashed with (else one kept in the store). */
  secret: string | undefined;
  /** INSIGHTS_RETENTION_DAYS (default 90): older rows are purged daily. */
  retentionDays: number;
}

export interface EndpointConfig {
  port: number;
  host: string;
  /** The application's public key (hex), which signs every request Discord sends. */
  publicKey: string;
  applicationId: string;
  /** Optional in this mode: the interaction token authorises replies and edits. */
  token: string | undefined;
  apiUrl: string | undefined;
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
  INTERACTIONS_PORT: 'a TCP port from 1 to 65535 for the interactions endpoint, set with DISCORD_PUBLIC_KEY',
  INTERACTIONS_HOST: 'an address to bind the interactions endpoint to, such as 0.0.0.0',
  DISCORD_PUBLIC_KEY:
    "the application's public key from the developer portal (General Information): 64 hex digits, set with INTERACTIONS_PORT",
  REDIS_URL: 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379, or empty',
  SHARD_IDS: 'shard ids separated by commas (e.g. 0,1), each below SHARD_COUNT, or empty for all',
  INSIGHTS: 'on or off (whether answers and votes are stored, and feedback buttons shown)',
  INSIGHTS_DB: 'a file path for the SQLite store, such as data/insights.db',
  INSIGHTS_SECRET:
    'a secret of 16 or more characters to hash members with, or empty for one kept in the store',
  INSIGHTS_RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  DATABASE_URL: 'a postgres:// or postgresql:// URL, or empty for SQLite',
};

/** DISCORD_API_URL without the version: the REST client adds it; a URL that already names one is fine. */
function restBase(url: string | undefined): string | undefined {
  return url?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

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
      // Any case ("INFO" is info).
      LOG_LEVEL: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
        z.enum(LOG_LEVELS).default('info'),
      ),
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
      INTERACTIONS_PORT: z.preprocess(empty, z.coerce.number().int().min(1).max(65535).optional()),
      INTERACTIONS_HOST: z.preprocess(
        empty,
        z
          .string()
          .trim()
          .regex(/^[\w.:-]+$/)
          .optional(),
      ),
      DISCORD_PUBLIC_KEY: z.preprocess(
        empty,
        z
          .string()
          .trim()
          .regex(/^[0-9a-fA-F]{64}$/)
          .optional(),
      ),
      REDIS_URL: z.preprocess(
        empty,
        z
          .url({ protocol: /^rediss?$/ })
          .trim()
          .optional(),
      ),
      SHARD_IDS: z.preprocess(
        empty,
        z
          .string()
          .trim()
          .regex(/^\d{1,2}(\s*,\s*\d{1,2})*$/)
          .optional(),
      ),
      SHARDING_MANAGER: z.string().optional(),
      INSIGHTS: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
        z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']).default('on'),
      ),
      INSIGHTS_DB: z.preprocess(empty, z.string().trim().default('data/insights.db')),
      INSIGHTS_SECRET: z.preprocess(empty, z.string().trim().min(16).optional()),
      INSIGHTS_RETENTION_DAYS: count(1, 3650, 90),
      DATABASE_URL: z.preprocess(
        empty,
        z
          .url({ protocol: /^postgres(ql)?$/ })
          .trim()
          .optional(),
      ),
    })
    .superRefine((v, ctx) => {
      const missing = (name: string) => ctx.addIssue({ code: 'custom', path: [name], message: 'missing' });
      const endpoint = v.INTERACTIONS_PORT !== undefined || v.DISCORD_PUBLIC_KEY !== undefined;
      if (v.INTERACTIONS_PORT !== undefined && !v.DISCORD_PUBLIC_KEY) missing('DISCORD_PUBLIC_KEY');
      else if (v.DISCORD_PUBLIC_KEY && v.INTERACTIONS_PORT === undefined) missing('INTERACTIONS_PORT');
      else if ((v.DISCORD_TOKEN || endpoint) && !v.DISCORD_APPLICATION_ID) missing('DISCORD_APPLICATION_ID');
      const ids = v.SHARD_IDS?.split(',').map(Number) ?? [];
      if (ids.some((id) => id >= v.SHARD_COUNT))
        ctx.addIssue({ code: 'custom', path: ['SHARD_IDS'], message: 'out of range' });
    });
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'setting');
    // Missing: not set at all (or empty), or required by another setting; a value that is set but
    // wrong ("abc" for a number) is invalid.
    const given = env[name] !== undefined && String(env[name]).trim() !== '';
    const missing = issue.message === 'missing' || (issue.code === 'invalid_type' && !given);
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
          apiUrl: restBase(v.DISCORD_API_URL),
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
    endpoint:
      v.INTERACTIONS_PORT !== undefined && v.DISCORD_PUBLIC_KEY
        ? {
            port: v.INTERACTIONS_PORT,
            // Discord must reach it: every interface by default, once a port is asked for.
            host: v.INTERACTIONS_HOST ?? '0.0.0.0',
            publicKey: v.DISCORD_PUBLIC_KEY.toLowerCase(),
            applicationId: v.DISCORD_APPLICATION_ID!,
            token: v.DISCORD_TOKEN,
            apiUrl: restBase(v.DISCORD_API_URL),
          }
        : undefined,
    redisUrl: v.REDIS_URL,
    shardIds: v.SHARD_IDS ? [...new Set(v.SHARD_IDS.split(',').map((id) => Number(id.trim())))] : undefined,
    insights: ['on', 'true', '1', 'yes'].includes(v.INSIGHTS)
      ? {
          file: isAbsolute(v.INSIGHTS_DB) ? v.INSIGHTS_DB : join(packageRoot(), v.INSIGHTS_DB),
          databaseUrl: v.DATABASE_URL,
          secret: v.INSIGHTS_SECRET,
          retentionDays: v.INSIGHTS_RETENTION_DAYS,
        }
      : undefined,
  };
}
