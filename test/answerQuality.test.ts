import { describe, expect, it } from 'vitest';
import { answerQuery } from '../src/answers/answer.js';
import { Engine, gateConfidence } from '../src/search/engine.js';
import { readChatEnglish } from '../src/search/chatEnglish.js';
import { DEFAULT_PARAMS, rankingParams, withParams } from '../src/search/rankingParams.js';
import { fitGate } from '../scripts/fitting.js';
import { seedEngine } from './helpers.js';

const { engine } = await seedEngine();
const parse = (text: string) => engine.parse({ text });
const missing = (text: string) => Object.fromEntries(parse(text).missing.map((m) => [m.word, m.kind]));

describe('chat English', () => {
  it('reads chat words as what they mean, or as nothing, and leaves names alone', () => {
    expect(readChatEnglish('how do ppl land jobs rn lol')).toBe('how do people land jobs now ');
    expect(readChatEnglish('tbh is it worth it w/ no degree')).toBe(' is it worth it with no degree');
    expect(readChatEnglish('C++ or R for ML')).toBe('C++ or R for ML');
    expect(readChatEnglish('mle vs ds')).toBe('mle or ds');
  });

  it('reads phrases that work as one function word as it: never a subject, never "top-paying"', () => {
    expect(readChatEnglish('on top of base pay, what sort of bonus is normal over here?')).toBe(
      'besides base pay, what bonus is normal here?',
    );
    expect(readChatEnglish('Which kinds of projects')).toBe('Which projects');
    const p = parse('on top of base salary, what sort of bonus is normal?');
    expect([...p.terms.keys()]).not.toContain('top');
    expect(p.missing.map((m) => m.word)).not.toContain('sort');
  });

  it('never corrects a chat word into a document word, nor counts it missing', () => {
    const p = parse('wat do mles earn lol ngl');
    expect(p.corrections.map((c) => c.to)).not.toContain('local');
    expect(p.corrections.map((c) => c.to)).not.toContain('waters');
    expect(p.missing.map((m) => m.word)).toEqual([]);
  });
});

describe('words the sources lack, by what they are', () => {
  it('an adjective or adverb is how the question is asked; a noun is its subject', () => {
    expect(missing('is a degree compulsory for ML engineers')).toEqual({ compulsory: 'modifier' });
    expect(missing('best books for learning machine learning')).toEqual({ books: 'word' });
    expect(missing('ML engineers and on-call pager duty').pager).toBe('word');
  });

  it('"how long" asks for a measure; currency codes are currencies; -ing forms of verbs are verbs', () => {
    expect(missing('how long does it take to become an ML engineer').long).toBe('word');
    expect(missing('ML engineer salary in PLN').pln).toBe('unit');
    expect(missing('is freelancing possible for ML engineers').freelancing).toBe('word');
  });

  it('British spellings and plurals of document words are the words themselves', () => {
    expect(missing('should I specialise or stay general')).not.toHaveProperty('specialise');
    expect(missing('which certification helps ML engineers')).toEqual({});
  });

  it('an abbreviation is read only when one reading is clear', () => {
    expect(parse('lvl of skills for mle').corrections).toContainEqual({ from: 'lvl', to: 'level' });
    // "cnn" could be many document words' letters: left alone (the thesaurus names it).
    expect(parse('cnns for jobs').corrections).toEqual([]);
  });

  it('a notice names what the question is about, never how it is asked', () => {
    const a = answerQuery(
      engine,
      { text: 'is the ml job market actually growing or is it cooked rn' },
      { asked: 'x' },
    );
    expect(a.kind).toBe('passages');
    const notice = a.kind === 'passages' ? (a.notice ?? '') : '';
    expect(notice).not.toMatch(/actually|cooked|doomed|now/);
  });
});

describe('ranking knobs as data', () => {
  it('refuses unknown knobs and values out of their range, naming them', () => {
    expect(() => withParams({ nope: 1 } as never)).toThrow(/unknown ranking parameter "nope"/);
    expect(() => withParams({ synonymWeight: 7 })).toThrow(/synonymWeight.*from 0 to 1/);
    expect(withParams({ synonymWeight: 0.25 }).synonymWeight).toBe(0.25);
  });

  it('the hand-set gate is the old rule: answered exactly when coverage ≥ 0.5', () => {
    expect(gateConfidence([0.5], DEFAULT_PARAMS)).toBeCloseTo(0.5);
    expect(gateConfidence([0.49], DEFAULT_PARAMS)).toBeLessThan(0.5);
    expect(gateConfidence([0.51], DEFAULT_PARAMS)).toBeGreaterThan(0.5);
  });

  it('the engine uses the fitted weights, and any it is given', () => {
    expect(engine.params).toEqual(rankingParams());
    const strict = new Engine(engine.data, { params: { gateThreshold: 1 } });
    expect(strict.rank({ text: 'what do ML engineers earn in Seattle' }).ranked).toEqual([]);
    // A typed command is never gated.
    expect(strict.rank({ text: '', topic: 'salary' }).ranked.length).toBeGreaterThan(0);
    const ungated = new Engine(engine.data, { gate: false });
    expect(ungated.rank({ text: 'best pizza in Naples' }).ranked.length).toBeGreaterThan(0);
    expect(engine.rank({ text: 'best pizza in Naples' }).ranked).toEqual([]);
  });

  it('a story told in the first person and another job’s section are marked at index time', () => {
    const roles = Object.keys(engine.data.otherRoles).map((id) => engine.passage(id)!.headingPath.at(-1));
    expect(roles).toContain('Data Engineer');
    expect(roles.some((h) => /machine learning engineer/i.test(h ?? ''))).toBe(false);
    expect(engine.passages.every((p) => (p.features.firstPerson ?? 0) <= 1)).toBe(true);
  });
});

describe('fitting the no-match gate', () => {
  it('learns to refuse what has a missing subject and answer what is covered, within the false-refusal rate', () => {
    // [coverage, missing subject share, other missing share, best share, length, max missing, word
    // score, missing word of what is asked for by name]
    const answerable = Array.from({ length: 60 }, (_, i) => ({
      x: [0.6 + (i % 4) * 0.1, 0, 0.1, 0.8, 1.5, 0, 2.5, 0],
      y: 1,
      gain: 1,
    }));
    const unanswerable = Array.from({ length: 20 }, (_, i) => ({
      x: [0.2 + (i % 3) * 0.1, 0.6, 0, 0.5, 1.5, 1, 1.5, i % 2],
      y: 0,
      gain: 1,
    }));
    const gate = { ...DEFAULT_PARAMS, ...fitGate([...answerable, ...unanswerable]) };
    const answered = (x: number[]) => gateConfidence(x, gate) >= gate.gateThreshold;
    expect(answerable.filter((s) => !answered(s.x))).toHaveLength(0);
    expect(unanswerable.filter((s) => answered(s.x))).toHaveLength(0);
  });
});
