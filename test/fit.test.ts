import { describe, expect, it } from 'vitest';
import { centrality, kindFactor, levelFit } from '../src/search/fit.js';
import type { Level, Passage, PassageFeatures } from '../src/knowledge/types.js';

function passage(
  levels: Level[],
  topics: Record<string, number>,
  features: Partial<PassageFeatures> = {},
): Passage {
  return {
    id: 'd#s#1',
    sourceId: 'd',
    headingPath: ['S'],
    text: 'text',
    line: 1,
    levels,
    topics,
    order: 0,
    features: { frame: [], concrete: 0, steps: 0, figures: 0, names: 0, ...features },
  };
}

describe('level fit', () => {
  it('puts the asked level first, then mixed, general, other levels', () => {
    const asked = new Set<Level>(['senior']);
    const tiers = [['senior'], ['junior', 'senior'], [], ['junior']].map(
      (levels) => levelFit(levels as Level[], asked, true).tier,
    );
    expect(tiers).toEqual([0, 1, 2, 3]);
  });
  it('treats a passage naming every level like a general one when no level is asked', () => {
    const none = new Set<Level>();
    expect(levelFit(['junior', 'mid', 'senior'], none, false).factor).toBe(levelFit([], none, false).factor);
    expect(levelFit(['junior'], none, false).factor).toBeLessThan(1);
  });
});

describe('topic centrality and passage kinds', () => {
  it('ranks a concrete passage whose heading names the topic above prose that repeats its words', () => {
    const list = passage([], { skills: 2 }, { frame: ['skills'], concrete: 0.9 });
    const prose = passage([], { skills: 4 }, { frame: [], concrete: 0.1 });
    expect(centrality(list, 'skills')).toBeGreaterThan(centrality(prose, 'skills'));
  });
  it('prefers steps for how-to questions and figures for how-much questions', () => {
    const steps = passage([], {}, { steps: 1, concrete: 0.5 });
    const figures = passage([], {}, { figures: 3, concrete: 0.5 });
    const howTo = { steps: true, learn: false, figures: false };
    const howMuch = { steps: false, learn: false, figures: true };
    expect(kindFactor(steps, howTo)).toBeGreaterThan(kindFactor(figures, howTo));
    expect(kindFactor(figures, howMuch)).toBeGreaterThan(kindFactor(steps, howMuch));
  });
});
