import { describe, expect, it } from 'vitest';
import { Session } from '../src/cli/session.js';
import { renderJson } from '../src/cli/renderJson.js';
import { Classifier } from '../src/knowledge/classify.js';
import { extractFigures } from '../src/knowledge/figures.js';
import type { Passage } from '../src/knowledge/types.js';
import { seedEngine } from './helpers.js';

const { engine, commands } = await seedEngine();
const run = (line: string) => new Session(engine, commands).run(line);

function passage(text: string, headingPath: string[] = ['Pay'], id = 'doc#pay#1'): Passage {
  return {
    id,
    sourceId: 'doc',
    headingPath,
    text,
    line: 1,
    levels: [],
    topics: { salary: 2 },
    order: 0,
    features: { frame: ['salary'], concrete: 1, steps: 0, figures: 1, names: 0 },
  };
}
const classifier = new Classifier(engine.thesaurus);
const figuresOf = (text: string, headings?: string[]) =>
  extractFigures([passage(text, headings)], classifier);

describe('pay figures extracted from the seed knowledge', () => {
  // Counted by hand in the three articles: every dollar amount or range that is pay (Dataquest 8,
  // Career.Guide 3, AiPathly 21), and AiPathly's three raises in percent; the market size
  // ($225.91 billion), the job growth rate (23%) and the market's CAGR (36.2%) are not pay.
  it('finds all 32 money figures and 3 raises, and leaves out the market size and growth rates', () => {
    const money = engine.figures.filter((f) => f.unit !== 'percent');
    expect(money).toHaveLength(32);
    const bySource = (id: string) => money.filter((f) => f.sourceId.startsWith(id)).length;
    expect([bySource('dataquest'), bySource('career-guide'), bySource('aipathly')]).toEqual([8, 3, 21]);
    const raises = engine.figures.filter((f) => f.unit === 'percent');
    expect(raises.map((f) => f.text)).toEqual(['3-5%', '20-30%+', '15-25%']);
    expect(raises.every((f) => f.basis[0] === 'raise %')).toBe(true);
    expect(engine.figures.some((f) => /225\.91|23%|36\.2/.test(f.text))).toBe(false);
  });

  it('reads level, place, industry, basis, unit and data source from the context', () => {
    const find = (text: string) => engine.figures.find((f) => f.text === text)!;
    expect(find('$147,000 to $182,182')).toMatchObject({
      place: 'Seattle',
      low: 147000,
      high: 182182,
      levels: [],
    });
    expect(find('$194,101')).toMatchObject({ industry: 'Real Estate', basis: ['median', 'total'] });
    expect(find('$172,654+')).toMatchObject({ levels: ['senior'], low: 172654, openEnded: true });
    expect(find('$148,672 to $208,931+')).toMatchObject({
      levels: ['senior'],
      industry: 'Top tech companies',
    });
    expect(find('Up to $152,601')).toMatchObject({ levels: ['junior'], high: 152601, industry: 'FAANG' });
    expect(find('$187,824')).toMatchObject({ place: 'remote' });
    expect(find('$41.21')).toMatchObject({ unit: 'hour', dataSource: 'O*NET Online', basis: ['median'] });
    expect(find('$134,000 up to $215,000')).toMatchObject({
      low: 134000,
      high: 215000,
      dataSource: 'Glassdoor',
    });
    expect(find('$192,000 to $290,000')).toMatchObject({ levels: ['senior'], basis: ['total'] });
    expect(find('$133,000')).toMatchObject({ levels: ['junior'] });
    expect(find('$136,917')).toMatchObject({ industry: 'AI startups', basis: ['average', 'base'] });
  });
});

describe('pay figures in made-up sentences (general rules, not the seeds)', () => {
  it('ranges, k amounts, hourly pay, places and sources', () => {
    const [f] = figuresOf('In Denver, data engineers earn $90k to $120k per year according to Indeed.');
    expect(f).toMatchObject({
      low: 90000,
      high: 120000,
      unit: 'year',
      place: 'Denver',
      dataSource: 'Indeed',
    });
    const [h] = figuresOf('Entry-level annotators are paid a median of $25 per hour.');
    expect(h).toMatchObject({ unit: 'hour', levels: ['junior'], basis: ['median'] });
  });
  it('each figure in a sentence gets the level named just before it', () => {
    const fs = figuresOf('Junior staff start near $80,000, while senior staff average $190,000 a year.');
    expect(fs.map((f) => f.levels)).toEqual([['junior'], ['senior']]);
    expect(fs[1]!.basis).toEqual(['average']);
  });
  it('list items under a place or industry lead-in', () => {
    const cities = figuresOf('Pay by city:\n\n- Denver: $120,000\n- Remote: $110,000 to $130,000');
    expect(cities.map((f) => f.place)).toEqual(['Denver', 'remote']);
    const industries = figuresOf(
      'By industry:\n\n1. Finance: $150,000 per year\n2. Retail: $120,000 per year',
    );
    expect(industries.map((f) => f.industry)).toEqual(['Finance', 'Retail']);
  });
  it('raises in percent, but not other percentages', () => {
    const [r] = figuresOf('Engineers typically get annual salary raises of 4% to 6%.');
    expect(r).toMatchObject({ text: '4% to 6%', low: 4, high: 6, unit: 'percent', basis: ['raise %'] });
    expect(figuresOf('The market for ML tools grew 20% last year.')).toEqual([]);
    expect(figuresOf('Employment of engineers will grow 23% by 2032.')).toEqual([]);
  });

  it('an industry named in the sentence, like one named in a list label', () => {
    expect(figuresOf('Senior engineers at a fintech company can earn $260,000 per year.')[0]).toMatchObject({
      industry: 'fintech',
      levels: ['senior'],
    });
    expect(figuresOf('Engineers in the healthcare sector earn $150,000.')[0]?.industry).toBe('healthcare');
    expect(figuresOf('At a large company you earn $120,000.')[0]?.industry).toBeUndefined();
  });

  it('money that is not pay is left out', () => {
    expect(figuresOf('The AI market will be worth $500 billion by 2030.')).toEqual([]);
    expect(figuresOf('The startup raised $20,000,000 in funding.')).toEqual([]);
  });
});

describe('/salary shows the figures side by side', () => {
  it('level:senior: the senior figures of both articles that give them, and no junior figure', () => {
    const answer = run('/salary level:senior');
    if (answer?.kind !== 'passages') throw new Error('expected passages');
    const figures = answer.figures!;
    // Career.Guide's "$100,000 to $150,000 per year for experienced professionals": its own clause names them.
    expect(new Set(figures.map((f) => f.publisher))).toEqual(
      new Set(['Dataquest', 'AiPathly', 'Career.Guide']),
    );
    expect(figures.every((f) => f.levels.includes('senior'))).toBe(true);
    expect(figures.map((f) => f.text)).toEqual(
      expect.arrayContaining(['$233,000', '$172,654+', '$192,000 to $290,000']),
    );
    expect(figures.some((f) => f.levels.includes('junior'))).toBe(false);
    // Each figure points at its passage's place in the list; the first passage quotes a senior figure.
    const first = figures.filter((f) => f.rank === 1);
    expect(first.length).toBeGreaterThan(0);
    for (const f of first) expect(answer.results[0]!.text).toContain(f.text);
    for (const f of figures.filter((f) => f.rank !== undefined && f.rank <= answer.results.length))
      expect(answer.results[f.rank! - 1]!.text).toContain(f.text);
  });

  it('location:Seattle shows $147,000 to $182,182; industry:real estate shows $194,101', () => {
    const seattle = run('/salary location:Seattle');
    expect(seattle?.kind === 'passages' && seattle.figures!.map((f) => f.text)).toEqual([
      '$147,000 to $182,182',
    ]);
    const estate = run('/salary industry:real estate');
    expect(estate?.kind === 'passages' && estate.figures!.map((f) => f.text)).toEqual(['$194,101']);
    const remote = run('/salary location:remote');
    expect(remote?.kind === 'passages' && remote.figures!.map((f) => f.text)).toEqual(['$187,824']);
  });

  it('a filter means what the thesaurus says a word means ("nyc", "sf")', () => {
    const nyc = run('/salary location:nyc');
    expect(nyc?.kind === 'passages' && nyc.figures!.map((f) => f.text)).toEqual(['$168,767']);
    const sf = run('/salary sf');
    expect(sf?.kind === 'passages' && sf.asked).toBe('/salary location:San Francisco');
  });

  it('an unknown place says which places have figures', () => {
    const answer = run('/salary location:Atlantis');
    expect(answer?.kind === 'passages' && answer.notice).toMatch(/No figure .*Atlantis.*Seattle/);
  });

  it('the batch contract adds figures for /salary', () => {
    const line = JSON.parse(renderJson(run('/salary level:senior')!)) as {
      figures: Array<Record<string, unknown>>;
    };
    expect(line.figures[0]).toMatchObject({
      source: expect.any(String),
      text: expect.stringMatching(/^\$\d/),
      levels: ['senior'],
      passage: 0,
    });
    const results = (line as unknown as { results: Array<{ text: string }> }).results;
    expect(results[0]!.text).toContain(line.figures[0]!.text as string);
    expect(Object.keys(line.figures[0]!)).toEqual(
      expect.arrayContaining([
        'source',
        'text',
        'low',
        'high',
        'unit',
        'basis',
        'levels',
        'place',
        'industry',
        'passage',
      ]),
    );
    const ask = JSON.parse(renderJson(run('/ask salary in Seattle')!)) as Record<string, unknown>;
    expect(ask.figures).toBeUndefined();
  });

  it('location and industry suggest what the figures name', () => {
    const salary = commands.find((c) => c.name === 'salary')!;
    expect(salary.suggest!(engine, 'location', 'sea')).toEqual(['Seattle']);
    expect(salary.suggest!(engine, 'industry', '')).toEqual(
      expect.arrayContaining(['Real Estate', 'AI startups']),
    );
  });
});

describe('amounts written with the currency after them, and the people the clause names', () => {
  it('"118,000 USD", "95k dollars"; new graduates junior, five or more years senior, staff staff, interns no level; a year is no amount', () => {
    const figures = figuresOf(
      'New graduates reported a median base salary of 118,000 USD. Engineers with five or more years of experience reported a median of 176,000 USD, and staff-level engineers reported 240,000 USD or more. Interns earn about 45k dollars a year, in 2024 dollars.',
    );
    expect(figures.map((f) => [f.text, f.low, f.levels])).toEqual([
      ['118,000 USD', 118_000, ['junior']],
      // "five or more years" is 5+ years, senior; interns are not junior engineers: the thesaurus
      // does not read them as a level.
      ['176,000 USD', 176_000, ['senior']],
      ['240,000 USD', 240_000, ['staff']],
      ['45k dollars', 45_000, []],
    ]);
    expect(figures[0]!.basis).toEqual(['median', 'base']);
  });
});
