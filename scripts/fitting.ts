/**
 * Fitting the ranking's knobs and the no-match gate on judged questions (used by `npm run fit`,
 * `npm run ablate`). The ranking is fitted listwise by coordinate ascent on the judged metric
 * itself (each set's facet recall in the top k, an honest no-match counting 1, as eval.mjs scores
 * it; sets weigh equally, so every author's voice counts the same), one knob at a time over a few
 * candidate values, a change kept only when it gains more than `MIN_GAIN` (a tie keeps the
 * hand-set value). The gate is a cost-weighted logistic regression on what it reads.
 */
import type { JudgedQuestion } from './judge.js';
import { Engine, gateConfidence } from '../src/search/engine.js';
import { DEFAULT_PARAMS, PARAM_RANGES, type RankingParams } from '../src/search/rankingParams.js';
import { careerbot, mean, scoreSet, type LoadedSet, type SetScore } from './judged.js';

/** A change of a knob is kept only when the objective gains more than this (about one facet in 400). */
const MIN_GAIN = 0.0015;
/** The share of answerable questions the gate may refuse on the training questions. */
export const MAX_FALSE_REFUSAL = 0.02;

/** The knobs the ranking fit moves (the gate's are fitted by regression, the rest stay as set). */
export const RANKING_KNOBS: ReadonlyArray<keyof RankingParams> = [
  'expWords',
  'expCoverage',
  'expLevel',
  'expTopic',
  'expKind',
  'expHeading',
  'pairWeight',
  'synonymWeight',
  'correctionWeight',
  'levelWordWeight',
  'abbreviationWeight',
  'contextWeight',
  'commonFloor',
  'missingPlace',
  'missingUnit',
  'missingPerson',
  'missingBackground',
  'missingDetail',
  'missingSubject',
  'missingVerb',
  'missingModifier',
  'modifierMeaning',
  'levelUnaskedSpecific',
  'levelGeneralWhenAsked',
  'levelOtherAsked',
  'levelExact',
  'tierEligible',
  'topicNone',
  'kindConcrete',
  'introOnly',
  'kindSteps',
  'kindLearn',
  'kindFigures',
  'headingMatch',
  'figureSubject',
  'otherRole',
  'firstPerson',
  'centralFramed',
  'centralConcrete',
  'relativeCutoff',
  'sameSourceDecay',
];

export const GATE_KNOBS = [
  'gateBias',
  'gateCoverage',
  'gateMissingSubject',
  'gateMissingOther',
  'gateBestCoverage',
  'gateLength',
  'gateMaxMissing',
  'gateBestScore',
  'gateFocusMissing',
  'gateThreshold',
] as const satisfies ReadonlyArray<keyof RankingParams>;

/** One set's value for the objective: recall (eval.mjs), a little hit@1, wrong levels and duplicates cost. */
export function setValue(s: SetScore): number {
  const n = Math.max(1, s.answerable);
  return s.recall + (0.1 * s.hit1) / n - (0.5 * s.wrongLevelFirst) / n - (0.5 * s.duplicates) / n;
}

export function evaluate(
  sets: readonly LoadedSet[],
  params: RankingParams,
): { value: number; scores: SetScore[] } {
  const scores = sets.map((set) => scoreSet(set.questions, careerbot(set.data, params)));
  return { value: mean(scores.map(setValue)), scores };
}

function candidates(key: keyof RankingParams, value: number): number[] {
  const [lo, hi] = PARAM_RANGES[key];
  const raw = key.startsWith('exp')
    ? [key === 'expWords' ? 0.25 : 0, 0.5, 0.75, 1.25, 1.5, 2]
    : [value * 0.5, value * 0.75, value * 1.25, value * 1.5, value === 0 ? 0.25 : value * 2, lo, hi];
  const out = raw.map((v) => Math.round(Math.min(hi, Math.max(lo, v)) * 1000) / 1000);
  return [...new Set(out)].filter((v) => v !== value);
}

/** Coordinate ascent over the ranking knobs; returns the fitted parameters. */
export function fitRanking(
  sets: readonly LoadedSet[],
  start: RankingParams,
  passes: number,
  log: (line: string) => void = () => {},
): RankingParams {
  let params = { ...start };
  let best = evaluate(sets, params).value;
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (const key of RANKING_KNOBS) {
      let bestValue = params[key];
      let bestScore = best;
      for (const v of candidates(key, params[key])) {
        const tried = { ...params, [key]: v };
        if (tried.commonLow >= tried.commonHigh) continue;
        const value = evaluate(sets, tried).value;
        if (value > bestScore + MIN_GAIN) {
          bestScore = value;
          bestValue = v;
        }
      }
      if (bestValue !== params[key]) {
        log(`  ${key}: ${params[key]} → ${bestValue} (${best.toFixed(4)} → ${bestScore.toFixed(4)})`);
        params = { ...params, [key]: bestValue };
        best = bestScore;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return params;
}

interface GateSample {
  x: readonly number[];
  /** 1: the question is answerable (answering it scores `gain`); 0: the knowledge cannot answer it. */
  y: number;
  gain: number;
}

/** What the gate reads for each free question of the sets, and what answering it would score. */
export function gateSamples(sets: readonly LoadedSet[], params: RankingParams): GateSample[] {
  const samples: GateSample[] = [];
  for (const set of sets) {
    const engine = new Engine(set.data, { rankingCache: 0, gate: false, params });
    // What each question scores when it is answered (the gate off).
    const ungated = scoreSet(set.questions, careerbot(set.data, params, false));
    set.questions.forEach((q, i) => {
      const text = freeText(q);
      if (text === undefined) return;
      const ranking = engine.rank({ text });
      if (!ranking.gateInput) return;
      samples.push({ x: ranking.gateInput, y: q.noMatch ? 0 : 1, gain: q.noMatch ? 1 : ungated.each[i]! });
    });
  }
  return samples;
}

/** The free text of an `/ask` question (typed commands are never gated). */
function freeText(q: JudgedQuestion): string | undefined {
  const m = /^\/ask\s+(?:question:)?(.*)$/is.exec(q.q.trim());
  return m?.[1]?.trim() || undefined;
}

/**
 * The gate: a logistic regression of "answerable" on what the gate reads, each answerable question
 * weighted by what answering it scores (plus a floor: refusing one is a false refusal whatever its
 * answer), each unanswerable one by 1. Its threshold is the one that scores best on the training
 * questions while refusing at most MAX_FALSE_REFUSAL of the answerable ones.
 */
export function fitGate(samples: readonly GateSample[]): Partial<RankingParams> {
  const dims = samples[0]?.x.length ?? 4;
  const w = new Array<number>(dims + 1).fill(0);
  const weightOf = (s: GateSample) => (s.y ? 0.2 + s.gain : 1);
  const totalWeight = samples.reduce((a, s) => a + weightOf(s), 0) || 1;
  const lambda = 1e-3;
  for (let iter = 0; iter < 4000; iter++) {
    const grad = new Array<number>(dims + 1).fill(0);
    for (const s of samples) {
      let z = w[0]!;
      for (let d = 0; d < dims; d++) z += w[d + 1]! * s.x[d]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - s.y) * weightOf(s);
      grad[0]! += g;
      for (let d = 0; d < dims; d++) grad[d + 1]! += g * s.x[d]!;
    }
    for (let d = 0; d <= dims; d++) w[d]! -= 2 * (grad[d]! / totalWeight + (d ? lambda * w[d]! : 0));
  }
  const clamp = (key: keyof RankingParams, v: number) =>
    Math.round(Math.min(PARAM_RANGES[key][1], Math.max(PARAM_RANGES[key][0], v)) * 1000) / 1000;
  const gate: Partial<RankingParams> = {
    gateBias: clamp('gateBias', w[0]!),
    gateCoverage: clamp('gateCoverage', w[1]!),
    gateMissingSubject: clamp('gateMissingSubject', w[2]!),
    gateMissingOther: clamp('gateMissingOther', w[3]!),
    gateBestCoverage: clamp('gateBestCoverage', w[4]!),
    gateLength: clamp('gateLength', w[5]!),
    gateMaxMissing: clamp('gateMaxMissing', w[6]!),
    gateBestScore: clamp('gateBestScore', w[7]!),
    gateFocusMissing: clamp('gateFocusMissing', w[8]!),
  };
  const withGate = { ...DEFAULT_PARAMS, ...gate };
  const answerable = samples.filter((s) => s.y).length || 1;
  let best = { threshold: 0.5, value: -Infinity };
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    let value = 0;
    let refused = 0;
    for (const s of samples) {
      const answered = gateConfidence(s.x, withGate) >= t;
      if (s.y && !answered) refused++;
      value += s.y ? (answered ? s.gain : 0) : answered ? 0 : 1;
    }
    if (refused / answerable <= MAX_FALSE_REFUSAL && value > best.value) best = { threshold: t, value };
  }
  gate.gateThreshold = Math.round(best.threshold * 100) / 100;
  return gate;
}

/** The whole fit: the gate, the ranking with that gate, then the gate again for the fitted ranking. */
export function fitAll(
  sets: readonly LoadedSet[],
  passes: number,
  log: (line: string) => void = () => {},
): RankingParams {
  let params: RankingParams = { ...DEFAULT_PARAMS };
  params = { ...params, ...fitGate(gateSamples(sets, params)) };
  log(`gate: ${GATE_KNOBS.map((k) => `${k} ${params[k]}`).join(', ')}`);
  for (let round = 0; round < 2; round++) {
    params = fitRanking(sets, params, passes, log);
    params = { ...params, ...fitGate(gateSamples(sets, params)) };
    log(`gate: ${GATE_KNOBS.map((k) => `${k} ${params[k]}`).join(', ')}`);
  }
  return params;
}

/** The knobs that differ from the hand-set defaults. */
export function changedFromDefaults(params: RankingParams): Partial<RankingParams> {
  const out: Partial<RankingParams> = {};
  for (const key of Object.keys(params) as Array<keyof RankingParams>)
    if (params[key] !== DEFAULT_PARAMS[key]) out[key] = params[key];
  return out;
}
