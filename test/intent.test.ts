import { describe, expect, it } from 'vitest';
import { readIntent } from '../src/search/intent.js';

describe('question intent', () => {
  it('reads how-to questions as asking for steps', () => {
    expect(readIntent('how do I land my first job').steps).toBe(true);
    expect(readIntent('tips for getting hired').steps).toBe(true);
    expect(readIntent('machine learning salary').steps).toBe(false);
  });
  it('reads where-to-learn questions as asking for resources, not steps', () => {
    const intent = readIntent('where can I learn machine learning online');
    expect(intent.learn).toBe(true);
    expect(intent.steps).toBe(false);
  });
  it('reads how-much and what-percent questions as asking for figures', () => {
    expect(readIntent('how much do seniors make').figures).toBe(true);
    expect(readIntent('what percent raise for a promotion').figures).toBe(true);
    expect(readIntent('how much do seniors make').steps).toBe(false);
    expect(readIntent('what do ML engineers do').figures).toBe(false);
  });
});

describe('who the asker is', () => {
  it('a kind of person the asker is or was ("I\'m a teacher") is background, not another subject', async () => {
    const { seedEngine } = await import('./helpers.js');
    const { engine } = await seedEngine();
    const changer = engine.rank({ text: "I'm a teacher, how do I become an ML engineer" });
    expect(changer.ranked.length).toBeGreaterThan(0);
    expect(changer.parsed.missing).toMatchObject([{ word: 'teacher', kind: 'background' }]);
    // Moving into the documents' field ("machine learning", "engineer"), a kind of person is background too.
    for (const q of [
      'can a nurse switch careers into machine learning',
      'should a physicist become an ML engineer',
    ]) {
      const r = engine.rank({ text: q });
      expect(r.ranked.length, q).toBeGreaterThan(0);
      expect(
        r.parsed.missing.map((m) => m.kind),
        q,
      ).toEqual(['background']);
    }
    // Asked about, another occupation is another subject.
    const nurse = engine.rank({ text: 'nurse salary' });
    expect(nurse.parsed.missing).toMatchObject([{ word: 'nurse', kind: 'person' }]);
    expect(nurse.ranked).toEqual([]);
  });
});

describe('questions that ask two things', () => {
  it('are split at a clause that starts a new question, not at every "and"', async () => {
    const { compoundParts } = await import('../src/search/engine.js');
    expect(compoundParts('what do junior ML engineers earn and what skills do they need?')).toEqual([
      'what do junior ML engineers earn',
      'what skills do they need?',
    ]);
    expect(compoundParts('What do seniors earn? How do I become one?')).toEqual([
      'What do seniors earn',
      'How do I become one?',
    ]);
    expect(compoundParts('skills and tools for ML engineers')).toEqual(['skills and tools for ML engineers']);
    expect(compoundParts('pay and what else')).toEqual(['pay and what else']);
  });

  it('answer both parts in the first passages, at the level the whole question names', async () => {
    const { seedEngine } = await import('./helpers.js');
    const { engine } = await seedEngine();
    const { ranked } = engine.rank({
      text: 'what do junior ML engineers earn and what skills do they need?',
    });
    const top = ranked.slice(0, 3).map((r) => r.passage);
    expect(top.some((p) => p.topics.salary && /\$\d/.test(p.text))).toBe(true);
    expect(top.some((p) => /skills/i.test(p.text) && !/\$\d/.test(p.text))).toBe(true);
    expect(top[0]!.levels).toEqual(['junior']);
  });
});
