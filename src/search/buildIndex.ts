import { createHash } from 'node:crypto';
import MiniSearch from 'minisearch';
import type { Figure } from '../knowledge/figures.js';
import { buildKnowledgeData } from '../knowledge/build.js';
import type { Knowledge } from '../knowledge/loadKnowledge.js';
import type { Passage, Source } from '../knowledge/types.js';
import { baseForms, lexicon } from './lexicon.js';
import { currencyWords } from '../knowledge/currencies.js';
import type { Thesaurus } from './thesaurus.js';
import { STOP_WORDS, stem, terms, tokenize, wordPairs } from './text.js';

/** Bumped whenever passages or the index change shape, so stale caches are rebuilt. */
export const ENGINE_VERSION = 15;
/** A capitalised noun this rare in English ("Cambridge" 1) may be a town's name where a section is about places. */

const FIELDS = ['text', 'context', 'pairs', 'money'] as const;
/** Heading and lead-in words say what a passage is about: they weigh more than body words. */
export const FIELD_BOOST = { text: 1, context: 1.6, pairs: 1, money: 1 };

export interface VocabularyEntry {
  count: number;
}

/** Everything needed to answer, built once per knowledge version and cacheable as JSON. */
export interface EngineData {
  version: number;
  /** Short hash of every passage: changes whenever an answer could change (stale buttons notice it). */
  fingerprint: string;
  sources: Source[];
  passages: Passage[];
  thesaurus: Thesaurus;
  /** Surface words of the documents and the thesaurus, for spelling correction. */
  vocabulary: Record<string, VocabularyEntry>;
  /** Stem → number of passages containing it. */
  documentFrequency: Record<string, number>;
  /** Every pay figure quoted in the passages, with its context. */
  figures: Figure[];
  /**
   * Stem → how specific a word of English it is, for the documents' common words only (below 1:
   * "first", "job"); computed from the lexicon at index time so questions need not load it.
   */
  specificity: Record<string, number>;
  /**
   * Initials → the phrase of the documents they stand for ("mle" → "machine learning engineer"):
   * runs of 2–4 content words used at least 3 times, and at least twice as often as any other run
   * with the same initials. Read for a short word a question uses that the documents do not.
   */
  acronyms: Record<string, string>;
  /** Surface words of the documents whose commonest sense is an adjective or adverb ("good", "really"). */
  modifiers: string[];
  /**
   * Passage id → the stems naming another job its section is about ("Data Engineer" in a guide to
   * machine learning engineers): the words before a job title's head that its document's title lacks.
   */
  otherRoles: Record<string, string[]>;
  /** Broken documents left out of this engine (a partial start), as `path:line: problem`. */
  problems: string[];
  index: unknown;
}

/** MiniSearch's options, the same when building the index and when loading it. */
export function miniSearchOptions() {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [] as string[],
    tokenize: (text: string, field?: string) => (field === 'pairs' ? wordPairs(text) : terms(text)),
    processTerm: (term: string) => term,
  };
}

/**
 * A passage as the index reads it. `money`: the words people name the currencies of its figures by
 * ("pounds", "gbp", "sterling" for "£45,000"), which a sign like "£" does not spell out.
 */
function indexDocument(p: Passage, money: readonly string[] = []) {
  const context = [...p.headingPath, p.leadIn ?? ''].join(' \n ');
  return { id: p.id, text: p.text, context, pairs: `${context} \n ${p.text}`, money: money.join(' ') };
}

/** Passage id → the words for the currencies its figures are in. */
function moneyWordsOf(figures: readonly Figure[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of figures) {
    if (!f.currency) continue;
    const words = out.get(f.passageId) ?? [];
    for (const w of currencyWords(f.currency)) if (!words.includes(w)) words.push(w);
    out.set(f.passageId, words);
  }
  return out;
}

/** Builds the search engine's data from parsed knowledge: passages, figures, index, vocabulary. */
export function buildEngineData(knowledge: Knowledge): EngineData {
  const thesaurus = knowledge.thesaurus;
  const { passages, figures } = buildKnowledgeData(knowledge);
  const words = lexicon();
  const money = moneyWordsOf(figures);
  const index = new MiniSearch(miniSearchOptions());
  index.addAll(passages.map((p) => indexDocument(p, money.get(p.id))));

  const vocabulary: Record<string, VocabularyEntry> = {};
  const documentFrequency: Record<string, number> = {};
  for (const p of passages) {
    const doc = indexDocument(p, money.get(p.id));
    const stems = new Set<string>();
    for (const t of tokenize(`${doc.text} ${doc.context} ${doc.money}`)) {
      if (STOP_WORDS.has(t.word)) continue;
      stems.add(stem(t.word));
      if (/^\p{L}{3,}$/u.test(t.word)) (vocabulary[t.word] ??= { count: 0 }).count++;
    }
    for (const pair of wordPairs(doc.pairs)) stems.add(pair);
    for (const s of stems) documentFrequency[s] = (documentFrequency[s] ?? 0) + 1;
  }
  // The least specific word of each stem speaks for it: its surface words and their base forms
  // ("plan" for planning, "job" for jobs), as a question may use any of them.
  const specificity: Record<string, number> = {};
  const modifiers: string[] = [];
  for (const word of Object.keys(vocabulary)) {
    const pos = words.info(word)?.pos;
    if (pos === 'adj' || pos === 'adv') modifiers.push(word);
    const value = Math.min(...baseForms(word).map(({ base }) => words.specificity(base)));
    const s = stem(word);
    if (value < 1 && value < (specificity[s] ?? 1)) specificity[s] = Math.round(value * 1000) / 1000;
  }
  const hash = createHash('sha256');
  for (const p of passages) hash.update(`${p.id}\n${p.text}\n`);
  return {
    version: ENGINE_VERSION,
    fingerprint: hash.digest('base64url').slice(0, 8),
    sources: knowledge.documents.map((d) => d.source),
    passages,
    thesaurus,
    vocabulary,
    documentFrequency,
    figures,
    specificity,
    modifiers: modifiers.sort(),
    otherRoles: otherRolesOf(
      passages,
      knowledge.documents.map((d) => d.source),
      thesaurus,
    ),
    acronyms: acronymsOf(passages.map((p) => `${p.headingPath.join(' \n ')} \n ${p.text}`)),
    problems: knowledge.problems ?? [],
    index: index.toJSON(),
  };
}

/** Heads of job titles WordNet does not read as a kind of person by their commonest sense. */
const JOB_HEADS = new Set(['lead', 'manager', 'analyst', 'engineer', 'scientist', 'developer', 'architect']);

/**
 * Sections about another job than their document's (see EngineData.otherRoles): a heading with a
 * job title ("Data Engineering Team Lead") whose words before the head (not level words) are not
 * all in the document's title or its initials ("ML" for machine learning).
 */
export function otherRolesOf(
  passages: readonly Passage[],
  sources: readonly Source[],
  thesaurus: Thesaurus,
): Record<string, string[]> {
  const words = lexicon();
  const levelWords = new Set(thesaurus.levels.flatMap((l) => l.phrase));
  const titleWords = new Map<string, Set<string>>();
  for (const source of sources) {
    const title = tokenize(source.title)
      .map((t) => t.word)
      .filter((w) => !STOP_WORDS.has(w));
    const known = new Set(title.map((w) => stem(w)));
    for (let i = 0; i + 1 < title.length; i++) known.add(`${title[i]![0]}${title[i + 1]![0]}`);
    titleWords.set(source.id, known);
  }
  const isHead = (w: string) =>
    JOB_HEADS.has(stem(w)) || JOB_HEADS.has(w) || (words.info(w)?.person ?? false);
  const byHeading = new Map<string, string[] | null>();
  const out: Record<string, string[]> = {};
  for (const p of passages) {
    const known = titleWords.get(p.sourceId) ?? new Set<string>();
    for (const heading of p.headingPath) {
      const key = `${p.sourceId}\n${heading}`;
      let role = byHeading.get(key);
      if (role === undefined) {
        role = null;
        const tokens = tokenize(heading).map((t) => t.word);
        for (let h = tokens.length - 1; h > 0 && !role; h--) {
          if (!isHead(tokens[h]!)) continue;
          const run: string[] = [];
          for (let k = h - 1; k >= 0 && !STOP_WORDS.has(tokens[k]!) && !isHead(tokens[k]!); k--)
            run.unshift(tokens[k]!);
          const modifiers = run.map((w) => stem(w)).filter((w) => !levelWords.has(w));
          if (modifiers.some((w) => !known.has(w))) role = modifiers;
        }
        byHeading.set(key, role);
      }
      if (role) out[p.id] = role;
    }
  }
  return out;
}

/** How often a phrase must appear, and how much more than its rivals, to be what its initials mean. */
const ACRONYM_MIN_COUNT = 3;
const ACRONYM_DOMINANCE = 2;
/** Words of an acronym's phrase say something ("machine", "learning"), unlike "per", "year", "several". */
const ACRONYM_MIN_SPECIFICITY = 0.4;

/**
 * Initials of the documents' frequent phrases of 2–4 content words (see EngineData.acronyms):
 * runs within one sentence or list item, each word specific enough to be part of a name.
 */
export function acronymsOf(
  texts: readonly string[],
  specificity: (word: string) => number = (w) => lexicon().specificity(w),
): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  const specific = new Map<string, boolean>();
  const isSpecific = (w: string) => {
    let s = specific.get(w);
    if (s === undefined) specific.set(w, (s = specificity(w) >= ACRONYM_MIN_SPECIFICITY));
    return s;
  };
  for (const text of texts.flatMap((t) => t.split(/[.,;:!?()[\]\n|]+/))) {
    // One token per position (a hyphenated word's joined form shares its position), letters only.
    const words: Array<string | undefined> = [];
    for (const t of tokenize(text)) {
      if (words.length > t.position) continue;
      const content = /^\p{L}{2,}$/u.test(t.word) && !STOP_WORDS.has(t.word) && isSpecific(t.word);
      words.push(content ? t.word : undefined);
    }
    for (let start = 0; start < words.length; start++) {
      for (let n = 2; n <= 4 && start + n <= words.length; n++) {
        const run = words.slice(start, start + n);
        if (run.some((w) => w === undefined)) break;
        const initials = run.map((w) => w![0]).join('');
        const phrase = run.join(' ');
        let byPhrase = counts.get(initials);
        if (!byPhrase) counts.set(initials, (byPhrase = new Map()));
        byPhrase.set(phrase, (byPhrase.get(phrase) ?? 0) + 1);
      }
    }
  }
  const out: Record<string, string> = {};
  for (const [initials, byPhrase] of counts) {
    const [best, second] = [...byPhrase].sort((a, b) => b[1] - a[1]);
    if (best && best[1] >= ACRONYM_MIN_COUNT && best[1] >= ACRONYM_DOMINANCE * (second?.[1] ?? 0))
      out[initials] = best[0];
  }
  return out;
}
