import { describe, expect, it } from 'vitest';
import { diversify, nearDuplicate, type Ranked } from '../src/search/diversify.js';
import type { Passage } from '../src/knowledge/types.js';
import { overtakeTiers } from '../src/search/engine.js';

function passage(id: string, sourceId: string, text: string, order = 0): Passage {
  return {
    id,
    sourceId,
    headingPath: [],
    text,
    line: 1,
    levels: [],
    topics: {},
    order,
    features: { frame: [], concrete: 0, steps: 0, figures: 0, names: 0 },
  };
}
const words = (p: Passage) => new Set(p.text.toLowerCase().split(/\s+/));

describe('diversify', () => {
  it('alternates sources when scores are close, and keeps level tiers first', () => {
    const ranked: Ranked[] = [
      { passage: passage('a1', 'a', 'alpha one', 0), score: 10, tier: 0 },
      { passage: passage('a2', 'a', 'alpha two', 1), score: 9.5, tier: 0 },
      { passage: passage('b1', 'b', 'beta one', 0), score: 9, tier: 0 },
      { passage: passage('c1', 'c', 'gamma one', 0), score: 50, tier: 3 },
    ];
    expect(diversify(ranked, words).map((r) => r.passage.id)).toEqual(['a1', 'b1', 'a2', 'c1']);
  });

  it('drops a passage whose words nearly repeat one already taken', () => {
    const text = 'machine learning engineers build and deploy models in production every day';
    const ranked: Ranked[] = [
      { passage: passage('a1', 'a', text), score: 2, tier: 0 },
      { passage: passage('b1', 'b', `${text} too`), score: 1, tier: 0 },
    ];
    expect(diversify(ranked, words).map((r) => r.passage.id)).toEqual(['a1']);
    expect(nearDuplicate(new Set(['a', 'b']), new Set(['c', 'd']))).toBe(false);
  });
});

describe('level tiers are a preference, not a wall', () => {
  // Candidates 0–3: scores and level tiers (0 = exactly the asked level).
  const run = (scores: number[], tiers: number[], ratio: number) => {
    const tier = Uint8Array.from(tiers);
    overtakeTiers([0, 1, 2, 3].slice(0, scores.length), Float64Array.from(scores), tier, ratio);
    return [...tier];
  };
  it.each([
    // A mixed-level passage twice as strong as the best exact one joins its tier …
    [
      [10, 5, 20, 3],
      [0, 0, 1, 2],
      [0, 0, 0, 2],
    ],
    // … a merely stronger one does not.
    [
      [10, 5, 15, 3],
      [0, 0, 1, 2],
      [0, 0, 1, 2],
    ],
    // A passage naming no level, far stronger than every levelled one, goes up past empty tiers.
    [
      [4, 30],
      [0, 2],
      [0, 0],
    ],
    // It stops at the first tier it does not overtake.
    [
      [30, 10, 25],
      [0, 1, 2],
      [0, 1, 1],
    ],
  ])('%j in tiers %j → %j', (scores, tiers, expected) => expect(run(scores, tiers, 2)).toEqual(expected));
});
