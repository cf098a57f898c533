/**
 * What an admin reads from the insights store: the most asked questions (grouped by normalised
 * text), those with no good match, the answers voted down with the passages they showed, votes per
 * command, and the passages shown most per document; and the unanswered and voted-down questions
 * in the judged-question format, to be judged and added to the test sets.
 */
import type { Kysely } from 'kysely';
import type { InsightsDatabase } from './store.js';

export interface ReportFilter {
  /** The last N days (default 30). */
  days?: number;
  /** One server only (the /insights command always passes its own). */
  guild?: string;
  now?: number;
}

export interface InsightsReport {
  since: string;
  guild: string | null;
  answers: number;
  noMatch: number;
  votes: { up: number; down: number };
  mostAsked: Array<{ question: string; count: number; noMatch: number }>;
  unanswered: Array<{ question: string; count: number; last: string }>;
  /** Answers voted down, grouped by command, normalised question and the passages they showed. */
  votedDown: Array<{
    question: string;
    command: string;
    answers: number;
    down: number;
    up: number;
    passages: string[];
  }>;
  byCommand: Array<{ command: string; answers: number; up: number; down: number }>;
  byDocument: Array<{ document: string; shown: number }>;
}

/** "What do Juniors earn??" and "what do juniors earn" are one question. */
export function normaliseQuestion(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}$£€₹%+]+/gu, ' ')
    .trim();
}

const TOP = 10;

export async function insightsReport(
  db: Kysely<InsightsDatabase>,
  filter: ReportFilter = {},
): Promise<InsightsReport> {
  const since = new Date(
    (filter.now ?? Date.now()) - (filter.days ?? 30) * 24 * 60 * 60 * 1000,
  ).toISOString();
  let query = db.selectFrom('answers').selectAll().where('at', '>=', since);
  if (filter.guild) query = query.where('guild', '=', filter.guild);
  const answers = await query.execute();
  const ids = new Set(answers.map((a) => a.id));
  const votes = answers.length
    ? (await db.selectFrom('votes').selectAll().where('at', '>=', since).execute()).filter((v) =>
        ids.has(v.answer_id),
      )
    : [];
  const votesOf = new Map<string, { up: number; down: number }>();
  for (const v of votes) {
    const t = votesOf.get(v.answer_id) ?? { up: 0, down: 0 };
    if (v.vote > 0) t.up++;
    else t.down++;
    votesOf.set(v.answer_id, t);
  }
  const groups = new Map<string, { question: string; count: number; noMatch: number; last: string }>();
  for (const a of answers) {
    const key = `${a.command}\n${normaliseQuestion(a.question)}`;
    const g = groups.get(key) ?? { question: a.question, count: 0, noMatch: 0, last: a.at };
    g.count++;
    if (a.no_match) g.noMatch++;
    if (a.at > g.last) g.last = a.at;
    groups.set(key, g);
  }
  const byCommand = new Map<string, { command: string; answers: number; up: number; down: number }>();
  const byDocument = new Map<string, number>();
  for (const a of answers) {
    const c = byCommand.get(a.command) ?? { command: a.command, answers: 0, up: 0, down: 0 };
    c.answers++;
    const v = votesOf.get(a.id);
    c.up += v?.up ?? 0;
    c.down += v?.down ?? 0;
    byCommand.set(a.command, c);
    for (const id of JSON.parse(a.passage_ids) as string[]) {
      const doc = id.split('#')[0] ?? id;
      byDocument.set(doc, (byDocument.get(doc) ?? 0) + 1);
    }
  }
  // The same question answered with the same passages and voted down again is one row.
  const votedDown = new Map<string, InsightsReport['votedDown'][number]>();
  for (const a of answers) {
    const v = votesOf.get(a.id);
    if (!v?.down) continue;
    const key = `${a.command}\n${normaliseQuestion(a.question)}\n${a.passage_ids}`;
    const row = votedDown.get(key) ?? {
      question: a.question,
      command: a.command,
      answers: 0,
      down: 0,
      up: 0,
      passages: JSON.parse(a.passage_ids) as string[],
    };
    row.answers++;
    row.down += v.down;
    row.up += v.up;
    votedDown.set(key, row);
  }
  const desc =
    <T>(key: (x: T) => number) =>
    (a: T, b: T) =>
      key(b) - key(a);
  return {
    since,
    guild: filter.guild ?? null,
    answers: answers.length,
    noMatch: answers.filter((a) => a.no_match).length,
    votes: {
      up: votes.filter((v) => v.vote > 0).length,
      down: votes.filter((v) => v.vote < 0).length,
    },
    mostAsked: [...groups.values()]
      .sort(desc((g) => g.count))
      .slice(0, TOP)
      .map(({ question, count, noMatch }) => ({ question, count, noMatch })),
    unanswered: [...groups.values()]
      .filter((g) => g.noMatch > 0)
      .sort(desc((g) => g.noMatch))
      .slice(0, TOP)
      .map((g) => ({ question: g.question, count: g.noMatch, last: g.last })),
    votedDown: [...votedDown.values()].sort(desc((x) => x.down)).slice(0, TOP),
    byCommand: [...byCommand.values()].sort(desc((c) => c.answers)),
    byDocument: [...byDocument.entries()]
      .map(([document, shown]) => ({ document, shown }))
      .sort(desc((d) => d.shown)),
  };
}

/** The report as lines of plain text (the CLI, and /insights in Discord). */
export function reportLines(r: InsightsReport): string[] {
  const lines = [
    `${r.answers} answers since ${r.since.slice(0, 10)}${r.guild ? ` in server ${r.guild}` : ''}: ${r.noMatch} with no good match; votes 👍 ${r.votes.up} · 👎 ${r.votes.down}.`,
  ];
  const section = (title: string, rows: string[]) => {
    if (!rows.length) return;
    lines.push('', title, ...rows);
  };
  const q = (s: string) => `“${s.length > 90 ? `${s.slice(0, 89)}…` : s}”`;
  section(
    'Most asked',
    r.mostAsked.map((m) => `- ${q(m.question)} ×${m.count}${m.noMatch ? ` (${m.noMatch} no match)` : ''}`),
  );
  section(
    'No good match',
    r.unanswered.map((u) => `- ${q(u.question)} ×${u.count}, last ${u.last.slice(0, 10)}`),
  );
  section(
    'Voted down',
    r.votedDown.map(
      (v) =>
        `- ${q(v.question)} (${v.command}${v.answers > 1 ? `, ${v.answers} answers` : ''}) 👎 ${v.down} 👍 ${v.up}: ${v.passages.join(', ') || 'no passages'}`,
    ),
  );
  section(
    'Votes per command',
    r.byCommand.map((c) => `- /${c.command}: ${c.answers} answers, 👍 ${c.up} · 👎 ${c.down}`),
  );
  section(
    'Passages shown, per document',
    r.byDocument.map((d) => `- ${d.document}: ${d.shown}`),
  );
  return lines;
}

/**
 * Unanswered and voted-down questions as judged-question lines (`q`, `k`, no facets yet), with how
 * often and when they were asked, to be judged and added to the test sets.
 */
export async function exportQuestions(
  db: Kysely<InsightsDatabase>,
  filter: ReportFilter = {},
): Promise<string[]> {
  const r = await insightsReport(db, { ...filter, days: filter.days ?? 3650 });
  const out = new Map<string, Record<string, unknown>>();
  for (const u of r.unanswered)
    out.set(normaliseQuestion(u.question), {
      q: u.question,
      k: 3,
      why: 'no-match',
      count: u.count,
      last: u.last,
    });
  for (const v of r.votedDown) {
    const key = normaliseQuestion(v.question);
    if (!out.has(key))
      out.set(key, { q: v.question, k: 3, why: 'voted-down', count: v.down, passages: v.passages });
  }
  return [...out.values()].map((row) => JSON.stringify(row));
}
