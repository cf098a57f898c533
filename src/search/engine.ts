import MiniSearch from 'minisearch';
import type { Figure } from '../knowledge/figures.js';
import { dedupKey } from '../knowledge/passages.js';
import { LEVELS, type Level, type Passage, type Source } from '../knowledge/types.js';
import { miniSearchOptions, type EngineData } from './buildIndex.js';
import { diversify, type Ranked } from './diversify.js';
import { centrality, headingMatch, kindFactor, levelFit, topicFactor } from './fit.js';
import { readIntent } from './intent.js';
import { QueryParser, type ParsedQuery, type Query } from './parseQuery.js';
import { lexicon } from './lexicon.js';
import { PostingCache } from './postings.js';
import { terms } from './text.js';
import { topK } from './topK.js';
import { rankingParams, withParams, type RankingParams } from './rankingParams.js';
import { SpellingCorrector } from './spelling.js';
import { thesaurusWords, type Thesaurus } from './thesaurus.js';

export { ENGINE_VERSION, buildEngineData, type EngineData } from './buildIndex.js';
export type { ParsedQuery, Query } from './parseQuery.js';
export type { Ranked } from './diversify.js';

/** How many candidates are re-ranked for variety and listed (paging goes no further). */
const MAX_RANKED = 50;
/** How many recent questions' rankings are kept (each is at most MAX_RANKED passages). */
const RANKING_CACHE_QUERIES = 512;
const NO_CONCEPTS: ReadonlySet<number> = new Set();
/** How many passages a reply shows first: coverage is judged on them. */
const SHOWN = 3;

/** What each word bit of a question means for coverage, and the whole question's meaning. */
interface Meaning {
  bits: number[];
  total: number;
  /** The missing words' weights: those naming a subject (a noun, another kind of person), and the rest. */
  missingSubject: number;
  missingOther: number;
  /** The weightiest missing subject word's weight over the question's meaning. */
  maxMissingSubject: number;
}

export interface Ranking {
  ranked: Ranked[];
  parsed: ParsedQuery;
  /** The share of the question's weighted content words the shown passages cover (1 for a typed command). */
  coverage: number;
  /** The no-match gate's probability that the reply answers the question (1 for a typed command). */
  confidence: number;
  /** What the gate read: coverage, missing subject share, other missing share, best passage's share, length, weightiest missing subject word, ln(1 + the first passage's word score). */
  gateInput?: readonly number[];
}

export interface EngineOptions {
  /** How many recent questions' rankings to keep (0: rank every question afresh, as benchmarks do). */
  rankingCache?: number;
  /** `false`: never answer "no good match" (for inspecting rankings). */
  gate?: boolean;
  /** Knobs of the ranking to use instead of the fitted ones (fitting and ablation). */
  params?: Partial<RankingParams>;
}

/**
 * The engine at query time: parses a question (parseQuery), scores passages by their words
 * (BM25 postings, coverage of the question's words), weighs level and topic fit (fit), and
 * re-ranks for variety (diversify). Rankings of recent questions are cached.
 */
export class Engine {
  readonly passages: Passage[];
  readonly sources: Map<string, Source>;
  readonly thesaurus: Thesaurus;
  private readonly parser: QueryParser;
  private readonly postings: PostingCache;
  /** Recent rankings by query, oldest first. */
  private readonly rankingCacheSize: number;
  private readonly gate: boolean;
  readonly params: RankingParams;
  private readonly rankings = new Map<string, Ranking>();
  /** Passage id → its position in `passages`. */
  private readonly indexOf: Map<string, number>;
  /** Per-passage accumulators reused by every ranking (word score, covered concepts). */
  private readonly accScore: Float64Array;
  private readonly accMask: Int32Array;
  /** Per-passage share of the question's weighted words it covers. */
  private readonly accShare: Float64Array;
  private readonly touched: number[] = [];
  /** Passages about each topic and their centrality, for the typed commands. */
  private readonly byTopic = new Map<string, { positions: number[]; central: Float64Array }>();
  /** Per-passage candidate score and level tier, reused by every ranking. */
  private readonly candScore: Float64Array;
  private readonly candTier: Uint8Array;
  /** Places and industries the figures are for, as search terms, and the passages quoting them. */
  private readonly figureSubjects: Array<{ terms: string[]; positions: Set<number> }>;
  /** Each passage's own heading as search terms, filled on first use. */
  private readonly ownHeading: Array<readonly string[] | undefined> = [];
  /** Each passage's levels as a 3-bit mask, for the level-fit table. */
  private readonly levelMask: Uint8Array;
  /** Word sets for near-duplicate detection, computed once per passage. */
  private readonly dedupWords = new Map<string, Set<string>>();

  constructor(
    readonly data: EngineData,
    options: EngineOptions = {},
  ) {
    this.rankingCacheSize = options.rankingCache ?? RANKING_CACHE_QUERIES;
    this.gate = options.gate ?? true;
    this.params = options.params ? withParams(options.params, rankingParams()) : rankingParams();
    this.passages = data.passages;
    this.sources = new Map(data.sources.map((s) => [s.id, s]));
    this.thesaurus = data.thesaurus;
    this.indexOf = new Map(data.passages.map((p, i) => [p.id, i]));
    this.accScore = new Float64Array(data.passages.length);
    this.accMask = new Int32Array(data.passages.length);
    this.accShare = new Float64Array(data.passages.length);
    this.candScore = new Float64Array(data.passages.length);
    this.candTier = new Uint8Array(data.passages.length);
    this.figureSubjects = figureSubjectsOf(data.figures, this.indexOf);
    this.levelMask = Uint8Array.from(data.passages, (p) =>
      p.levels.reduce((mask, l) => mask | (1 << LEVELS.indexOf(l)), 0),
    );
    this.postings = postingsOf(data, this.indexOf);
    // Thesaurus words are known words too, so "sallary" can be corrected to a word only the thesaurus has.
    const known = thesaurusWords(data.thesaurus);
    const corrector = new SpellingCorrector(
      data.vocabulary,
      [...known].filter((w) => /^\p{L}{4,}$/u.test(w)),
    );
    this.parser = new QueryParser({
      lexicon: () => lexicon(),
      vocabulary: data.vocabulary,
      specificity: data.specificity,
      thesaurusWords: known,
      thesaurus: data.thesaurus,
      documentFrequency: data.documentFrequency,
      passageCount: data.passages.length,
      corrector,
      acronyms: data.acronyms,
      params: this.params,
      modifiers: new Set(data.modifiers),
    });
  }

  /** Every pay figure the passages quote. */
  get figures(): readonly Figure[] {
    return this.data.figures;
  }

  /** Broken documents this engine was built without (a partial start), as `path:line: problem`. */
  get problems(): readonly string[] {
    return this.data.problems;
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
    return this.parser.levelsNamed(text);
  }

  /** The level a whole phrase names ("entry-level" → junior; "senior Seattle" → none). */
  levelOfPhrase(text: string): Level | undefined {
    return this.parser.levelOfPhrase(text);
  }

  passage(id: string): Passage | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.passages[i];
  }

  /** Understands a question: levels, topics, search terms with weights, spelling corrections. */
  parse(query: Query): ParsedQuery {
    return this.parser.parse(query);
  }

  /**
   * Ranks passages for a query, best first: word relevance (BM25 over text and headings) times
   * level and topic fit, then re-ordered for variety across sources, near-duplicates dropped.
   */
  rank(query: Query): Ranking {
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

  private rankUncached(query: Query): Ranking {
    if (query.topic) return this.rankOne(query);
    const parts = compoundParts(query.text);
    const whole = this.parse(query);
    const levels = query.levels?.length ? query.levels : [...whole.levels];
    if (parts.length > 1)
      return this.rankParts(
        whole,
        parts.map((text) => ({ ...query, text, ...(levels.length ? { levels } : {}) })),
      );
    // A comparison of two levels ("junior vs senior duties", "what does a senior own that a mid
    // doesn't"): each level's answer, interleaved, so the reply shows both sides.
    if (!query.levels?.length && levels.length === 2)
      return this.rankParts(
        whole,
        levels.map((level) => ({ ...query, levels: [level] })),
      );
    return this.rankOne(query);
  }

  /**
   * A question that asks two things ("what do juniors earn and what skills do they need?") or
   * compares two levels: each part is ranked on its own (the parts of a two-part question at the
   * levels the whole question names, so "they" stays junior), and their answers are interleaved,
   * so the reply's first passages answer both. A part the knowledge cannot answer leaves the other
   * answered, its missing words named in the notice.
   */
  private rankParts(whole: ParsedQuery, queries: Query[]): Ranking {
    const rankings = queries.map((q) => this.rankOne(q, false));
    const missing = new Map(rankings.flatMap((r) => r.parsed.missing).map((m) => [m.word, m]));
    const parsed: ParsedQuery = { ...whole, missing: [...missing.values()] };
    const ranked: Ranked[] = [];
    const seen = new Set<string>();
    for (let k = 0; ranked.length < MAX_RANKED && rankings.some((r) => k < r.ranked.length); k++)
      for (const r of rankings) {
        const next = r.ranked[k];
        if (next && !seen.has(next.passage.id)) {
          seen.add(next.passage.id);
          ranked.push(next);
        }
      }
    // The gate judges the whole question by the passages the reply would show for it.
    return this.withWordScores(whole, (meaning) => this.decide(ranked, parsed, meaning));
  }

  private rankOne(query: Query, gated = true): Ranking {
    const parsed = this.parse(query);
    return this.withWordScores(parsed, (meaning) => {
      const ranked = this.rankCandidates(query, parsed);
      // A typed command lists its topic's passages whatever its filter words.
      if (query.topic) return { ranked, parsed, coverage: 1, confidence: 1 };
      return gated ? this.decide(ranked, parsed, meaning) : { ranked, parsed, coverage: 1, confidence: 1 };
    });
  }

  /**
   * The no-match decision for a free question: answered when the gate, reading how well the
   * passages the reply shows cover the question, says so; otherwise the honest "no good match".
   */
  private decide(ranked: Ranked[], parsed: ParsedQuery, meaning: Meaning | undefined): Ranking {
    const coverage = meaning ? this.coverage(ranked, meaning) : parsed.missing.length ? 0 : 1;
    const gateInput = this.gateInput(ranked, coverage, meaning, parsed);
    const confidence = gateConfidence(gateInput, this.params);
    if (this.gate && confidence < this.params.gateThreshold)
      return { ranked: [], parsed, coverage, confidence, gateInput };
    return { ranked, parsed, coverage, confidence, gateInput };
  }

  /** Runs `fn` with the question's word scores in the per-passage accumulators, cleared after. */
  private withWordScores<T>(parsed: ParsedQuery, fn: (meaning: Meaning | undefined) => T): T {
    this.touched.length = 0;
    try {
      return fn(parsed.terms.size ? this.scoreWords(parsed) : undefined);
    } finally {
      for (const i of this.touched) {
        this.accScore[i] = 0;
        this.accMask[i] = 0;
        this.accShare[i] = 0;
      }
      this.touched.length = 0;
    }
  }

  /**
   * Sum of each term's BM25 score times its weight (MiniSearch's OR), scaled by the share of the
   * question's words each passage covers; left in accScore (and the words covered in accMask) for
   * the touched passages. Returns what each word means for judging coverage.
   */
  private scoreWords(parsed: ParsedQuery): Meaning {
    // Each typed word (concept) gets a bit; a passage's bits say which of them it covers. Questions
    // of more than 30 content words share bits (the coverage of the longest ones is approximate).
    const bitOf = new Map<number, number>();
    for (const c of parsed.conceptWeight.keys()) bitOf.set(c, bitOf.size % 30);
    const bitWeight = new Array<number>(30).fill(0);
    // For judging coverage, a word also counts by how specific it is in English ("salary" more than "get").
    const bitMeaning = new Array<number>(30).fill(0);
    for (const [c, w] of parsed.conceptWeight) {
      const bit = bitOf.get(c)!;
      bitWeight[bit] = Math.max(bitWeight[bit]!, w);
      bitMeaning[bit] = Math.max(bitMeaning[bit]!, w * (parsed.specificity.get(c) ?? 1));
    }
    // Scores accumulate in arrays indexed by passage, reused by every question (no per-question maps).
    const { accScore, accMask, touched } = this;
    for (const [term, weight] of parsed.terms) {
      let mask = 0;
      for (const c of parsed.conceptOf.get(term) ?? NO_CONCEPTS) mask |= 1 << (bitOf.get(c) ?? 0);
      const list = this.postings.get(term);
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
    let total = 0;
    for (const w of bitMeaning) total += w;
    let missingSubject = 0;
    let missingOther = 0;
    let maxMissingSubject = 0;
    for (const m of parsed.missing) {
      total += m.weight;
      if (m.kind === 'word' || m.kind === 'person' || m.kind === 'verb') {
        missingSubject += m.weight;
        maxMissingSubject = Math.max(maxMissingSubject, m.weight);
      } else missingOther += m.weight;
    }
    for (const i of touched) {
      // Not multiplied by the number of terms matched (as MiniSearch does), which rewards piling up
      // weak synonyms, but by the share of the question's words (concepts) the passage covers.
      let coverage = 0;
      for (let bit = 0, mask = accMask[i]!; mask; bit++, mask >>>= 1)
        if (mask & 1) coverage += bitWeight[bit]!;
      this.accShare[i] = coverage / totalWeight;
    }
    let present = 0;
    for (const w of bitMeaning) present = Math.max(present, w);
    return {
      bits: bitMeaning,
      total,
      missingSubject,
      missingOther,
      maxMissingSubject: maxMissingSubject / Math.max(maxMissingSubject, present, 1e-9),
    };
  }

  /**
   * The share of the question's meaning that the passages a reply shows cover together: the words
   * they hold (weighted by how specific each is) over all its content words, missing ones included.
   */
  private coverage(ranked: readonly Ranked[], meaning: Meaning): number {
    let mask = 0;
    for (const r of ranked.slice(0, SHOWN)) mask |= this.accMask[this.indexOf.get(r.passage.id)!]!;
    let covered = 0;
    for (let bit = 0; mask; bit++, mask >>>= 1) if (mask & 1) covered += meaning.bits[bit]!;
    return meaning.total ? covered / meaning.total : 0;
  }

  /**
   * The no-match gate: how likely the reply answers the question, a logistic function of how much
   * of its meaning the shown passages cover, how much of it no passage has (subject words apart
   * from the rest), and how much the best passage alone covers. Its weights are fitted.
   */
  private gateInput(
    ranked: readonly Ranked[],
    coverage: number,
    meaning: Meaning | undefined,
    parsed: ParsedQuery,
  ): number[] {
    const total = meaning?.total || 1;
    const first = ranked[0] ? this.indexOf.get(ranked[0].passage.id) : undefined;
    const best = first === undefined ? 0 : this.accShare[first]!;
    const bestWords = first === undefined ? 0 : this.accScore[first]!;
    const words = parsed.conceptWeight.size + parsed.missing.length;
    return [
      coverage,
      (meaning?.missingSubject ?? 0) / total,
      (meaning?.missingOther ?? 0) / total,
      best,
      Math.log1p(words),
      meaning?.maxMissingSubject ?? 0,
      Math.log1p(bestWords),
    ];
  }

  /** Word scores times level and topic fit, the noise cut off, level tiers first, then variety. */
  private rankCandidates(query: Query, parsed: ParsedQuery): Ranked[] {
    const { accScore, accShare, candScore, candTier } = this;
    const P = this.params;
    const fit = this.levelFitTable(parsed.levels, Boolean(query.levels?.length));
    // Candidates by position; scores and tiers in reused arrays (no object per candidate).
    const pool: number[] = [];
    if (query.topic) {
      // A typed command: every passage about the topic is a candidate; words only refine the order.
      let best = 1;
      for (const i of this.touched) best = Math.max(best, accScore[i]! * accShare[i]!);
      const { positions, central } = this.topicTable(query.topic);
      for (let k = 0; k < positions.length; k++) {
        const i = positions[k]!;
        const mask = this.levelMask[i]!;
        candScore[i] = (central[k]! + (accScore[i]! * accShare[i]!) / best) * fit.factor[mask]!;
        candTier[i] = fit.tier[mask]!;
        pool.push(i);
      }
    } else {
      const intent = readIntent(query.text, parsed.topics);
      // A place or industry the question names ("SF" through the thesaurus) that figures are given
      // for: the passages quoting those figures answer it more directly than those that mention it.
      const quoting = new Set<number>();
      for (const subject of this.figureSubjects)
        if (subject.terms.every((t) => parsed.terms.has(t)))
          for (const i of subject.positions) quoting.add(i);
      for (const i of this.touched) {
        const p = this.passages[i]!;
        const mask = this.levelMask[i]!;
        // Log-linear: each factor raised to its fitted exponent (all 1: the plain product).
        candScore[i] =
          pow(accScore[i]!, P.expWords) *
          pow(accShare[i]!, P.expCoverage) *
          pow(fit.factor[mask]!, P.expLevel) *
          pow(topicFactor(p, parsed.topics, P), P.expTopic) *
          pow(kindFactor(p, intent, P), P.expKind) *
          pow(headingMatch(this.headingWords(i), parsed.terms, P), P.expHeading) *
          (quoting.has(i) ? pow(P.figureSubject, P.expFigure) : 1) *
          this.roleFit(p.id, parsed.terms) *
          pow(P.firstPerson, p.features.firstPerson ?? 0);
        candTier[i] = fit.tier[mask]!;
        pool.push(i);
      }
    }
    let top = 0;
    for (const i of pool) top = Math.max(top, candScore[i]!);
    const kept = pool.filter((i) => candScore[i]! >= top * P.relativeCutoff);
    // Tiers order only the clearly relevant passages; a weak one does not jump ahead for its level.
    for (const i of kept) if (candScore[i]! < top * P.tierEligible) candTier[i] = 4;
    // Only the head of the list is ever shown: order a bounded number, whatever the corpus size.
    const head = topK(
      kept,
      MAX_RANKED,
      (a, b) =>
        candTier[a]! - candTier[b]! ||
        candScore[b]! - candScore[a]! ||
        this.passages[a]!.order - this.passages[b]!.order ||
        a - b,
    );
    return diversify(
      head.map((i) => ({ passage: this.passages[i]!, score: candScore[i]!, tier: candTier[i]! })),
      (p) => this.wordsOf(p),
      P,
    );
  }

  /**
   * Level fit for every combination of levels a passage can name (a 3-bit mask), for this
   * question's levels: a table lookup per candidate instead of a computation.
   */
  private levelFitTable(levels: ReadonlySet<Level>, explicit: boolean): { factor: number[]; tier: number[] } {
    const factor: number[] = [];
    const tier: number[] = [];
    for (let mask = 0; mask < 1 << LEVELS.length; mask++) {
      const fit = levelFit(levelsOfMask(mask), levels, explicit, this.params);
      factor.push(fit.factor);
      tier.push(fit.tier);
    }
    return { factor, tier };
  }

  /** Passages about a topic (positions) and their centrality for a typed command, computed once. */
  private topicTable(topic: string): { positions: number[]; central: Float64Array } {
    let table = this.byTopic.get(topic);
    if (!table) {
      const positions: number[] = [];
      this.passages.forEach((p, i) => {
        if ((p.topics[topic] ?? 0) > 0) positions.push(i);
      });
      const central = Float64Array.from(positions, (i) => centrality(this.passages[i]!, topic, this.params));
      table = { positions, central };
      this.byTopic.set(topic, table);
    }
    return table;
  }

  /**
   * A section about another job ("More Careers › Data Engineer" in a guide to ML engineers) answers
   * questions that name that job, not questions about the documents' own job that share a word.
   */
  private roleFit(id: string, questionTerms: ReadonlyMap<string, number>): number {
    const role = this.data.otherRoles[id];
    if (!role) return 1;
    return role.some((w) => questionTerms.has(w)) ? 1 : this.params.otherRole;
  }

  /** The search terms of a passage's own heading, computed once. */
  private headingWords(i: number): readonly string[] {
    let words = this.ownHeading[i];
    if (!words) {
      words = [...new Set(terms(this.passages[i]!.headingPath.at(-1) ?? ''))];
      this.ownHeading[i] = words;
    }
    return words;
  }

  private wordsOf(p: Passage): Set<string> {
    let words = this.dedupWords.get(p.id);
    if (!words) {
      words = new Set(dedupKey(p.text).split(' '));
      this.dedupWords.set(p.id, words);
    }
    return words;
  }
}

/** The no-match gate's probability from what it reads (Ranking.gateInput): a logistic function. */
export function gateConfidence(input: readonly number[], P: RankingParams): number {
  const [
    coverage = 0,
    missingSubject = 0,
    missingOther = 0,
    best = 0,
    length = 0,
    maxMissing = 0,
    words = 0,
  ] = input;
  const z =
    P.gateBias +
    P.gateCoverage * coverage +
    P.gateMissingSubject * missingSubject +
    P.gateMissingOther * missingOther +
    P.gateBestCoverage * best +
    P.gateLength * length +
    P.gateMaxMissing * maxMissing +
    P.gateBestScore * words;
  return 1 / (1 + Math.exp(-z));
}

/** x to the power e, exact for the usual e = 1. */
function pow(x: number, e: number): number {
  return e === 1 ? x : e === 0 ? 1 : x ** e;
}

/** Engines built from the same data (other parameters: fitting, ablation) share one loaded index. */
const sharedPostings = new WeakMap<EngineData, PostingCache>();

function postingsOf(data: EngineData, indexOf: ReadonlyMap<string, number>): PostingCache {
  let postings = sharedPostings.get(data);
  if (!postings) {
    const index = MiniSearch.loadJS(
      data.index as Parameters<typeof MiniSearch.loadJS>[0],
      miniSearchOptions(),
    );
    sharedPostings.set(data, (postings = new PostingCache(index, indexOf)));
  }
  return postings;
}

/** The levels a 3-bit mask stands for. */
function levelsOfMask(mask: number): Level[] {
  return LEVELS.filter((_, bit) => mask & (1 << bit));
}

/** The places and industries figures are given for, as search terms, with the passages quoting them. */
function figureSubjectsOf(
  figures: readonly Figure[],
  positionOf: ReadonlyMap<string, number>,
): Array<{ terms: string[]; positions: Set<number> }> {
  const subjects = new Map<string, { terms: string[]; positions: Set<number> }>();
  for (const f of figures) {
    for (const name of [f.place, f.industry]) {
      const words = name ? terms(name) : [];
      if (!words.length) continue;
      const key = words.join(' ');
      let subject = subjects.get(key);
      if (!subject) subjects.set(key, (subject = { terms: words, positions: new Set() }));
      const at = positionOf.get(f.passageId);
      if (at !== undefined) subject.positions.add(at);
    }
  }
  return [...subjects.values()];
}

/**
 * The parts of a question that asks two things: clauses joined by "and" before a question word
 * ("… earn and what skills do they need"), or separate questions ("What do they earn? How do I
 * start?"). Each part must have words of its own; otherwise the question is one part.
 */
export function compoundParts(text: string): string[] {
  const parts = text
    .split(
      /\?\s+(?=\S)|,?\s+\band\s+(?=(?:what|how|which|where|when|who|why|do|does|is|are|should|can|will|would)\b)/i,
    )
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.length > 4) return [text];
  return parts.every((p) => p.split(/\s+/).length >= 3) ? parts : [text];
}
