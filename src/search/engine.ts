import { stem } from './text.js';
import type { Figure } from '../knowledge/figures.js';
import { LEVELS, type Level, type Passage, type Source } from '../knowledge/types.js';
import type { EngineData } from './buildIndex.js';
import { compoundParts, interleave } from './compound.js';
import { diversify, type Ranked } from './diversify.js';
import { gateConfidence, gateInput, type Meaning } from './gate.js';
import { PassageTables } from './passageTables.js';
import { centrality, headingMatch, kindFactor, levelFit, topicFactor } from './fit.js';
import { readIntent } from './intent.js';
import { QueryParser, type ParsedQuery, type Query } from './parseQuery.js';
import { lexicon } from './lexicon.js';
import { topK } from './topK.js';
import { LruMap } from '../util/lruMap.js';
import { rankingParams, withParams, type RankingParams } from './rankingParams.js';
import { SpellingCorrector } from './spelling.js';
import { thesaurusWords, type Thesaurus } from './thesaurus.js';
import { ALL_CURRENCY_WORDS } from '../knowledge/currencies.js';

export { ENGINE_VERSION, buildEngineData, type EngineData } from './buildIndex.js';
export type { ParsedQuery, Query } from './parseQuery.js';
export type { Ranked } from './diversify.js';
export { compoundParts } from './compound.js';
export { gateConfidence } from './gate.js';

/** How many candidates are re-ranked for variety and listed (paging goes no further). */
const MAX_RANKED = 50;
/** How many recent questions' rankings are kept (each is at most MAX_RANKED passages). */
const RANKING_CACHE_QUERIES = 512;
const NO_CONCEPTS: ReadonlySet<number> = new Set();
/** How many passages a reply shows first: coverage is judged on them. */
const SHOWN = 3;

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
  /** What the engine needs of each passage, built once per knowledge version. */
  private readonly tables: PassageTables;
  private readonly gate: boolean;
  readonly params: RankingParams;
  /** Recent rankings by query (capacity 0: none kept). */
  private readonly rankings: LruMap<string, Ranking>;
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
  /** Each passage's factor for telling one person's story (RankingParams.firstPerson), computed once. */
  private readonly storyFactor: Float64Array;

  constructor(
    readonly data: EngineData,
    options: EngineOptions = {},
  ) {
    this.rankings = new LruMap(options.rankingCache ?? RANKING_CACHE_QUERIES);
    this.gate = options.gate ?? true;
    this.params = options.params ? withParams(options.params, rankingParams()) : rankingParams();
    this.passages = data.passages;
    this.sources = new Map(data.sources.map((s) => [s.id, s]));
    this.thesaurus = data.thesaurus;
    this.tables = PassageTables.of(data);
    this.storyFactor = Float64Array.from(data.passages, (p) =>
      pow(this.params.firstPerson, p.features.firstPerson ?? 0),
    );
    this.accScore = new Float64Array(data.passages.length);
    this.accMask = new Int32Array(data.passages.length);
    this.accShare = new Float64Array(data.passages.length);
    this.candScore = new Float64Array(data.passages.length);
    this.candTier = new Uint8Array(data.passages.length);
    // Thesaurus words are known words too, so "sallary" can be corrected to a word only the thesaurus has;
    // so are the names of currencies ("lpa", "reais"): never corrected into another word.
    const known = thesaurusWords(data.thesaurus);
    for (const w of ALL_CURRENCY_WORDS) known.add(stem(w));
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
    const i = this.tables.indexOf.get(id);
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
    if (!this.rankings.capacity) return this.rankUncached(query);
    const key = `${query.topic ?? ''}|${(query.levels ?? []).join(',')}|${query.text}`;
    const cached = this.rankings.get(key);
    if (cached) return cached;
    const result = this.rankUncached(query);
    this.rankings.set(key, result);
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
    return this.rankOne(query, true, whole);
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
    const ranked = interleave(
      rankings.map((r) => r.ranked),
      MAX_RANKED,
    );
    // The gate judges the whole question by the passages the reply would show for it.
    return this.withWordScores(whole, (meaning) => this.decide(ranked, parsed, meaning));
  }

  private rankOne(query: Query, gated = true, asked = this.parse(query)): Ranking {
    return this.withWordScores(asked, (meaning) => {
      let parsed = asked;
      let ranked = this.rankCandidates(query, parsed);
      // No relevant passage at the asked rung ("staff" where the documents stop at senior): the
      // next rungs stand in for it, as the nearest answer the knowledge has.
      const standIn = ranked.some((r) => r.tier === 0) ? undefined : neighbourLevels(parsed.levels);
      if (standIn) {
        parsed = { ...parsed, levels: standIn };
        ranked = this.rankCandidates(query, parsed);
      }
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
    const first = ranked[0] ? this.tables.indexOf.get(ranked[0].passage.id) : undefined;
    const input = gateInput(
      coverage,
      meaning,
      parsed,
      first === undefined ? undefined : { share: this.accShare[first]!, words: this.accScore[first]! },
    );
    const confidence = gateConfidence(input, this.params);
    const refused =
      confidence < this.params.gateThreshold ||
      (this.params.focusRefuse > 0 && parsed.focusMissing >= this.params.focusRefuse);
    if (this.gate && refused) return { ranked: [], parsed, coverage, confidence, gateInput: input };
    return { ranked, parsed, coverage, confidence, gateInput: input };
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
      const list = this.tables.postings.get(term);
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
    for (const r of ranked.slice(0, SHOWN)) mask |= this.accMask[this.tables.indexOf.get(r.passage.id)!]!;
    let covered = 0;
    for (let bit = 0; mask; bit++, mask >>>= 1) if (mask & 1) covered += meaning.bits[bit]!;
    return meaning.total ? covered / meaning.total : 0;
  }

  /** Word scores times level and topic fit, the noise cut off, level tiers first, then variety. */
  private rankCandidates(query: Query, parsed: ParsedQuery): Ranked[] {
    const { accScore, accShare, candScore, candTier } = this;
    const P = this.params;
    const fit = this.levelFitTable(parsed.levels, Boolean(query.levels?.length));
    // Candidates by position; scores and tiers in reused arrays (no object per candidate).
    const pool: number[] = [];
    // A place or industry the question names ("SF" through the thesaurus) that figures are given
    // for: the passages quoting those figures answer it more directly than those that mention it.
    const quoting = new Set<number>();
    for (const subject of this.tables.figureSubjects)
      if (subject.terms.every((t) => parsed.terms.has(t))) for (const i of subject.positions) quoting.add(i);
    if (query.topic) {
      // A typed command: every passage about the topic is a candidate; words only refine the order.
      let best = 1;
      for (const i of this.touched) best = Math.max(best, accScore[i]! * accShare[i]!);
      const { positions, central } = this.topicTable(query.topic);
      for (let k = 0; k < positions.length; k++) {
        const i = positions[k]!;
        const mask = this.tables.levelMask[i]!;
        candScore[i] = (central[k]! + (accScore[i]! * accShare[i]!) / best) * fit.factor[mask]!;
        // "/salary location:Sydney": the passages quoting figures for it come before the rest.
        candTier[i] = Math.min(3, fit.tier[mask]! + (quoting.size && !quoting.has(i) ? 1 : 0));
        pool.push(i);
      }
    } else {
      const intent = readIntent(query.text, parsed.topics);
      for (const i of this.touched) {
        const p = this.passages[i]!;
        const mask = this.tables.levelMask[i]!;
        // Log-linear: each factor raised to its fitted exponent (all 1: the plain product).
        candScore[i] =
          pow(accScore[i]!, P.expWords) *
          pow(accShare[i]!, P.expCoverage) *
          pow(fit.factor[mask]!, P.expLevel) *
          pow(topicFactor(p, parsed.topics, P), P.expTopic) *
          pow(kindFactor(p, intent, P), P.expKind) *
          pow(headingMatch(this.tables.headingWords[i]!, parsed.terms, P), P.expHeading) *
          (quoting.has(i) ? P.figureSubject : 1) *
          this.roleFit(i, parsed.terms) *
          this.storyFactor[i]!;
        candTier[i] = fit.tier[mask]!;
        pool.push(i);
      }
    }
    let top = 0;
    for (const i of pool) top = Math.max(top, candScore[i]!);
    const kept = pool.filter((i) => candScore[i]! >= top * P.relativeCutoff);
    // Tiers order only the clearly relevant passages; a weak one does not jump ahead for its level.
    for (const i of kept) if (candScore[i]! < top * P.tierEligible) candTier[i] = 4;
    if (P.tierOvertake > 0) overtakeTiers(kept, candScore, candTier, P.tierOvertake);
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
      (p) => this.tables.wordsOf(p),
      P,
    );
  }

  /**
   * Level fit for every combination of levels a passage can name (a bit mask, one bit per rung), for this
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
  private roleFit(i: number, questionTerms: ReadonlyMap<string, number>): number {
    const role = this.tables.otherRoles[i];
    if (!role) return 1;
    return role.some((w) => questionTerms.has(w)) ? 1 : this.params.otherRole;
  }
}

/**
 * A candidate scoring `ratio` times the best candidate of every better tier joins the best of those
 * tiers, so a passage that plainly answers the question is not put behind weaker ones for its level.
 */
export function overtakeTiers(
  kept: readonly number[],
  score: Float64Array,
  tier: Uint8Array,
  ratio: number,
): void {
  const best = new Float64Array(5);
  for (const i of kept) best[tier[i]!] = Math.max(best[tier[i]!]!, score[i]!);
  for (const i of kept) {
    let joined = tier[i]!;
    for (let t = tier[i]! - 1; t >= 0; t--) {
      if (!best[t]) continue;
      if (score[i]! < ratio * best[t]!) break;
      joined = t;
    }
    tier[i] = joined;
  }
}

/** x to the power e, exact for the usual e = 1. */
function pow(x: number, e: number): number {
  return e === 1 || x === 1 ? x : e === 0 ? 1 : x ** e;
}

/** The asked levels with the rungs next to them, or undefined when none is asked. */
export function neighbourLevels(levels: ReadonlySet<Level>): Set<Level> | undefined {
  if (!levels.size) return undefined;
  const wider = new Set(levels);
  for (const l of levels) {
    const i = LEVELS.indexOf(l);
    for (const j of [i - 1, i + 1]) if (LEVELS[j]) wider.add(LEVELS[j]!);
  }
  return wider;
}

/** The levels a bit mask stands for. */
function levelsOfMask(mask: number): Level[] {
  return LEVELS.filter((_, bit) => mask & (1 << bit));
}
