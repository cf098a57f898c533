import { readFileSync } from 'node:fs';

/**
 * Every number the ranking and the no-match decision use, in one place, as data (like MiniSearch's
 * `defaultSearchOptions`). `DEFAULT_PARAMS` are the hand-set values the ranking started from;
 * `rankingParams()` is what the engine uses: those, overridden by the fitted values that
 * `npm run fit` writes to `ranking-weights.json` (with the hash of the judged questions they were
 * fitted on). An engine can be given any of them (`new Engine(data, { params })`) for fitting and
 * ablation.
 *
 * The score of a passage for a free question is log-linear: the product of its factors, each raised
 * to its exponent (`exp*`), so ln(score) = Σ exponent × ln(factor) is a weighted sum of features.
 * With every exponent 1 it is the product of factors the hand-set ranking used.
 */
export interface RankingParams {
  // ── What each word of a question weighs as a search term ──
  /** A typed two-word phrase the documents use, on top of its two words. */
  pairWeight: number;
  /** A word found only through the thesaurus, relative to a typed word. */
  synonymWeight: number;
  /** A spelling correction: sure enough to search, not as sure as a typed word. */
  correctionWeight: number;
  /** Level words themselves: the level is applied by level fit, not by word matching. */
  levelWordWeight: number;
  /** A short word read as an abbreviation or acronym of the documents' words (a guess, said in a notice). */
  abbreviationWeight: number;
  /** A word of a sentence that tells rather than asks, in a message that also asks ("I teach maths. What…?"). */
  contextWeight: number;
  /** Words in at most this share of passages weigh fully … */
  commonLow: number;
  /** … words in at least this share weigh `commonFloor`; linear between. */
  commonHigh: number;
  commonFloor: number;

  // ── What a word the knowledge lacks weighs against the question's coverage ──
  /** A place the sources do not cover: the rest is answered, with a notice. */
  missingPlace: number;
  /** A currency or unit: the same. */
  missingUnit: number;
  /** Another kind of person ("nurse salary"): another subject. */
  missingPerson: number;
  /** A kind of person the asker is or was ("I'm a teacher…"): background. */
  missingBackground: number;
  /** A number, or a one- or two-letter word. */
  missingDetail: number;
  /** A noun, or a word WordNet lacks: what the question is about. */
  missingSubject: number;
  /** A verb the sources lack ("negotiate", "happens"). */
  missingVerb: number;
  /** An adjective or adverb the sources lack ("compulsory", "actually", "cooked"): how it is asked, not what. */
  missingModifier: number;
  /** Words in at least this share of passages name what the documents are about (their field). */
  domainShare: number;
  /** How much a word present in the documents but not a noun ("good", "worth", "possible") weighs in the question's meaning. */
  modifierMeaning: number;

  // ── Level fit ──
  /** A passage about some levels when the question names none. */
  levelUnaskedSpecific: number;
  /** A passage naming no level when the question names one. */
  levelGeneralWhenAsked: number;
  /** A passage about other levels only, the level read from the question … */
  levelOtherAsked: number;
  /** … or chosen with a command option. */
  levelOtherChosen: number;
  /** A passage about exactly the asked levels. */
  levelExact: number;
  /** Passages at least this share of the best score are ordered by level tier first. */
  tierEligible: number;
  /**
   * A passage scoring this many times the best of the better-fitting tiers is ordered with them: the
   * level is a preference among comparable answers, not a wall (0: tiers always come first).
   */
  tierOvertake: number;

  // ── Topic, kind of answer, heading ──
  /** A passage about none of the question's topics. */
  topicNone: number;
  /** Topic strength counted up to this many matches. */
  topicCap: number;
  /** Kind of answer: base factor, plus this much for a fully concrete passage (figures, names, list items). */
  kindBase: number;
  kindConcrete: number;
  /** An announcement of what follows ("consider these best practices:"). */
  introOnly: number;
  /** A "how do I" question and a passage of steps. */
  kindSteps: number;
  /** A "where can I learn" question and a passage naming courses and platforms. */
  kindLearn: number;
  /** A "how much" question and a passage of figures. */
  kindFigures: number;
  /** A passage whose own heading is what the question names, at most. */
  headingMatch: number;
  /** A passage quoting a figure for the place or industry asked about ("SF comp" → the San Francisco figure). */
  figureSubject: number;
  /** A section about another job than its document's, for a question that does not name that job. */
  otherRole: number;
  /** A passage telling one person's story ("I", "my"): this factor to the power of how much it is. */
  firstPerson: number;
  /** Centrality for a typed command: base, framed by the topic, topic words, concreteness. */
  centralBase: number;
  centralFramed: number;
  centralConcrete: number;

  // ── The exponents of the log-linear score ──
  expWords: number;
  expCoverage: number;
  expLevel: number;
  expTopic: number;
  expKind: number;
  expHeading: number;

  // ── Cut-offs and variety ──
  /** Results under this share of the best score are noise. */
  relativeCutoff: number;
  /** Passages sharing more than this share of their words are the same answer twice. */
  nearDuplicate: number;
  /** Each earlier result from one document lowers its next one by this factor. */
  sameSourceDecay: number;

  // ── The no-match decision (a logistic gate over the question's coverage and its missing words) ──
  /** Intercept and weights of the gate; a free question is answered when the probability ≥ `gateThreshold`. */
  gateBias: number;
  gateCoverage: number;
  gateMissingSubject: number;
  gateMissingOther: number;
  gateBestCoverage: number;
  /** Weight of the question's length (ln(1 + content words)): a long question covers less of itself. */
  gateLength: number;
  /** Weight of the weightiest missing subject word, relative to the weightiest word of the question (0–1). */
  gateMaxMissing: number;
  /** Weight of ln(1 + the first passage's BM25 word score): how strongly its words match. */
  gateBestScore: number;
  /** Weight of a missing word the question asks for by name ("best *books*", "how much *penalty*"). */
  gateFocusMissing: number;
  gateThreshold: number;
  /** A question whose asked-for word is missing and at least this specific is refused (0: the gate alone decides). */
  focusRefuse: number;
}

export const DEFAULT_PARAMS: Readonly<RankingParams> = Object.freeze({
  pairWeight: 0.8,
  synonymWeight: 0.5,
  correctionWeight: 0.9,
  levelWordWeight: 0.3,
  abbreviationWeight: 0.7,
  contextWeight: 1,
  commonLow: 0.1,
  commonHigh: 0.4,
  commonFloor: 0.2,
  missingPlace: 0.3,
  missingUnit: 0.3,
  missingPerson: 1.5,
  missingBackground: 0.3,
  missingDetail: 0.4,
  missingSubject: 1,
  missingVerb: 1,
  missingModifier: 1,
  domainShare: 0.3,
  modifierMeaning: 1,
  levelUnaskedSpecific: 0.8,
  levelGeneralWhenAsked: 0.8,
  levelOtherAsked: 0.5,
  levelOtherChosen: 0.2,
  levelExact: 1.3,
  tierEligible: 0.35,
  tierOvertake: 2,
  topicNone: 0.6,
  topicCap: 8,
  kindBase: 0.85,
  kindConcrete: 0.3,
  introOnly: 0.5,
  kindSteps: 0.35,
  kindLearn: 0.4,
  kindFigures: 0.4,
  headingMatch: 0.3,
  figureSubject: 1.5,
  otherRole: 1,
  firstPerson: 1,
  centralBase: 0.3,
  centralFramed: 0.6,
  centralConcrete: 0.6,
  expWords: 1,
  expCoverage: 1,
  expLevel: 1,
  expTopic: 1,
  expKind: 1,
  expHeading: 1,
  relativeCutoff: 0.2,
  nearDuplicate: 0.85,
  sameSourceDecay: 0.82,
  // The hand-set gate: answered when coverage ≥ 0.5 (a steep logistic centred there).
  gateBias: -25,
  gateCoverage: 50,
  gateMissingSubject: 0,
  gateMissingOther: 0,
  gateBestCoverage: 0,
  gateLength: 0,
  gateMaxMissing: 0,
  gateBestScore: 0,
  gateFocusMissing: 0,
  gateThreshold: 0.5,
  focusRefuse: 1,
});

/** The range each knob may take when fitted: [min, max]. */
export const PARAM_RANGES: Readonly<Record<keyof RankingParams, readonly [number, number]>> = {
  pairWeight: [0, 2],
  synonymWeight: [0, 1],
  correctionWeight: [0.3, 1],
  levelWordWeight: [0, 1],
  abbreviationWeight: [0.3, 1],
  contextWeight: [0, 1],
  commonLow: [0.02, 0.3],
  commonHigh: [0.2, 0.8],
  commonFloor: [0, 1],
  missingPlace: [0, 1],
  missingUnit: [0, 1],
  missingPerson: [0.5, 3],
  missingBackground: [0, 1],
  missingDetail: [0, 1],
  missingSubject: [0.5, 3],
  missingVerb: [0, 2],
  missingModifier: [0, 1],
  domainShare: [0.1, 0.6],
  modifierMeaning: [0, 1],
  levelUnaskedSpecific: [0.3, 1],
  levelGeneralWhenAsked: [0.3, 1],
  levelOtherAsked: [0.05, 1],
  levelOtherChosen: [0.05, 1],
  levelExact: [1, 3],
  tierEligible: [0, 1],
  tierOvertake: [0, 10],
  topicNone: [0.1, 1],
  topicCap: [1, 16],
  kindBase: [0.5, 1],
  kindConcrete: [0, 1],
  introOnly: [0.1, 1],
  kindSteps: [0, 1.5],
  kindLearn: [0, 1.5],
  kindFigures: [0, 1.5],
  headingMatch: [0, 1.5],
  figureSubject: [1, 3],
  otherRole: [0.05, 1],
  firstPerson: [0.05, 1],
  centralBase: [0, 1],
  centralFramed: [0, 1.5],
  centralConcrete: [0, 1.5],
  expWords: [0, 2],
  expCoverage: [0, 3],
  expLevel: [0, 3],
  expTopic: [0, 3],
  expKind: [0, 3],
  expHeading: [0, 3],
  relativeCutoff: [0.05, 0.5],
  nearDuplicate: [0.6, 0.95],
  sameSourceDecay: [0.5, 1],
  gateBias: [-60, 60],
  gateCoverage: [-100, 100],
  gateMissingSubject: [-100, 100],
  gateMissingOther: [-100, 100],
  gateBestCoverage: [-100, 100],
  gateLength: [-100, 100],
  gateMaxMissing: [-100, 100],
  gateBestScore: [-100, 100],
  gateFocusMissing: [-100, 100],
  gateThreshold: [0, 1],
  focusRefuse: [0, 1],
};

/** The fitted weights file: which knobs were fitted, to what, on which judged data. */
export interface FittedWeights {
  /** Bumped when the parameters change meaning: an older file is ignored. */
  version: number;
  /** sha256 of the judged files and knowledge the weights were fitted on (`npm run fit` prints it). */
  dataHash: string;
  fittedOn: string[];
  /**
   * When only the gate was refitted (`npm run fit -- --gate-only`): the data the ranking knobs kept
   * from the file before were fitted on (`fittedOn` and `dataHash` are then the gate's).
   */
  ranking?: { dataHash: string; fittedOn: string[] };
  params: Partial<RankingParams>;
}

export const WEIGHTS_VERSION = 1;

let fitted: RankingParams | undefined;

/** The parameters the engine uses: the defaults, overridden by the fitted weights shipped with the code. */
export function rankingParams(): RankingParams {
  if (fitted) return fitted;
  let params: Partial<RankingParams> = {};
  // Beside this module in src/, or in src/ seen from the built dist/src/search/.
  for (const at of ['./ranking-weights.json', '../../../src/search/ranking-weights.json']) {
    try {
      const file = JSON.parse(readFileSync(new URL(at, import.meta.url), 'utf8')) as FittedWeights;
      if (file.version === WEIGHTS_VERSION) params = file.params;
      break;
    } catch {
      // Not there (or unreadable): the next place, else the hand-set defaults.
    }
  }
  fitted = withParams(params);
  return fitted;
}

/** The defaults with some knobs set; unknown keys and out-of-range values are refused. */
export function withParams(
  overrides: Partial<RankingParams> = {},
  base: RankingParams = DEFAULT_PARAMS,
): RankingParams {
  const out: RankingParams = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const range = PARAM_RANGES[key as keyof RankingParams];
    if (!range) throw new Error(`unknown ranking parameter "${key}"`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1])
      throw new Error(
        `ranking parameter "${key}" must be a number from ${range[0]} to ${range[1]}, not ${String(value)}`,
      );
    out[key as keyof RankingParams] = value;
  }
  return out;
}
