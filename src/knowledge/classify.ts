import { PhraseMatcher, type Thesaurus } from '../search/thesaurus.js';
import { normalizeText, stem, tokenize } from '../search/text.js';
import type { Level } from './types.js';
import { amountsIn } from './money.js';

/**
 * The career level that a stated amount of experience points to: "(0-2 years)" is junior,
 * "(4-6 years experience)" mid, "(10+ years)" or "5+ years" senior.
 */
export function levelFromYears(low: number, high: number | undefined, openEnded: boolean): Level {
  if (high !== undefined && high <= 3) return 'junior';
  if (high === undefined && !openEnded) return low <= 2 ? 'junior' : low <= 6 ? 'mid' : 'senior';
  if (low >= 7 || (openEnded && low >= 5)) return 'senior';
  return 'mid';
}

const YEAR_RANGE = /(\d{1,2})\s*(?:-|to)\s*(\d{1,2})(\+?)\s*(?:years?|yrs?)\b/g;
const YEAR_PLUS = /(\d{1,2})\+\s*(?:years?|yrs?)\b/g;
const YEAR_SINGLE = /\b(\d{1,2})\s*(?:years?|yrs?)(?:\s+of)?\s+(?:experience|exp)\b/g;
const UNDER_A_YEAR = /\b(?:less than|under) (?:a|one) year\b/;

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'g');

/** Levels implied by amounts of experience written in the text ("5+ years", "five or more years"). */
export function levelsFromExperience(text: string, singleYears: boolean): Set<Level> {
  const norm = normalizeText(text)
    .replace(NUMBER_WORD, (w) => String(NUMBER_WORDS.indexOf(w)))
    .replace(/\b(\d{1,2}) or more (years?|yrs?)\b/g, '$1+ $2');
  const out = new Set<Level>();
  if (UNDER_A_YEAR.test(norm)) out.add('junior');
  for (const m of norm.matchAll(YEAR_RANGE))
    out.add(levelFromYears(Number(m[1]), Number(m[2]), m[3] === '+'));
  for (const m of norm.matchAll(YEAR_PLUS)) out.add(levelFromYears(Number(m[1]), undefined, true));
  if (singleYears && !out.size) {
    for (const m of norm.matchAll(YEAR_SINGLE)) out.add(levelFromYears(Number(m[1]), undefined, false));
  }
  return out;
}

/** Topic words stop adding evidence past this: a long passage is not more on-topic for repeating a word. */
const MAX_WORD_EVIDENCE = 4;

/** Infers levels and topics from headings and text, with the rules and phrases of the thesaurus. */
export class Classifier {
  private readonly documentLevels: PhraseMatcher<Level>;
  private readonly askedLevels: PhraseMatcher<Level>;
  private readonly topics: PhraseMatcher<string>;

  constructor(thesaurus: Thesaurus) {
    this.documentLevels = new PhraseMatcher(
      thesaurus.levels.filter((l) => !l.askedOnly).map((l) => ({ phrase: l.phrase, value: l.level })),
    );
    this.askedLevels = new PhraseMatcher(thesaurus.levels.map((l) => ({ phrase: l.phrase, value: l.level })));
    this.topics = new PhraseMatcher(thesaurus.topics.map((t) => ({ phrase: t.phrase, value: t.topic })));
  }

  /** A text's words as the thesaurus phrases are written: stemmed. */
  wordsOf(text: string): string[] {
    return tokenize(text).map((t) => stem(t.word));
  }

  /** Levels a document's text names: by phrase, else by years of experience ("Senior (5–8 years)" is senior). */
  levelsOfText(text: string): Set<Level> {
    const words = tokenize(text).map((t) => stem(t.word));
    const named = new Set(this.documentLevels.match(words).map((m) => m.value));
    return named.size ? named : levelsFromExperience(text, false);
  }

  /** Levels a question asks about, with the looser question-only phrases. */
  levelsAsked(words: readonly string[], text: string): Array<{ level: Level; start: number; end: number }> {
    const found = this.askedLevels.match(words).map((m) => ({ level: m.value, start: m.start, end: m.end }));
    for (const level of levelsFromExperience(text, true)) found.push({ level, start: -1, end: -1 });
    return found;
  }

  /** Topic phrases found in a stemmed word sequence. */
  topicMatches(words: readonly string[]): Array<{ topic: string; start: number; end: number }> {
    return this.topics.match(words).map((m) => ({ topic: m.value, start: m.start, end: m.end }));
  }

  /**
   * How strongly a passage is about each topic: distinct topic phrases in its headings and lead-in
   * count 2, in its text 1; each money figure counts toward salary.
   */
  topicsOf(headings: string, leadIn: string, text: string): Record<string, number> {
    const score: Record<string, number> = {};
    const add = (source: string, weight: number) => {
      const seen = new Set<string>();
      for (const m of this.topics.match(tokenize(source).map((t) => stem(t.word)))) {
        const key = `${m.value}:${m.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        score[m.value] = (score[m.value] ?? 0) + weight;
      }
    };
    add(headings, 2);
    add(leadIn, 2);
    add(text, 1);
    // Words alone say a passage talks about a topic; for pay, only figures say it answers.
    for (const topic of Object.keys(score)) score[topic] = Math.min(score[topic]!, MAX_WORD_EVIDENCE);
    const money = amountsIn(text).length;
    if (money) score.salary = (score.salary ?? 0) + Math.min(money, 3) * 1.5;
    return score;
  }
}
