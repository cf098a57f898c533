import { describe, expect, it } from 'vitest';
import { baseForms, lexicon } from '../src/search/lexicon.js';

const words = lexicon(false);

describe('the English lexicon (WordNet 3.1)', () => {
  it('knows English words and their inflections, not misspellings', () => {
    expect(words.size).toBeGreaterThan(80_000);
    for (const w of ['pizza', 'toppings', 'salary', 'stopped', 'running', 'cities'])
      expect(words.isEnglish(w)).toBe(true);
    for (const w of ['sallary', 'machin', 'lerning', 'enginer', 'kubernetes'])
      expect(words.isEnglish(w)).toBe(false);
  });

  it('tells places, units of money or measure, and kinds of people', () => {
    expect(words.info('london')?.place).toBe(true);
    expect(words.info('texas')?.place).toBe(true);
    expect(words.info('euro')?.unit).toBe(true);
    expect(words.info('rupees')?.unit).toBe(true);
    expect(words.info('nurse')?.person).toBe(true);
    expect(words.info('salary')?.place).toBe(false);
    expect(words.info('pizza')?.person).toBe(false);
  });

  it('rates common words as less specific than subject words', () => {
    expect(words.specificity('salary')).toBe(1);
    expect(words.specificity('pizza')).toBe(1);
    expect(words.specificity('mlops')).toBe(1); // not in WordNet: a term of the field
    expect(words.specificity('say')).toBeLessThan(0.2);
    expect(words.specificity('first')).toBeLessThan(words.specificity('job'));
    expect(words.specificity('job')).toBeLessThan(words.specificity('salary'));
  });

  it('tells verbs that start steps from nouns that can be verbs', () => {
    for (const w of ['build', 'ask', 'attend']) expect(words.isBaseVerb(w)).toBe(true);
    for (const w of ['machine', 'python', 'builds']) expect(words.isBaseVerb(w)).toBe(false);
  });

  it('derives base forms the way WordNet does', () => {
    const bases = (w: string) => baseForms(w).map((b) => b.base);
    expect(bases('cities')).toContain('city');
    expect(bases('stopped')).toContain('stop');
    expect(bases('toppings')).toContain('topping');
    expect(bases('salary')).toEqual(['salary']);
    expect(words.isEnglish('bigger')).toBe(true);
  });
});
