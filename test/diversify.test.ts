import { describe, expect, it } from 'vitest';
import { diversify, nearDuplicate, type Ranked } from '../src/search/diversify.js';
import type { Passage } from '../src/knowledge/types.js';

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
