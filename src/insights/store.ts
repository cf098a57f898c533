/**
 * The insights store: what members asked, what they were shown, and their votes. One query layer
 * (Kysely) over SQLite in one file by default, or PostgreSQL with DATABASE_URL so that replicas
 * share it; the schema is created and migrated in code, versioned, on open.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';

export interface AnswersTable {
  id: string;
  /** ISO time: the same text sorts and compares alike in both dialects. */
  at: string;
  guild: string | null;
  command: string;
  question: string;
  /** JSON of the command's options. */
  options: string;
  passages: number;
  /** JSON list of the passage ids shown. */
  passage_ids: string;
  no_match: number;
  notice: number;
  latency_ms: number;
  /** The asker as a keyed hash (never their id or name). */
  member: string;
}

export interface VotesTable {
  answer_id: string;
  member: string;
  /** 1 up, -1 down. */
  vote: number;
  at: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface InsightsDatabase {
  answers: AnswersTable;
  votes: VotesTable;
  meta: MetaTable;
}

/** The schema, one migration per version; a new version is a new entry, never an edit. */
const MIGRATIONS: Record<string, Migration> = {
  '001_answers_votes': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('answers')
        .ifNotExists()
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('guild', 'varchar(32)')
        .addColumn('command', 'varchar(64)', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('passages', 'integer', (c) => c.notNull())
        .addColumn('passage_ids', 'text', (c) => c.notNull())
        .addColumn('no_match', 'integer', (c) => c.notNull())
        .addColumn('notice', 'integer', (c) => c.notNull())
        .addColumn('latency_ms', 'double precision', (c) => c.notNull())
        .addColumn('member', 'varchar(64)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('answers_at').ifNotExists().on('answers').column('at').execute();
      await db.schema
        .createIndex('answers_guild')
        .ifNotExists()
        .on('answers')
        .columns(['guild', 'at'])
        .execute();
      await db.schema
        .createTable('votes')
        .ifNotExists()
        .addColumn('answer_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('member', 'varchar(64)', (c) => c.notNull())
        .addColumn('vote', 'integer', (c) => c.notNull())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('votes_pk', ['answer_id', 'member'])
        .execute();
      await db.schema
        .createTable('meta')
        .ifNotExists()
        .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export interface StoreOptions {
  /** A SQLite file (created with its folder), or with `databaseUrl` PostgreSQL. */
  file?: string;
  databaseUrl?: string;
  /** The key members are hashed with; generated on first open and kept in the store when absent. */
  secret?: string;
}

export interface Store {
  db: Kysely<InsightsDatabase>;
  dialect: 'sqlite' | 'postgres';
  /** A member's keyed hash: the same member gives the same hash, which gives back nothing. */
  memberHash(userId: string): string;
  close(): Promise<void>;
}

/** Opens the store, creating and migrating its schema. */
export async function openStore(options: StoreOptions): Promise<Store> {
  let db: Kysely<InsightsDatabase>;
  let dialect: Store['dialect'];
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 4,
      connectionTimeoutMillis: 2000,
    });
    // An idle connection that dies (the server restarted) must not crash the bot: the next write
    // fails, is counted as dropped, and a new connection is made when the server is back.
    pool.on('error', () => {});
    db = new Kysely<InsightsDatabase>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const file = options.file ?? 'data/insights.db';
    const { default: Database } = await import('better-sqlite3');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new Database(file, { timeout: 2000 });
    // Readers never wait for the writer; several bot processes may share the file.
    database.pragma('journal_mode = WAL');
    db = new Kysely<InsightsDatabase>({ dialect: new SqliteDialect({ database }) });
    dialect = 'sqlite';
  }
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    const secret = options.secret ?? (await storedSecret(db));
    return {
      db,
      dialect,
      memberHash: (userId) => createHmac('sha256', secret).update(userId).digest('base64url').slice(0, 22),
      close: () => db.destroy(),
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** The store's own key, made on first open (a race between replicas keeps the first one written). */
async function storedSecret(db: Kysely<InsightsDatabase>): Promise<string> {
  const found = await db.selectFrom('meta').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (found) return found.value;
  await db
    .insertInto('meta')
    .values({ key: 'secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const made = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'secret')
    .executeTakeFirstOrThrow();
  return made.value;
}

/** The schema version the store is at (the newest migration applied). */
export async function schemaVersion(db: Kysely<InsightsDatabase>): Promise<string | undefined> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name desc`.execute(db);
  return rows.rows[0]?.name;
}
