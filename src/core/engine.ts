import { createHash } from 'node:crypto';
import MiniSearch, { type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { Classifier } from './classify.js';
import { extractFigures, type Figure } from './figures.js';
import { buildPassages, dedupKey } from './passages.js';
import { PhraseMatcher, type Phrase, type Thesaurus } from './thesaurus.js';
import { STOP_WORDS, editDistance, stem, terms, tokenize, wordPairs } from './text.js';
import type { Knowledge } from './loadKnowledge.js';
import type { Level, Passage, Source } from './types.js';

/** Bumped whenever passages or the index change shape, so stale caches are rebuilt. */
export const ENGINE_VERSION = 4;

const FIELDS = ['text', 'context', 'pairs'] as const;
const FIELD_BOOST = { text: 1, context: 1.6, pairs: 1 };
/** Weight of a typed two-word phrase, on top of its two words. */
const PAIR_WEIGHT = 0.8;

/** Weight of a word found only through the thesaurus, relative to a word typed by the user. */
const SYNONYM_WEIGHT = 0.5;
/** Weight of a spelling correction: sure enough to search, not as sure as a typed word. */
const CORRECTION_WEIGHT = 0.9;
/** Weight of the level words themselves: the level is applied by ranking, not by word matching. */
const LEVEL_WORD_WEIGHT = 0.3;
/** Weight of a passage about one level when the question names none. */
const LEVEL_SPECIFIC_UNASKED = 0.8;
/** How many candidates are re-ranked for variety and listed (paging goes no further). */
const MAX_RANKED = 50;
/** Passages scoring at least this share of the best are ordered by level fit first. */
const TIER_ELIGIBLE = 0.35;
/** Results under this share of the best score are noise, not answers. */
const RELATIVE_CUTOFF = 0.2;
/** How much each earlier result from the same document lowers the next one (variety of sources). */
const SAME_SOURCE_DECAY = 0.82;
const NO_CONCEPTS: ReadonlySet<number> = new Set();

/** One term's postings: passage positions and BM25 scores, side by side. */
interface Postings {
  index: Int32Array;
  score: Float64Array;
}
/** How many terms' postings are kept in memory: frequent words are looked up once, not per question. */
const POSTING_CACHE_TERMS = 4096;
/**
 * Verbs whose object is people (stemmed): a level word right after one names those people
 * ("mentoring juniors"), so it is searched as a word, not read as the level the question is about.
 */
const PEOPLE_VERBS = new Set(
  [
    'mentor',
    'mentoring',
    'manage',
    'managing',
    'supervise',
    'supervising',
    'train',
    'training',
    'coach',
    'coaching',
    'teach',
    'teaching',
    'hire',
    'hiring',
    'onboard',
    'onboarding',
    'guide',
    'guiding',
    'recruit',
    'recruiting',
  ].map(stem),
);

/** How many recent questions' rankings are kept (each is at most MAX_RANKED passages). */
const RANKING_CACHE_QUERIES = 512;
/** How many misspelled words' corrections are remembered. */
const CORRECTION_CACHE_WORDS = 2048;
/** Passages sharing more than this share of their words (Jaccard) are the same answer twice. */
const NEAR_DUPLICATE = 0.85;

interface VocabularyEntry {
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
  index: unknown;
}

export interface Query {
  /** Free text typed by the user (may be empty for a typed command). */
  text: string;
  /** Levels chosen with an option: a hard preference. */
  levels?: Level[];
  /** Topic chosen by the command (`/salary` → salary): results must be about it. */
  topic?: string;
}

export interface ParsedQuery {
  levels: Set<Level>;
  topics: Map<string, number>;
  terms: Map<string, number>;
  /** Term → the typed words (by position) it stands for. */
  conceptOf: Map<string, Set<number>>;
  /** Typed word (by position) → its weight, for measuring how much of the question a passage covers. */
  conceptWeight: Map<number, number>;
  corrections: Array<{ from: string; to: string }>;
  /** Typed words that matched nothing known, even after spelling correction. */
  unknown: string[];
}

export interface Ranked {
  passage: Passage;
  score: number;
  /** Level fit: lower tiers come first among relevant passages (0 = exactly the asked level). */
  tier: number;
}

function miniSearchOptions() {
  return {
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [] as string[],
    tokenize: (text: string, field?: string) => (field === 'pairs' ? wordPairs(text) : terms(text)),
    processTerm: (term: string) => term,
  };
}

function indexDocument(p: Passage) {
  const context = [...p.headingPath, p.leadIn ?? ''].join(' \n ');
  return { id: p.id, text: p.text, context, pairs: `${context} \n ${p.text}` };
}

/** Builds the search engine from parsed knowledge. */
export function buildEngineData(knowledge: Knowledge): EngineData {
  const thesaurus = knowledge.thesaurus;
  const classifier = new Classifier(thesaurus);
  const passages = buildPassages(knowledge.documents, classifier);
  const index = new MiniSearch(miniSearchOptions());
  index.addAll(passages.map(indexDocument));

  const vocabulary: Record<string, VocabularyEntry> = {};
  const documentFrequency: Record<string, number> = {};
  for (const p of passages) {
    const doc = indexDocument(p);
    const stems = new Set<string>();
    for (const t of tokenize(`${doc.text} ${doc.context}`)) {
      if (STOP_WORDS.has(t.word)) continue;
      stems.add(stem(t.word));
      if (/^\p{L}{3,}$/u.test(t.word)) (vocabulary[t.word] ??= { count: 0 }).count++;
    }
    for (const pair of wordPairs(doc.pairs)) stems.add(pair);
    for (const s of stems) documentFrequency[s] = (documentFrequency[s] ?? 0) + 1;
  }
  // Thesaurus words are known words too, so "sallary" can be corrected to a word only the thesaurus has.
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
    figures: extractFigures(passages, classifier),
    index: index.toJSON(),
  };
}

export interface EngineOptions {
  /** How many recent questions' rankings to keep (0: rank every question afresh, as benchmarks do). */
  rankingCache?: number;
}

/** The engine at query time: engine data plus the structures derived from it. */
export class Engine {
  readonly passages: Passage[];
  readonly sources: Map<string, Source>;
  readonly thesaurus: Thesaurus;
  private readonly index: MiniSearch;
  private readonly classifier: Classifier;
  private readonly synonyms: PhraseMatcher<Phrase[]>;
  private readonly df: Record<string, number>;
  private readonly vocabulary: Record<string, VocabularyEntry>;
  /** Words the thesaurus knows (as typed and stemmed): never "corrected" into something else. */
  private readonly knownWords: Set<string>;
  private readonly thesaurusWords: string[];
  /** Known words in a radix tree, for bounded fuzzy lookup; built on the first misspelling. */
  private spellingTree: SearchableMap<number> | undefined;
  /** Recent rankings by query, oldest first. */
  private readonly rankingCacheSize: number;
  private readonly rankings = new Map<string, { ranked: Ranked[]; parsed: ParsedQuery }>();
  /** Misspelled word → its correction ('' for none), oldest first. */
  private readonly corrections = new Map<string, string>();
  /** Per-term postings with their scores, most recently used last. */
  private readonly postingCache = new Map<string, Postings>();
  /** Passage id → its position in `passages`. */
  private readonly indexOf: Map<string, number>;
  /** Per-passage accumulators reused by every ranking (word score, covered concepts). */
  private readonly accScore: Float64Array;
  private readonly accMask: Int32Array;
  private readonly touched: number[] = [];
  /** Passages about each topic, for the typed commands. */
  private readonly byTopic = new Map<string, Passage[]>();
  /** Word sets for near-duplicate detection, computed once per passage. */
  private readonly dedupWords = new Map<string, Set<string>>();

  constructor(
    readonly data: EngineData,
    options: EngineOptions = {},
  ) {
    this.rankingCacheSize = options.rankingCache ?? RANKING_CACHE_QUERIES;
    this.passages = data.passages;
    this.sources = new Map(data.sources.map((s) => [s.id, s]));
    this.thesaurus = data.thesaurus;
    this.index = MiniSearch.loadJS(
      data.index as Parameters<typeof MiniSearch.loadJS>[0],
      miniSearchOptions(),
    );
    this.indexOf = new Map(data.passages.map((p, i) => [p.id, i]));
    this.accScore = new Float64Array(data.passages.length);
    this.accMask = new Int32Array(data.passages.length);
    this.classifier = new Classifier(data.thesaurus);
    this.synonyms = new PhraseMatcher(data.thesaurus.synonyms.map((s) => ({ phrase: s.from, value: s.to })));
    this.df = data.documentFrequency;
    this.vocabulary = data.vocabulary;
    const phrases = [
      ...data.thesaurus.levels.map((l) => l.phrase),
      ...data.thesaurus.topics.map((t) => t.phrase),
      ...data.thesaurus.synonyms.flatMap((s) => [s.from, ...s.to]),
    ];
    this.knownWords = new Set(phrases.flat());
    this.thesaurusWords = [...this.knownWords].filter((w) => /^\p{L}{4,}$/u.test(w));
  }

  /** Every pay figure the passages quote. */
  get figures(): readonly Figure[] {
    return this.data.figures;
  }

  /** Changes whenever the knowledge changes an answer. */
  get fingerprint(): string {
    return this.data.fingerprint;
  }

  get passageCount(): number {
    return this.passages.length;
  }

  /** The levels a short phrase names ("entry-level" → junior), through the thesaurus. */
  levelsNamed(text: string): Level[] {
    const words = tokenize(text).map((t) => stem(t.word));
    return [...new Set(this.classifier.levelsAsked(words, text).map((m) => m.level))];
  }

  passage(id: string): Passage | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.passages[i];
  }

  /** How much a term is worth: words found in most passages ("machine learning engineer") count little. */
  private commonness(stemmed: string): number {
    const share = (this.df[stemmed] ?? 0) / Math.max(1, this.passages.length);
    if (share <= 0.1) return 1;
    if (share >= 0.4) return 0.2;
    return 1 - ((share - 0.1) / 0.3) * 0.8;
  }

  /**
   * Corrects a word that neither the documents nor the thesaurus know to the nearest known word:
   * one edit for words of 5–7 letters, two from 8. Short words and known words are left alone, so
   * only real misspellings are touched and the cost stays bounded by the vocabulary size.
   */
  correct(word: string): string | undefined {
    if (word.length < 5 || !/^\p{L}+$/u.test(word)) return undefined;
    // The same misspellings come back again and again: remember the last few thousand answers.
    const remembered = this.corrections.get(word);
    if (remembered !== undefined) return remembered || undefined;
    const fixed = this.nearestKnown(word);
    this.corrections.set(word, fixed ?? '');
    if (this.corrections.size > CORRECTION_CACHE_WORDS) {
      const oldest = this.corrections.keys().next();
      if (!oldest.done) this.corrections.delete(oldest.value);
    }
    return fixed;
  }

  private nearestKnown(word: string): string | undefined {
    const max = word.length >= 8 ? 2 : 1;
    // The radix tree yields every known word within two insertions, deletions or substitutions
    // without visiting the rest of the vocabulary; the exact (Damerau) distance then picks the best.
    let best: { word: string; distance: number; count: number } | undefined;
    for (const [candidate, [count]] of this.spelling().fuzzyGet(word, 2)) {
      const distance = editDistance(word, candidate, max);
      if (distance > max) continue;
      if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
        best = { word: candidate, distance, count };
      }
    }
    return best?.word;
  }

  private spelling(): SearchableMap<number> {
    if (!this.spellingTree) {
      const tree = new SearchableMap<number>();
      for (const [word, entry] of Object.entries(this.vocabulary)) tree.set(word, entry.count);
      for (const word of this.thesaurusWords) if (!tree.has(word)) tree.set(word, 1);
      this.spellingTree = tree;
    }
    return this.spellingTree;
  }

  /** Understands a question: levels, topics, search terms with weights, spelling corrections. */
  parse(query: Query): ParsedQuery {
    const corrections: ParsedQuery['corrections'] = [];
    const unknown: string[] = [];
    const tokens = tokenize(query.text);
    const words = tokens.map((t) => {
      if (STOP_WORDS.has(t.word)) return t.word;
      const s = stem(t.word);
      if ((this.df[s] ?? 0) > 0 || this.knownWords.has(s) || /\p{N}/u.test(t.word)) return s;
      const fixed = this.correct(t.word);
      if (fixed) {
        corrections.push({ from: t.word, to: fixed });
        return stem(fixed);
      }
      unknown.push(t.word);
      return s;
    });
    const corrected = new Set(corrections.map((c) => stem(c.to)));

    const levels = new Set<Level>(query.levels ?? []);
    const levelWords = new Set<number>();
    if (!query.levels?.length) {
      for (const m of this.classifier.levelsAsked(words, query.text)) {
        // "mentoring juniors", "managing seniors": people the asker works with, not the asker's level.
        const previous = words[m.start - 1];
        if (m.start > 0 && previous && PEOPLE_VERBS.has(previous)) continue;
        levels.add(m.level);
        for (let i = m.start; i >= 0 && i < m.end; i++) levelWords.add(i);
      }
    }
    const topics = new Map<string, number>();
    for (const m of this.classifier.topicMatches(words)) topics.set(m.topic, 1);
    if (query.topic) topics.set(query.topic, 2);

    const weights = new Map<string, number>();
    // Each typed word is a concept; a term found through it (synonym, joined form) serves that concept.
    const conceptOf = new Map<string, Set<number>>();
    const conceptWeight = new Map<number, number>();
    const add = (term: string, weight: number, concept: number) => {
      if (STOP_WORDS.has(term) || !(this.df[term] ?? 0)) return;
      const w = weight * this.commonness(term);
      if (w > (weights.get(term) ?? 0)) weights.set(term, w);
      let concepts = conceptOf.get(term);
      if (!concepts) conceptOf.set(term, (concepts = new Set()));
      concepts.add(concept);
      if (w > (conceptWeight.get(concept) ?? 0)) conceptWeight.set(concept, w);
    };
    words.forEach((w, i) => {
      if (STOP_WORDS.has(tokens[i]!.word)) return;
      const base = levelWords.has(i) ? LEVEL_WORD_WEIGHT : corrected.has(w) ? CORRECTION_WEIGHT : 1;
      add(w, base, i);
      // "data set" also finds "dataset": adjacent words joined, when the documents use the joined form.
      if (i + 1 < words.length) add(stem(tokens[i]!.word + tokens[i + 1]!.word), base, i);
    });
    const content = words.map((w, i) => ({ w, i })).filter(({ i }) => !STOP_WORDS.has(tokens[i]!.word));
    for (let k = 0; k + 1 < content.length; k++) {
      const a = content[k]!;
      const b = content[k + 1]!;
      const pair = `${a.w}_${b.w}`;
      if (!(this.df[pair] ?? 0)) continue;
      weights.set(pair, PAIR_WEIGHT);
      conceptOf.set(pair, new Set([a.i, b.i]));
    }
    for (const m of this.synonyms.match(words)) {
      const base = levelWords.has(m.start) ? LEVEL_WORD_WEIGHT : 1;
      for (const phrase of m.value) for (const term of phrase) add(term, base * SYNONYM_WEIGHT, m.start);
    }
    return { levels, topics, terms: weights, conceptOf, conceptWeight, corrections, unknown };
  }

  /**
   * How well a passage's levels fit the asked ones, as a factor and a tier: a passage about exactly
   * the asked level comes first among the relevant ones, then mixed, then general, then other levels.
   * A level chosen with an option excludes other levels more firmly than one read from a question.
   */
  private levelFit(p: Passage, levels: Set<Level>, explicit: boolean): { factor: number; tier: number } {
    // No level asked: the general answer (no level named) fits best, level-specific ones a little less.
    if (!levels.size) return { factor: p.levels.length ? LEVEL_SPECIFIC_UNASKED : 1, tier: 0 };
    if (!p.levels.length) return { factor: 0.8, tier: 2 };
    const matching = p.levels.filter((l) => levels.has(l)).length;
    if (!matching) return { factor: explicit ? 0.2 : 0.5, tier: 3 };
    return matching === p.levels.length ? { factor: 1.3, tier: 0 } : { factor: 1, tier: 1 };
  }

  private topicFactor(p: Passage, topics: Map<string, number>): number {
    if (!topics.size) return 1;
    let factor = 1;
    let any = false;
    for (const [topic, weight] of topics) {
      const strength = p.topics[topic] ?? 0;
      if (strength > 0) any = true;
      factor += (weight * Math.min(strength, 8)) / 8;
    }
    return any ? factor : 0.6;
  }

  /**
   * Ranks passages for a query, best first: word relevance (BM25 over text and headings) times
   * level and topic fit, then re-ordered for variety across sources, near-duplicates dropped.
   */
  rank(query: Query): { ranked: Ranked[]; parsed: ParsedQuery } {
    // The same questions come back (every /salary senior, every More and Back): remember recent rankings.
    if (!this.rankingCacheSize) return this.rankUncached(query);
    const key = `${query.topic ?? ''}|${(query.levels ?? []).join(',')}|${query.text}`;
    const cached = this.rankings.get(key);
    if (cached) {
      this.rankings.delete(key);
      this.rankings.set(key, cached);
      return cached;
    }
    const result = this.rankUncached(query);
    this.rankings.set(key, result);
    if (this.rankings.size > this.rankingCacheSize) {
      const oldest = this.rankings.keys().next();
      if (!oldest.done) this.rankings.delete(oldest.value);
    }
    return result;
  }

  private rankUncached(query: Query): { ranked: Ranked[]; parsed: ParsedQuery } {
    const parsed = this.parse(query);
    // After the word search, accScore holds each touched passage's word score (reset before returning).
    this.touched.length = 0;
    try {
      return this.rankWithScores(query, parsed);
    } finally {
      for (const i of this.touched) {
        this.accScore[i] = 0;
        this.accMask[i] = 0;
      }
      this.touched.length = 0;
    }
  }

  private rankWithScores(query: Query, parsed: ParsedQuery): { ranked: Ranked[]; parsed: ParsedQuery } {
    if (parsed.terms.size) {
      // Sum of each term's BM25 score times its weight (MiniSearch's OR), and the terms each passage
      // matched; the per-term postings come from a bounded cache, so frequent words cost a lookup.
      // Each typed word (concept) gets a bit; a passage's bits say which of them it covers. Questions
      // of more than 30 content words share bits (the coverage of the longest ones is approximate).
      const bitOf = new Map<number, number>();
      for (const c of parsed.conceptWeight.keys()) bitOf.set(c, bitOf.size % 30);
      const bitWeight = new Array<number>(30).fill(0);
      for (const [c, w] of parsed.conceptWeight)
        bitWeight[bitOf.get(c)!] = Math.max(bitWeight[bitOf.get(c)!]!, w);
      // Scores accumulate in arrays indexed by passage, reused by every question (no per-question maps).
      const { accScore, accMask, touched } = this;
      for (const [term, weight] of parsed.terms) {
        let mask = 0;
        for (const c of parsed.conceptOf.get(term) ?? NO_CONCEPTS) mask |= 1 << (bitOf.get(c) ?? 0);
        const list = this.postings(term);
        for (let k = 0; k < list.index.length; k++) {
          const i = list.index[k]!;
          if (i < 0) continue;
          if (accMask[i] === 0 && accScore[i] === 0) touched.push(i);
          accScore[i] = accScore[i]! + list.score[k]! * weight;
          accMask[i] = accMask[i]! | mask;
        }
      }
      let totalWeight = 0;
      for (const w of bitWeight) totalWeight += w;
      totalWeight ||= 1;
      for (const i of touched) {
        // Not multiplied by the number of terms matched (as MiniSearch does), which rewards piling up
        // weak synonyms, but by the share of the question's words (concepts) the passage covers.
        let coverage = 0;
        for (let bit = 0, mask = accMask[i]!; mask; bit++, mask >>>= 1)
          if (mask & 1) coverage += bitWeight[bit]!;
        accScore[i] = accScore[i]! * (coverage / totalWeight);
      }
    }

    const explicit = Boolean(query.levels?.length);
    let candidates: Ranked[] = [];
    if (query.topic) {
      // A typed command: every passage about the topic is a candidate; words only refine the order.
      let best = 1;
      for (const i of this.touched) best = Math.max(best, this.accScore[i]!);
      for (const p of this.aboutTopic(query.topic)) {
        const strength = p.topics[query.topic] ?? 0;
        const words = this.accScore[this.indexOf.get(p.id)!]! / best;
        const fit = this.levelFit(p, parsed.levels, explicit);
        candidates.push({
          passage: p,
          score: (0.5 + Math.min(strength, 8) / 8 + words) * fit.factor,
          tier: fit.tier,
        });
      }
    } else {
      for (const i of this.touched) {
        const p = this.passages[i];
        const s = this.accScore[i]!;
        if (!p) continue;
        const fit = this.levelFit(p, parsed.levels, explicit);
        candidates.push({
          passage: p,
          score: s * fit.factor * this.topicFactor(p, parsed.topics),
          tier: fit.tier,
        });
      }
    }
    const top = Math.max(0, ...candidates.map((c) => c.score));
    candidates = candidates.filter((c) => c.score >= top * RELATIVE_CUTOFF);
    // Tiers order only the clearly relevant passages; a weak one does not jump ahead for its level.
    for (const c of candidates) if (c.score < top * TIER_ELIGIBLE) c.tier = 4;
    // Only the head of the list is ever shown: re-rank a bounded number, whatever the corpus size.
    candidates.sort((a, b) => a.tier - b.tier || b.score - a.score || a.passage.order - b.passage.order);
    return { ranked: this.diversify(candidates.slice(0, MAX_RANKED)), parsed };
  }

  /** One term's BM25 score in each passage that has it (field boosts applied), cached. */
  private postings(term: string): Postings {
    const cached = this.postingCache.get(term);
    if (cached) {
      // Most recently used last, so the oldest entry is the one evicted.
      this.postingCache.delete(term);
      this.postingCache.set(term, cached);
      return cached;
    }
    const results: SearchResult[] = this.index.search(term, {
      boost: FIELD_BOOST,
      tokenize: (s: string) => [s],
      processTerm: (t: string) => t,
    });
    const list: Postings = { index: new Int32Array(results.length), score: new Float64Array(results.length) };
    results.forEach((r, i) => {
      list.index[i] = this.indexOf.get(String(r.id)) ?? -1;
      list.score[i] = r.score;
    });
    this.postingCache.set(term, list);
    if (this.postingCache.size > POSTING_CACHE_TERMS) {
      const oldest = this.postingCache.keys().next();
      if (!oldest.done) this.postingCache.delete(oldest.value);
    }
    return list;
  }

  private aboutTopic(topic: string): Passage[] {
    let list = this.byTopic.get(topic);
    if (!list) {
      list = this.passages.filter((p) => (p.topics[topic] ?? 0) > 0);
      this.byTopic.set(topic, list);
    }
    return list;
  }

  private wordsOf(p: Passage): Set<string> {
    let words = this.dedupWords.get(p.id);
    if (!words) {
      words = new Set(dedupKey(p.text).split(' '));
      this.dedupWords.set(p.id, words);
    }
    return words;
  }

  /**
   * Greedy re-ranking for variety: each result already taken from a document lowers that
   * document's next one; level tiers still come first; near-duplicate wording is dropped.
   */
  private diversify(candidates: Ranked[]): Ranked[] {
    // Within one document every candidate has the same decay, so the best of the whole pool is always
    // the best head of one document's queue: compare only the heads (documents, not passages).
    const queues = new Map<string, Ranked[]>();
    for (const c of candidates) {
      let queue = queues.get(c.passage.sourceId);
      if (!queue) queues.set(c.passage.sourceId, (queue = []));
      queue.push(c);
    }
    const better = (a: Ranked, b: Ranked) =>
      a.tier - b.tier || b.score - a.score || a.passage.order - b.passage.order;
    for (const queue of queues.values()) queue.sort(better);
    const heads = new Map<string, number>();
    const taken = new Map<string, number>();
    const out: Ranked[] = [];
    const keys: Array<Set<string>> = [];
    for (;;) {
      let best: Ranked | undefined;
      let bestScore = 0;
      let bestSource = '';
      for (const [source, queue] of queues) {
        const c = queue[heads.get(source) ?? 0];
        if (!c) continue;
        const score = c.score * SAME_SOURCE_DECAY ** (taken.get(source) ?? 0);
        if (
          !best ||
          c.tier < best.tier ||
          (c.tier === best.tier &&
            (score > bestScore || (score === bestScore && c.passage.order < best.passage.order)))
        ) {
          best = c;
          bestScore = score;
          bestSource = source;
        }
      }
      if (!best) break;
      heads.set(bestSource, (heads.get(bestSource) ?? 0) + 1);
      const words = this.wordsOf(best.passage);
      if (keys.some((k) => nearDuplicate(k, words))) continue;
      keys.push(words);
      taken.set(bestSource, (taken.get(bestSource) ?? 0) + 1);
      out.push({ passage: best.passage, score: bestScore, tier: best.tier });
    }
    return out;
  }
}

/**
 * Whether two word sets have a Jaccard similarity over NEAR_DUPLICATE. Sets whose sizes alone rule
 * it out are not compared, and the comparison stops as soon as too many words are missing.
 */
function nearDuplicate(a: Set<string>, b: Set<string>): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size < NEAR_DUPLICATE * large.size) return false;
  // shared / (|a| + |b| - shared) > t  ⇔  shared > t (|a| + |b|) / (1 + t)
  const needed = (NEAR_DUPLICATE * (small.size + large.size)) / (1 + NEAR_DUPLICATE);
  let missing = 0;
  const allowed = small.size - needed;
  for (const w of small) if (!large.has(w) && ++missing >= allowed) return false;
  return small.size - missing > needed;
}
