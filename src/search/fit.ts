import { LEVELS, spansLadder, type Level, type Passage } from '../knowledge/types.js';
import type { Intent } from './intent.js';
import { DEFAULT_PARAMS, type RankingParams } from './rankingParams.js';

/**
 * How well a passage's levels fit the asked ones, as a factor and a tier: a passage about exactly
 * the asked level comes first among the relevant ones, then mixed, then general, then other levels.
 * A level chosen with an option excludes other levels more firmly than one read from a question.
 */
export function levelFit(
  passageLevels: readonly Level[],
  levels: ReadonlySet<Level>,
  explicit: boolean,
  params: RankingParams = DEFAULT_PARAMS,
): { factor: number; tier: number } {
  // No level asked: the general answer (no level named) fits best, level-specific ones a little less.
  // A passage naming every level (a progression from junior to senior) is about all of them.
  if (!levels.size)
    return {
      factor: passageLevels.length && !spansLadder(passageLevels) ? params.levelUnaskedSpecific : 1,
      tier: 0,
    };
  if (!passageLevels.length) return { factor: params.levelGeneralWhenAsked, tier: 2 };
  const matching = passageLevels.filter((l) => levels.has(l)).length;
  if (!matching) return { factor: explicit ? params.levelOtherChosen : params.levelOtherAsked, tier: 3 };
  // A passage about the asked rung and the one above it is about the step up from it ("progress
  // to senior, lead or architect roles" for a senior): the asked rung's own.
  const stepUp = passageLevels.every(
    (l) => levels.has(l) || levels.has(LEVELS[LEVELS.indexOf(l) - 1] as Level),
  );
  return matching === passageLevels.length || stepUp
    ? { factor: params.levelExact, tier: 0 }
    : { factor: 1, tier: 1 };
}

/** How well a passage's topics fit the question's: more for each asked topic it is about, less for none. */
export function topicFactor(
  p: Passage,
  topics: ReadonlyMap<string, number>,
  params: RankingParams = DEFAULT_PARAMS,
): number {
  if (!topics.size) return 1;
  let factor = 1;
  let any = false;
  for (const [topic, weight] of topics) {
    const strength = p.topics[topic] ?? 0;
    if (strength > 0) any = true;
    factor += (weight * Math.min(strength, params.topicCap)) / params.topicCap;
  }
  return any ? factor : params.topicNone;
}

/**
 * How well a passage offers the kind of answer asked for, and how concrete it is: steps for a
 * "how do I…", names of courses and platforms for a "where can I learn…", figures for a "how
 * much…"; and for any question, facts (figures, names, list items) before general prose.
 */
export function kindFactor(p: Passage, intent: Intent, params: RankingParams = DEFAULT_PARAMS): number {
  const f = p.features;
  let factor = params.kindBase + params.kindConcrete * f.concrete;
  // An announcement of what follows answers nothing by itself.
  if (f.introOnly) factor *= params.introOnly;
  if (intent.steps) factor *= 1 + params.kindSteps * f.steps;
  if (intent.learn && ((p.topics.education ?? 0) > 0 || f.frame.includes('education')))
    factor *= 1 + params.kindLearn * Math.min(1, f.names / 4);
  if (intent.figures) factor *= 1 + params.kindFigures * Math.min(1, f.figures / 2);
  return factor;
}

/**
 * How central a topic is to a passage, for a typed command (/skills, /career): its heading or
 * lead-in names the topic, its words are about it, and it is concrete (a list of skills with
 * names, a salary passage with figures) rather than general encouragement.
 */
export function centrality(p: Passage, topic: string, params: RankingParams = DEFAULT_PARAMS): number {
  const framed = p.features.frame.includes(topic) ? params.centralFramed : 0;
  const central =
    params.centralBase +
    framed +
    Math.min(p.topics[topic] ?? 0, params.topicCap) / params.topicCap +
    params.centralConcrete * p.features.concrete;
  return p.features.introOnly ? central * params.introOnly : central;
}

/**
 * A passage whose own heading is what the question names ("what is a data engineer" and the
 * section "Data Engineer") comes before one whose heading only shares some of it ("Data
 * Engineering Team Lead"): up to 1.3 when every word of the heading is in the question.
 */
export function headingMatch(
  heading: readonly string[],
  questionTerms: ReadonlyMap<string, number>,
  params: RankingParams = DEFAULT_PARAMS,
): number {
  if (!heading.length) return 1;
  let shared = 0;
  for (const w of heading) if (questionTerms.has(w)) shared++;
  const share = shared / heading.length;
  return 1 + params.headingMatch * share * share;
}
