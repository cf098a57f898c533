import { describe, expect, it } from 'vitest';
import { editDistance, stem, terms, tokenize, wordPairs } from '../src/search/text.js';

describe('tokenize', () => {
  it('keeps c++ and numbers with separators, drops possessives', () => {
    expect(tokenize("C++ and Master's pay $172,654+ or 41.21").map((t) => t.word)).toEqual([
      'c++',
      'and',
      'master',
      'pay',
      '172654',
      'or',
      '41.21',
    ]);
  });
  it('adds the joined form of hyphenated words', () => {
    expect(tokenize('fine-tune').map((t) => t.word)).toEqual(['fine', 'finetune', 'tune']);
  });
});

describe('stem', () => {
  it('brings word forms together', () => {
    expect(stem('deploying')).toBe(stem('deployment'));
    expect(stem('salaries')).toBe(stem('salary'));
    expect(stem('ethics')).toBe(stem('ethical'));
  });
  it('drops stop words from terms', () => {
    expect(terms('What is the salary of a junior?')).toEqual([stem('salary'), stem('junior')]);
  });
  it('makes adjacent word pairs', () => {
    expect(wordPairs('data governance analyst')).toEqual(['data_govern', 'govern_analyst']);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('salry', 'salary', 2)).toBe(1);
    expect(editDistance('slaary', 'salary', 2)).toBe(1);
    expect(editDistance('junior', 'senior', 2)).toBe(2);
    expect(editDistance('abc', 'xyzabc', 2)).toBe(3);
  });
});

describe('spelling correction', () => {
  it('corrects slips to the knowledge words they are near, never a different first letter', async () => {
    const { SpellingCorrector } = await import('../src/search/spelling.js');
    const counts = {
      salary: { count: 9 },
      phone: { count: 3 },
      engineer: { count: 12 },
      learning: { count: 8 },
    };
    const corrector = new SpellingCorrector(counts, []);
    expect(corrector.correct('salry')).toBe('salary');
    expect(corrector.correct('enginer')).toBe('engineer');
    expect(corrector.correct('lerning')).toBe('learning');
    // A name the knowledge does not have is not a slip of a word it has.
    expect(corrector.correct('iphone')).toBeUndefined();
    expect(corrector.correct('xalary')).toBeUndefined();
  });
});
