import type { ParsedQuery } from './parseQuery.js';
import type { RankingParams } from './rankingParams.js';

/** What each word bit of a question means for coverage, and the whole question's meaning. */
export interface Meaning {
  bits: number[];
  total: number;
  /** The missing words' weights: those naming a subject (a noun, another kind of person), and the rest. */
  missingSubject: number;
  missingOther: number;
  /** The weightiest missing subject word's weight over the question's meaning. */
  maxMissingSubject: number;
}

/**
 * What the no-match gate reads of a question and the reply it would get: how much of its meaning
 * the shown passages cover, how much of it no passage has (subject words apart from the rest), how
 * much the first passage alone covers and how strongly its words match, and the question's length.
 */
export function gateInput(
  coverage: number,
  meaning: Meaning | undefined,
  parsed: ParsedQuery,
  first: { share: number; words: number } | undefined,
): number[] {
  const total = meaning?.total || 1;
  const words = parsed.conceptWeight.size + parsed.missing.length;
  return [
    coverage,
    (meaning?.missingSubject ?? 0) / total,
    (meaning?.missingOther ?? 0) / total,
    first?.share ?? 0,
    Math.log1p(words),
    meaning?.maxMissingSubject ?? 0,
    Math.log1p(first?.words ?? 0),
    parsed.focusMissing,
  ];
}

/** The no-match gate's probability that the reply answers the question: a logistic function of its input. */
export function gateConfidence(input: readonly number[], P: RankingParams): number {
  const [
    coverage = 0,
    missingSubject = 0,
    missingOther = 0,
    best = 0,
    length = 0,
    maxMissing = 0,
    words = 0,
    focusMissing = 0,
  ] = input;
  const z =
    P.gateBias +
    P.gateCoverage * coverage +
    P.gateMissingSubject * missingSubject +
    P.gateMissingOther * missingOther +
    P.gateBestCoverage * best +
    P.gateLength * length +
    P.gateMaxMissing * maxMissing +
    P.gateBestScore * words +
    P.gateFocusMissing * focusMissing;
  return 1 / (1 + Math.exp(-z));
}
