/**
 * The judged question sets, by author and by document, and how an engine is scored on them (the
 * way ../shared/eval/eval.mjs scores the batch contract). Shared by `npm run eval`, `npm run fit`
 * and `npm run ablate`. Evaluation tooling: nothing under src/ imports it.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { MAX_RESULTS } from '../src/answers/answer.js';
import { normForJudging, type JudgedQuestion } from './judge.js';
import type { Answer } from '../src/answers/types.js';
import { Session } from '../src/cli/session.js';
import { loadCommands } from '../src/commands/registry.js';
import { Engine, type EngineData } from '../src/search/engine.js';
import { loadEngine } from '../src/engineCache.js';
import type { RankingParams } from '../src/search/rankingParams.js';

export interface JudgedSet {
  name: string;
  /** Who wrote it: sets by one author are left out together. */
  author: string;
  file: string;
  /** A document folder added to the knowledge for this set (its questions are about it). */
  document?: string;
}

const F = 'test/fixtures';
/** Questions about the shipped knowledge, by author. */
export const AUTHOR_SETS: readonly JudgedSet[] = [
  { name: 'dev (shared)', author: 'shared-dev', file: `${F}/dev-queries.jsonl` },
  { name: 'project tune half', author: 'project', file: `${F}/questions-tune.jsonl` },
  { name: 'project our 50', author: 'project', file: `${F}/extra-queries.jsonl` },
  { name: 'project held-out half', author: 'project-holdout', file: `${F}/questions-holdout.jsonl` },
  { name: 'non-native learner', author: 'non-native', file: `${F}/personas/non-native.jsonl` },
  { name: 'backend dev in Poland', author: 'backend-switcher', file: `${F}/personas/backend-switcher.jsonl` },
  {
    name: 'teacher changing careers',
    author: 'teacher-changer',
    file: `${F}/personas/teacher-changer.jsonl`,
  },
  { name: 'hiring manager', author: 'hiring-manager', file: `${F}/personas/hiring-manager.jsonl` },
  {
    name: 'forum student (chat English)',
    author: 'forum-student',
    file: `${F}/personas/forum-student.jsonl`,
  },
  {
    name: 'public threads (Reddit, Blind…)',
    author: 'public-threads',
    file: `${F}/personas/public-threads.jsonl`,
  },
  { name: 'nurse at a bootcamp (UK)', author: 'nurse-bootcamp', file: `${F}/personas/nurse-bootcamp.jsonl` },
  {
    name: 'careers adviser (Canada)',
    author: 'careers-adviser',
    file: `${F}/personas/careers-adviser.jsonl`,
  },
  { name: 'data analyst (Brazil)', author: 'brazil-analyst', file: `${F}/personas/brazil-analyst.jsonl` },
  {
    name: 'public threads, second author',
    author: 'public-threads-2',
    file: `${F}/personas/public-threads-2.jsonl`,
  },
];

/** Questions about a document added to the knowledge, one set per document. */
export const DOCUMENT_SETS: readonly JudgedSet[] = [
  {
    name: '4th doc (handbook)',
    author: 'doc4',
    file: `${F}/questions-fourth-document.jsonl`,
    document: `${F}/fourth-document`,
  },
  {
    name: '5th doc (interviews)',
    author: 'doc5',
    file: `${F}/questions-fifth-document.jsonl`,
    document: `${F}/fifth-document`,
  },
  {
    name: '6th doc (FAQ)',
    author: 'doc6',
    file: `${F}/questions-sixth-document.jsonl`,
    document: `${F}/sixth-document`,
  },
  {
    name: '7th doc (levels, euros)',
    author: 'doc7',
    file: `${F}/questions-seventh-document.jsonl`,
    document: `${F}/seventh-document`,
  },
  {
    name: 'story doc (first person)',
    author: 'story',
    file: `${F}/questions-story-document.jsonl`,
    document: `${F}/story-document`,
  },
  {
    name: 'UK pay guide (pounds)',
    author: 'uk-guide',
    file: `${F}/questions-uk-guide.jsonl`,
    document: `${F}/uk-guide`,
  },
  {
    name: 'India pay guide (LPA)',
    author: 'india-guide',
    file: `${F}/questions-india-guide.jsonl`,
    document: `${F}/india-guide`,
  },
  {
    name: 'Australia guide (A$, Q&A)',
    author: 'australia-guide',
    file: `${F}/questions-australia-guide.jsonl`,
    document: `${F}/australia-guide`,
  },
];

export async function readQuestions(file: string): Promise<JudgedQuestion[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as JudgedQuestion);
}

/** sha256 of the judged files and the knowledge the weights are fitted on. */
export async function dataHash(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of [...files].sort()) hash.update(`${f}\n`).update(await readFile(f));
  for (const f of (await readdir('knowledge')).sort())
    hash.update(`knowledge/${f}\n`).update(await readFile(join('knowledge', f)));
  return hash.digest('hex').slice(0, 16);
}

/** The knowledge with some document folders added, built once (params are applied per engine). */
export async function knowledgeWith(documents: readonly string[]): Promise<EngineData> {
  if (!documents.length) return (await loadEngine('knowledge', { cacheDir: false })).data;
  const temp = await mkdtemp(join(tmpdir(), 'careerbot-judged-'));
  try {
    await cp('knowledge', temp, { recursive: true });
    for (const dir of documents) for (const f of await readdir(dir)) await cp(join(dir, f), join(temp, f));
    return (await loadEngine(temp, { cacheDir: false })).data;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** What a reply shows, as the batch contract gives it. */
export interface Reply {
  results: Array<{ title: string; text: string }>;
  said: boolean;
}
export type Answerer = (q: string) => Reply;

export interface SetScore {
  questions: number;
  /** Mean facet recall over every question, an honest no-match counting 1 (eval.mjs). */
  recall: number;
  /** Mean facet recall over the answerable questions only. */
  answerableRecall: number;
  answerable: number;
  hit1: number;
  refused: number;
  noMatch: number;
  honest: number;
  wrongLevelFirst: number;
  duplicates: number;
  /** Each question's score (recall, or 1/0 for a no-match question), in order. */
  each: number[];
}

/** Scores replies the way shared/eval/eval.mjs does. */
export function scoreSet(questions: readonly JudgedQuestion[], answer: Answerer): SetScore {
  const s: SetScore = {
    questions: questions.length,
    recall: 0,
    answerableRecall: 0,
    answerable: 0,
    hit1: 0,
    refused: 0,
    noMatch: 0,
    honest: 0,
    wrongLevelFirst: 0,
    duplicates: 0,
    each: [],
  };
  let sum = 0;
  let answerableSum = 0;
  for (const q of questions) {
    const reply = answer(q.q);
    if (q.noMatch) {
      s.noMatch++;
      const honest = !reply.results.length && reply.said;
      if (honest) s.honest++;
      s.each.push(honest ? 1 : 0);
      sum += honest ? 1 : 0;
      continue;
    }
    s.answerable++;
    if (!reply.results.length) s.refused++;
    const texts = reply.results.slice(0, q.k ?? 3).map((r) => normForJudging(r.text));
    const facets = q.facets ?? [];
    const got = facets.filter((alts) => alts.some((a) => texts.some((t) => t.includes(normForJudging(a)))));
    const recall = facets.length ? got.length / facets.length : 1;
    const first = texts[0];
    if (first && facets.some((alts) => alts.some((a) => first.includes(normForJudging(a))))) s.hit1++;
    if (first && (q.top1Not ?? []).some((a) => first.includes(normForJudging(a)))) s.wrongLevelFirst++;
    if (new Set(texts).size !== texts.length) s.duplicates++;
    s.each.push(recall);
    sum += recall;
    answerableSum += recall;
  }
  s.recall = questions.length ? sum / questions.length : 1;
  s.answerableRecall = s.answerable ? answerableSum / s.answerable : 1;
  return s;
}

const commands = await loadCommands();

/** careerbot's replies, through the same Session the console and the batch CLI use. */
export function careerbot(data: EngineData, params?: Partial<RankingParams>, gate = true): Answerer {
  const engine = new Engine(data, { rankingCache: 0, gate, ...(params ? { params } : {}) });
  const session = new Session(engine, commands, MAX_RESULTS);
  return (q) => replyOf(session.run(q));
}

function replyOf(a: Answer | undefined): Reply {
  if (a?.kind === 'passages') return { results: a.results, said: true };
  return { results: [], said: Boolean(a) };
}

/**
 * The floor: plain MiniSearch with its defaults over paragraph chunks of the same documents (the
 * Markdown's blank-line paragraphs, headings dropped), the command line's words as the query, the
 * top 3 shown; no results is its "no match".
 */
export async function plainMiniSearch(documents: readonly string[]): Promise<Answerer> {
  const chunks: Array<{ id: number; title: string; text: string }> = [];
  for (const dir of ['knowledge', ...documents]) {
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.md')).sort()) {
      const body = (await readFile(join(dir, f), 'utf8')).replace(/^---\n[\s\S]*?\n---\n/, '');
      for (const para of body.split(/\n\s*\n/)) {
        const text = para.trim();
        if (text && !/^#+\s/.test(text)) chunks.push({ id: chunks.length, title: f, text });
      }
    }
  }
  const index = new MiniSearch<{ id: number; title: string; text: string }>({
    fields: ['text'],
    storeFields: ['title', 'text'],
  });
  index.addAll(chunks);
  return (q) => {
    const words = q.replace(/^\/\S+\s*/, '').replace(/\b(level|location|industry|question):/g, '');
    const hits = index.search(words || q.replace(/^\//, '')).slice(0, MAX_RESULTS);
    return { results: hits.map((h) => ({ title: String(h.title), text: String(h.text) })), said: true };
  };
}

/** Every set with its questions and the knowledge it is asked of. */
export interface LoadedSet extends JudgedSet {
  questions: JudgedQuestion[];
  data: EngineData;
}

export async function loadSets(sets: readonly JudgedSet[]): Promise<LoadedSet[]> {
  const base = await knowledgeWith([]);
  const byDocument = new Map<string, EngineData>();
  const out: LoadedSet[] = [];
  for (const set of sets) {
    let data = base;
    if (set.document) {
      data = byDocument.get(set.document) ?? (await knowledgeWith([set.document]));
      byDocument.set(set.document, data);
    }
    out.push({ ...set, questions: await readQuestions(set.file), data });
  }
  return out;
}

/** Mean of a list (0 for none). */
export const mean = (xs: readonly number[]): number =>
  xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
