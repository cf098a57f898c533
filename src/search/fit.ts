import type { Level, Passage } from '../knowledge/types.js';

/** Weight of a passage about one level when the question names none. */
const LEVEL_SPECIFIC_UNASKED = 0.8;

/**
 * How well a passage's levels fit the asked ones, as a factor and a tier: a passage about exactly
 * the asked level comes first among the relevant ones, then mixed, then general, then other levels.
 * A level chosen with an option excludes other levels more firmly than one read from a question.
 */
export function levelFit(
  p: Passage,
  levels: ReadonlySet<Level>,
  explicit: boolean,
): { factor: number; tier: number } {
  // No level asked: the general answer (no level named) fits best, level-specific ones a little less.
  if (!levels.size) return { factor: p.levels.length ? LEVEL_SPECIFIC_UNASKED : 1, tier: 0 };
  if (!p.levels.length) return { factor: 0.8, tier: 2 };
  const matching = p.levels.filter((l) => levels.has(l)).length;
  if (!matching) return { factor: explicit ? 0.2 : 0.5, tier: 3 };
  return matching === p.levels.length ? { factor: 1.3, tier: 0 } : { factor: 1, tier: 1 };
}

/** How well a passage's topics fit the question's: more for each asked topic it is about, less for none. */
export function topicFactor(p: Passage, topics: ReadonlyMap<string, number>): number {
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
