/**
 * Learning from the community, off the reply path: answers and votes go into a bounded queue that
 * is written in batches (a transaction every quarter second); a store that is down, locked or full
 * is logged once and what could not be written is counted as dropped, and the bot answers as
 * before. Older rows are purged daily. The report reads the same store.
 */
import type { Logger } from 'pino';
import type { Store } from './store.js';

export interface AnswerRecord {
  /** The interaction's id: what the vote buttons name. */
  id: string;
  guild: string | null;
  command: string;
  question: string;
  options: Record<string, string>;
  passageIds: string[];
  noMatch: boolean;
  notice: boolean;
  latencyMs: number;
  /** The asker's user id (hashed before it is stored). */
  userId: string;
}

export interface VoteRecord {
  answerId: string;
  userId: string;
  vote: 1 | -1;
}

export interface InsightsOptions {
  store: Store;
  logger: Logger;
  /** Queued writes at most (beyond, new ones are dropped and counted). */
  maxQueue?: number;
  flushMs?: number;
  /** Rows older than this many days are purged (daily, and on start). */
  retentionDays?: number;
  onDropped?: (n: number) => void;
}

/** The longest question stored. */
export const MAX_STORED_QUESTION = 300;

type Job = { kind: 'answer'; at: string; row: AnswerRecord } | { kind: 'vote'; at: string; row: VoteRecord };

export class Insights {
  private queue: Job[] = [];
  private readonly maxQueue: number;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout;
  private purgeTimer: NodeJS.Timeout;
  private failing = false;
  /** Writes given up on (queue full, store down), since start. */
  dropped = 0;

  constructor(private readonly options: InsightsOptions) {
    this.maxQueue = options.maxQueue ?? 10_000;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 250);
    this.timer.unref();
    const day = 24 * 60 * 60 * 1000;
    this.purgeTimer = setInterval(() => void this.purge(), day);
    this.purgeTimer.unref();
    void this.purge();
  }

  get store(): Store {
    return this.options.store;
  }

  /** Queues an answer; never waits, never throws. */
  recordAnswer(row: AnswerRecord): void {
    this.push({ kind: 'answer', at: new Date().toISOString(), row });
  }

  /** Queues a vote (a member's later vote on the same answer replaces it). */
  recordVote(row: VoteRecord): void {
    this.push({ kind: 'vote', at: new Date().toISOString(), row });
  }

  private push(job: Job) {
    if (this.queue.length >= this.maxQueue) return this.drop(1);
    this.queue.push(job);
  }

  private drop(n: number) {
    this.dropped += n;
    this.options.onDropped?.(n);
  }

  /** Writes what is queued, in one transaction. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.queue.length) return Promise.resolve();
    const batch = this.queue.splice(0, this.queue.length);
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(batch: Job[]): Promise<void> {
    const { db, memberHash } = this.options.store;
    try {
      await db.transaction().execute(async (tx) => {
        const answers = batch.filter((j): j is Extract<Job, { kind: 'answer' }> => j.kind === 'answer');
        if (answers.length)
          await tx
            .insertInto('answers')
            .values(
              answers.map(({ at, row }) => ({
                id: row.id,
                at,
                guild: row.guild,
                command: row.command,
                question: row.question.slice(0, MAX_STORED_QUESTION),
                options: JSON.stringify(row.options),
                passages: row.passageIds.length,
                passage_ids: JSON.stringify(row.passageIds),
                no_match: row.noMatch ? 1 : 0,
                notice: row.notice ? 1 : 0,
                latency_ms: Math.round(row.latencyMs * 100) / 100,
                member: memberHash(row.userId),
              })),
            )
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        for (const { at, row } of batch.filter((j) => j.kind === 'vote') as Array<
          Extract<Job, { kind: 'vote' }>
        >)
          await tx
            .insertInto('votes')
            .values({ answer_id: row.answerId, member: memberHash(row.userId), vote: row.vote, at })
            .onConflict((oc) => oc.columns(['answer_id', 'member']).doUpdateSet({ vote: row.vote, at }))
            .execute();
      });
      if (this.failing) this.options.logger.info('insights store writable again');
      this.failing = false;
    } catch (err) {
      this.drop(batch.length);
      // Logged once per outage, not once per batch.
      if (!this.failing)
        this.options.logger.warn(
          { err },
          'insights store not writable; answers go on, writes are dropped and counted',
        );
      this.failing = true;
    }
  }

  /** Deletes answers and votes older than the retention. */
  async purge(now = Date.now()): Promise<number> {
    const days = this.options.retentionDays ?? 90;
    const before = new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
    try {
      const { db } = this.options.store;
      await db.deleteFrom('votes').where('at', '<', before).execute();
      const done = await db.deleteFrom('answers').where('at', '<', before).executeTakeFirst();
      return Number(done.numDeletedRows ?? 0);
    } catch (err) {
      this.options.logger.warn({ err }, 'insights purge failed; it is tried again tomorrow');
      return 0;
    }
  }

  /** Writes what is queued (SIGTERM) and closes the store. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await this.flush();
    await this.options.store.close();
  }
}
