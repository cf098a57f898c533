import { sourceNamesOf } from './sourceColors.js';
import type { Engine, Query } from '../search/engine.js';
import type { MissingKind } from '../search/parseQuery.js';
import { figureValues } from './figureValues.js';
import type { Passage } from '../knowledge/types.js';
import type { Answer, PassagesAnswer, Result } from './types.js';

/** How many passages a reply shows at once. */
export const PAGE_SIZE = 3;
/** The most passages any answer lists (the batch contract shows up to this many). */
export const MAX_RESULTS = 10;

export function toResult(engine: Engine, passage: Passage, score: number): Result {
  const source = engine.sources.get(passage.sourceId);
  const name = source ? source.publisher || source.title : passage.sourceId;
  const result: Result = {
    passageId: passage.id,
    sourceIndex: Math.max(0, sourceNamesOf(engine.sources).indexOf(name)),
    title: source?.title ?? passage.sourceId,
    publisher: source?.publisher ?? '',
    heading: passage.headingPath.join(' › '),
    text: passage.text,
    score: Math.round(score * 1000) / 1000,
    levels: passage.levels,
    topics: Object.entries(passage.topics)
      .filter(([, s]) => s >= 1)
      .sort((a, b) => b[1] - a[1])
      .map(([t]) => t),
  };
  if (source?.url) result.url = source.url;
  return result;
}

export interface AnswerOptions {
  offset?: number;
  limit?: number;
  /** What was asked, as the user would write it, for the reply's footer. */
  asked: string;
}

/**
 * Answers a query with ranked, sourced passages, or with a helpful message when nothing in the
 * knowledge matches well.
 */
export function answerQuery(engine: Engine, query: Query, options: AnswerOptions): Answer {
  const { ranked, parsed } = engine.rank(query);
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.min(MAX_RESULTS, Math.max(1, options.limit ?? PAGE_SIZE));
  const corrected = parsed.corrections.map((c) => `“${c.from}” → “${c.to}”`).join(', ');
  if (!ranked.length) {
    const lines = [
      query.text.trim()
        ? `Nothing in the knowledge answers “${query.text.trim()}” well.`
        : 'Nothing in the knowledge matches that.',
    ];
    const absent = parsed.missing.filter((m) => NAMED.has(m.kind)).map((m) => m.word);
    if (absent.length) lines.push(`The sources say nothing about ${quoteList(absent)}.`);
    if (corrected) lines.push(`(I read ${corrected}.)`);
    lines.push('Every answer is quoted from the sources, so I would rather say so than guess.');
    return {
      kind: 'message',
      asked: options.asked,
      title: 'No good match',
      lines,
      suggestions: suggestionsFor(parsed.topics.keys()),
      noMatch: true,
    };
  }
  // Past the last passage (/more after the end, --offset 60): say so, never "passages 52–51 of 50".
  if (offset >= ranked.length)
    return {
      kind: 'error',
      asked: options.asked,
      message: `No more passages: ${options.asked} has ${ranked.length} passage${ranked.length === 1 ? '' : 's'} in all, and they have all been shown.`,
    };
  const answer: PassagesAnswer = {
    kind: 'passages',
    asked: options.asked,
    results: ranked.slice(offset, offset + limit).map((r) => toResult(engine, r.passage, r.score)),
    offset,
    total: ranked.length,
  };
  const notices: string[] = [];
  if (corrected) notices.push(`Showing results for ${corrected}.`);
  // Partly covered ("salary in London"): the passages answer the rest; say what they do not cover.
  // Details, who the asker is ("I'm a teacher"), and how the question is asked ("actually",
  // "possible", "happens") need no notice: the answer is about the rest.
  const absent = parsed.missing.filter((m) => NAMED.has(m.kind)).map((m) => m.word);
  if (absent.length) {
    let notice = `The sources say nothing about ${quoteList(absent)}; these passages answer the rest.`;
    // A place the sources lack: name those they give pay figures for.
    const places = parsed.missing.some((m) => m.kind === 'place') ? figureValues(engine, 'place') : [];
    if (places.length) notice += ` Places with pay figures: ${places.slice(0, 10).join(', ')}.`;
    notices.push(notice);
  }
  if (notices.length) answer.notice = notices.join(' ');
  return answer;
}

/** The kinds of missing words a notice names: what the question is about, not how it is asked. */
const NAMED: ReadonlySet<MissingKind> = new Set(['word', 'place', 'unit', 'person']);

/** The typed commands that answer a topic of the question first, then the usual ones. */
const TOPIC_COMMANDS: Record<string, string> = { salary: '/salary', skills: '/skills', career: '/career' };
const USUAL_SUGGESTIONS = [
  '/salary senior',
  '/skills junior',
  '/career mid',
  '/ask how much do ML engineers make in Seattle',
];

function suggestionsFor(topics: Iterable<string>): string[] {
  const first = [...topics].map((t) => TOPIC_COMMANDS[t]).filter((c): c is string => Boolean(c));
  return [...new Set([...first, ...USUAL_SUGGESTIONS])].slice(0, 4);
}

/** “a”, “b” and “c” (at most five). */
function quoteList(words: string[]): string {
  const quoted = [...new Set(words)].slice(0, 5).map((w) => `“${w}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : (quoted[0] ?? '');
}
