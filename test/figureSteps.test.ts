import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/knowledge/classify.js';
import { rangesIn, valueOf, amountsIn } from '../src/knowledge/money.js';
import { cleanLabel, labelOf, unitsOf } from '../src/knowledge/figureUnits.js';
import { documentDollar } from '../src/knowledge/currencies.js';
import {
  basisOf,
  industryOf,
  isPay,
  levelsOf,
  periodOf,
  placeOf,
  raisesIn,
  sourceNamedIn,
  yearOf,
  type FigureContext,
} from '../src/knowledge/figureContext.js';
import { seedEngine } from './helpers.js';

const { engine } = await seedEngine();
const classifier = new Classifier(engine.thesaurus);
const ctx = (c: Partial<FigureContext>): FigureContext => ({
  before: '',
  after: '',
  parents: [],
  headingPath: [],
  ...c,
});

describe('the amount tokenizer', () => {
  it.each([
    ['$147,000', [147000]],
    ['$90k to $120k', [90000, 120000]],
    ['Up to $152,601', [152601]],
    ['118,000 USD and 95k dollars', [118000, 95000]],
    ['US$41.21', [41.21]],
    ['in 2024 dollars', []],
    ['$225.91 billion', [225.91e9]],
  ])('%s', (text, values) => {
    expect(amountsIn(text).map(valueOf)).toEqual(values);
  });

  it.each([
    ['$90k to $120k a year', [['$90k to $120k', 0]]],
    ['between $100,000 and $150,000', [['between $100,000 and $150,000', 0]]],
    ['$134,000 up to $215,000', [['$134,000 up to $215,000', 0]]],
    [
      '$80,000, while $190,000',
      [
        ['$80,000', 0],
        ['$190,000', 7],
      ],
    ],
    ['Up to $152,601', [['Up to $152,601', 0]]],
  ])('%s joins into figures', (text, figures) => {
    expect(rangesIn(text).map((r) => [text.slice(r.start, r.end), r.from])).toEqual(figures);
  });
});

describe('money in any currency', () => {
  it.each([
    ['£45,000 per annum', [['GBP', 45000]]],
    [
      '£60k–£75k',
      [
        ['GBP', 60000],
        ['GBP', 75000],
      ],
    ],
    ['GBP 140,000', [['GBP', 140000]]],
    ['45k EUR', [['EUR', 45000]]],
    ['€70,000', [['EUR', 70000]]],
    ['₹18 LPA', [['INR', 1800000]]],
    ['12 lakhs per annum', [['INR', 1200000]]],
    ['a CTC of ₹25,00,000', [['INR', 2500000]]],
    ['INR 9,00,000', [['INR', 900000]]],
    ['₹1.2 crore', [['INR', 12000000]]],
    ['R$ 12.000 por mês', [['BRL', 12000]]],
    [
      '€70.000 bis €95.000',
      [
        ['EUR', 70000],
        ['EUR', 95000],
      ],
    ],
    ['US$41.21', [['USD', 41.21]]],
    [
      'CA$120,000 and A$150,000',
      [
        ['CAD', 120000],
        ['AUD', 150000],
      ],
    ],
    ['¥8,000,000', [['JPY', 8000000]]],
    ['Rs. 50,000', [['INR', 50000]]],
    ['5 lakh users', [['INR', 500000]]],
    ['30 pounds', [['GBP', 30]]],
    ['in 2024 euros', []],
    ['a team of 45 people', []],
  ])('%s', (text, amounts) => {
    expect(amountsIn(text).map((a) => [a.currency, valueOf(a)])).toEqual(amounts);
  });

  it.each([
    ['₹6–10 LPA', 'INR', 600000, 1000000],
    ['45–60k EUR', 'EUR', 45000, 60000],
    ['£450–£700 per day', 'GBP', 450, 700],
    ['₹1.4–1.45 lakh a month', 'INR', 140000, 145000],
    ['between 45 and 60k EUR', 'EUR', 45000, 60000],
    ['$90,000 to $120k', 'USD', 90000, 120000],
  ])('%s is one range', (text, currency, low, high) => {
    const [r, ...rest] = rangesIn(text);
    expect(rest).toEqual([]);
    expect([r!.currency, valueOf(r!.first), valueOf(r!.last)]).toEqual([currency, low, high]);
  });

  it.each([
    ['an A$ amount and bare $ ones', ['A$900 per day', '$85k to $105k'], 'AUD'],
    ['a CAD amount', ['$120k', '95,000 CAD'], 'CAD'],
    ['a currency named, no amount in it', ['$128k (converted from Canadian dollars)'], 'USD'],
    ['US$ beside A$', ['US$150,000 or A$200,000', '$90k'], 'USD'],
    ['two other dollars', ['CA$120,000 and A$150,000', '$90k'], 'USD'],
    ['pounds and dollars', ['£60k', '$90k'], 'USD'],
  ])('a bare "$" in a document with %s', (_, texts, code) => {
    expect(documentDollar(texts.flatMap((t) => amountsIn(t)))).toBe(code);
  });

  it('amounts in two currencies are two figures, and a bare number before no amount is none', () => {
    expect(rangesIn('$100,000 - €90,000').map((r) => r.currency)).toEqual(['USD', 'EUR']);
    expect(rangesIn('3-5 years, then £50k').map((r) => r.currency)).toEqual(['GBP']);
  });
});

describe('units, labels', () => {
  it.each([
    ['One sentence. Another one.', ['One sentence.', 'Another one.']],
    ['Lead-in:\n\n- Denver: $1\n  - Nested: $2', ['Denver: $1', 'Nested: $2']],
    ['| City | Pay |\n| --- | --- |\n| Denver | $1 |', ['Denver: Pay: $1']],
  ])('%j', (text, units) => {
    expect(unitsOf({ text, headingPath: ['H'] }).map((u) => u.text)).toEqual(units);
  });
  it('frames: parent item, lead-in, headings, nearest first', () => {
    const [, nested] = unitsOf({ text: 'Lead-in:\n\n- Denver: $1\n  - Nested: $2', headingPath: ['A', 'B'] });
    expect(nested!.frames).toEqual(['Denver: $1', 'Lead-in:', 'B', 'A']);
  });
  it.each([
    ['Seattle: $147,000', 'Seattle'],
    ['$147,000: a figure', undefined],
    ['No colon here $1', undefined],
  ])('label of %s', (text, label) => expect(labelOf(text)).toBe(label));
  it('clean labels', () => expect(cleanLabel('**Seattle**  (WA)')).toBe('Seattle'));
});

describe('context steps', () => {
  it.each([
    [ctx({ before: 'The AI market is worth ' }), undefined, false],
    [ctx({ before: 'Engineers earn ' }), undefined, true],
    [ctx({ before: 'Engineers earn ' }), 'million', false],
    [ctx({ parents: ['Funding rounds:'] }), undefined, false],
  ])('isPay %#', (c, scale, pay) => expect(isPay(c, scale)).toBe(pay));

  it.each([
    [ctx({ after: ' per hour' }), 'hour'],
    [ctx({ label: 'Hourly wage' }), 'hour'],
    [ctx({ after: ' a year' }), 'year'],
    [ctx({ after: ' per annum' }), 'year'],
    [ctx({ after: ' a day was the most common rate' }), 'day'],
    [ctx({ before: 'Contractor day rates are ' }), 'day'],
    [ctx({ after: ' per month in hand' }), 'month'],
  ])('period %#', (c, unit) => expect(periodOf(c)).toBe(unit));

  it.each([
    [ctx({ before: 'a median base of ' }), ['median', 'base']],
    [ctx({ after: ' median base, or more' }), ['median', 'base']],
    [ctx({ headingPath: ['Average salary'] }), ['average']],
    [ctx({ before: 'bonuses add ' }), ['additional cash']],
    [ctx({}), []],
  ])('basis %#', (c, basis) => expect(basisOf(c)).toEqual(basis));

  it.each([
    [ctx({ before: 'Senior engineers earn ' }), ['senior']],
    [ctx({ label: 'Entry-level' }), ['junior']],
    [ctx({ before: 'new graduates reported ' }), ['junior']],
    [ctx({ parents: ['Mid-level (3-5 years):'] }), ['mid']],
    [ctx({ headingPath: ['Senior pay'] }), ['senior']],
    [ctx({ headingPath: ['Junior and senior pay'] }), []],
    [ctx({ before: ' · Lead median: ', label: 'London' }), ['staff']],
    [ctx({ label: 'Graduate' }), ['junior']],
    [ctx({ before: 'Principal engineers earn ' }), ['staff']],
    [ctx({ before: 'expect ', trailing: ' for freshers ' }), ['junior']],
    [ctx({ before: 'Senior (5–8 years): ' }), ['senior']],
    [ctx({ before: 'My first junior job paid ' }), ['junior']],
    [ctx({ before: 'Fresher offers there usually range from ' }), ['junior']],
    // A row's label names its level before its other cells: "Lead: 8+ years · $210k – $250k".
    [ctx({ label: 'Lead', before: 'Lead: Typical experience: 8+ years · Base salary: ' }), ['staff']],
    [ctx({ label: 'Staff', before: 'Staff: 7+ years · ' }), ['staff']],
  ])('levels %#', (c, levels) => expect(levelsOf(c, classifier)).toEqual(levels));

  it.each([
    [ctx({ label: 'Denver', parents: ['Top cities:'] }), 'Denver'],
    [ctx({ label: 'Remote' }), 'remote'],
    [ctx({ before: 'In Denver, engineers earn ' }), 'Denver'],
    [ctx({ before: 'In the U.S., engineers earn ' }), 'United States'],
    [ctx({ headingPath: ['Salaries in the USA'] }), 'United States'],
    [ctx({ label: 'Big companies', parents: ['Top cities:'] }), undefined],
    [ctx({ before: 'Engineers earn ' }), undefined],
    [ctx({ before: 'my base salary as a remote machine learning engineer is ' }), 'remote'],
  ])('place %#', (c, place) => expect(placeOf(c)).toBe(place));

  // A gazetteer as the engine builds one from WordNet; here, a fixed list.
  const names = {
    isPlace: (n: string) => ['London', 'Bristol', 'Hyderabad', 'Edinburgh'].includes(n),
    isRareName: (n: string) => ['Cambridge', 'Pune', 'Gurgaon', 'Noida'].includes(n),
  };
  const cities = ['Salaries by city'];
  it.each([
    [ctx({ before: 'Edinburgh salaries are lower, with mid-level engineers on ' }), 'Edinburgh'],
    [ctx({ before: 'senior engineers outside London earn ' }), undefined],
    [
      ctx({ before: 'Cambridge sits closest to London, with a median of ', headingPath: cities }),
      'Cambridge',
    ],
    [ctx({ before: 'Cambridge sits closest to London, with a median of ' }), 'London'],
    [ctx({ before: 'Pune pays a little less, around ', headingPath: cities }), 'Pune'],
    [
      ctx({ before: 'Gurgaon and Noida sit close to Hyderabad, at ', headingPath: cities }),
      'Gurgaon and Noida',
    ],
    [ctx({ before: 'Specialists can command ', trailing: ' per day in London' }), 'London'],
    // A label that is a sentence's lead, not a name: the place it names.
    [ctx({ label: 'London pays the most', headingPath: cities }), 'London'],
    [ctx({ label: 'Pay rises fastest here', headingPath: cities }), undefined],
    [ctx({ label: 'San Francisco Bay Area', headingPath: cities }), 'San Francisco Bay Area'],
  ])('place with names %#', (c, place) => expect(placeOf(c, names)).toBe(place));

  it.each([
    [ctx({ label: 'Finance', parents: ['By industry:'] }), 'Finance'],
    [ctx({ label: 'Top tech companies' }), 'Top tech companies'],
    [ctx({ label: 'Big tech (e.g., FAANG companies)' }), 'FAANG companies'],
    [ctx({ before: 'at a fintech company you earn ' }), 'fintech'],
    [ctx({ before: 'at a large company you earn ' }), undefined],
  ])('industry %#', (c, industry) => expect(industryOf(c)).toBe(industry));

  it.each([
    ['In 2024, engineers earned ', [], 2024],
    ['', ['Salaries 2023'], 2023],
    ['', ['Salaries'], undefined],
  ])('year %#', (before, headings, year) => expect(yearOf(before, headings)).toBe(year));

  it.each([
    ['according to Glassdoor, pay is', 'Glassdoor'],
    ['Data sourced from O*NET Online.', 'O*NET Online'],
    ['Levels.fyi data shows', 'Levels.fyi'],
    ['no source here', undefined],
  ])('source in %s', (text, source) => expect(sourceNamedIn(text)).toBe(source));

  it.each([
    ['Engineers get salary raises of 4% to 6%.', [[4, 6]]],
    ['Senior staff see pay jumps of 20-30%+.', [[20, 30]]],
    ['The market grew 20% last year.', []],
    ['Revenue increases of 10% raise pay.', []],
  ])('raises in %s', (text, raises) => {
    expect(raisesIn({ text, frames: [] }, classifier).map((r) => [r.low, r.high])).toEqual(raises);
  });
});
