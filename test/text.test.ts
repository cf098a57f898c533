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

describe('acronyms of the documents', () => {
  it('reads initials as the phrase the documents use most, when it stands out', async () => {
    const { acronymsOf } = await import('../src/search/buildIndex.js');
    const texts = [
      'A machine learning engineer builds models. Every machine learning engineer ships them.',
      'The machine learning engineer role. Natural language processing and natural language processing.',
      'Natural language processing matters. Model evaluation, model evaluation, model evaluation.',
      'Mostly lunch: many lunches. Per year, per year, per year.',
    ];
    const acronyms = acronymsOf(texts, (w) => (w === 'per' || w === 'year' ? 0.2 : 1));
    expect(acronyms.mle).toBe('machine learning engineer');
    expect(acronyms.nlp).toBe('natural language processing');
    expect(acronyms.me).toBe('model evaluation');
    // Common words make no name, and a run never crosses a sentence.
    expect(acronyms.py).toBeUndefined();
    expect(acronyms.em).toBeUndefined();
  });
});

describe('short words a question uses that the documents do not', () => {
  it('an acronym is read as its phrase, a plural abbreviation as its word, and the reply says so', async () => {
    const { seedEngine } = await import('./helpers.js');
    const { engine } = await seedEngine();
    expect(engine.rank({ text: 'nn architectures' }).parsed.corrections).toEqual([
      { from: 'nn', to: 'neural networks' },
    ]);
    const langs = engine.rank({ text: 'langs for ml engineers' });
    expect(langs.parsed.corrections).toEqual([{ from: 'langs', to: 'languages' }]);
    expect(langs.ranked[0]?.passage.text).toMatch(/Python/);
  });
});
