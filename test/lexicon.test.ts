import { describe, expect, it } from 'vitest';
import { focusPositions } from '../src/search/focus.js';
import { baseForms, lexicon } from '../src/search/lexicon.js';
import { tokenize } from '../src/search/text.js';

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
    // A unit by its commonest sense only: "clearance" (headroom, a sense among others) is not one.
    expect(words.info('calorie')?.unit).toBe(true);
    for (const w of ['clearance', 'point']) expect(words.info(w)?.unit).toBe(false);
    // A noun sense, even of a word that is mostly a verb.
    expect(words.info('leave')?.pos).toBe('verb');
    expect(words.info('leave')?.noun).toBe(true);
    expect(words.info('quickly')?.noun).toBe(false);
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

describe('what a question asks for by name', () => {
  const focus = (q: string) => {
    const tokens = tokenize(q);
    return [...focusPositions(tokens, () => words)].map((i) => tokens[i]!.word);
  };
  it.each([
    ['best books for MLE interview prep?', ['books']],
    ['how much penalty do i have to pay?', ['penalty']],
    ['how many days annual leave do ML jobs come with?', ['days', 'annual', 'leave']],
    ['do I need security clearance for defence work?', ['security', 'clearance']],
    ['what kind of projects should I build?', ['projects']],
    ['which certifications are worth it?', ['certifications']],
    ['best biryani place for the team', ['biryani', 'place']],
    // Nothing named: a verb or a function word comes first.
    ['what should I learn first?', []],
    ['what do ML engineers make in Toronto?', []],
    ['how do I become an ML engineer?', []],
    // An adverb or a word that is mostly a verb ends the phrase.
    ['which skills actually bump up the pay?', ['skills']],
    ['what behavioral questions come up?', ['behavioral', 'questions']],
  ])('%s → %j', (q, expected) => {
    expect(focus(q)).toEqual(expected);
  });

  it('reads only the sentences that ask', () => {
    const tokens = tokenize('I read the best books. What should I learn?');
    const asking = (i: number) => i >= 5;
    expect(focusPositions(tokens, () => words, asking).size).toBe(0);
    expect([...focusPositions(tokens, () => words)].map((i) => tokens[i]!.word)).toEqual(['books']);
  });
});
