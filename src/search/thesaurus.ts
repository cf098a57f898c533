import { STOP_WORDS, stem, tokenize } from './text.js';
import { LEVELS, type Level } from '../knowledge/types.js';

/** A phrase as stemmed words, stop words kept so "less than a year" stays a phrase. */
export type Phrase = string[];

/**
 * A thesaurus as written (knowledge/thesaurus.yaml, checked by knowledge/parseThesaurus): each
 * level's tags (words documents use) and asked-only words, each topic's phrases, synonym lines.
 */
export interface ThesaurusData {
  levels: Partial<Record<Level, { tags: string[]; asked: string[] }>>;
  topics: Record<string, string[]>;
  synonyms: string[];
}

/** The thesaurus in the form the engine uses: phrases already stemmed. */
export interface Thesaurus {
  levels: Array<{ level: Level; phrase: Phrase; askedOnly: boolean }>;
  topics: Array<{ topic: string; phrase: Phrase }>;
  /** A question phrase `from` also looks for each phrase in `to`. */
  synonyms: Array<{ from: Phrase; to: Phrase[] }>;
  topicNames: string[];
}

export function phraseOf(text: string): Phrase {
  return tokenize(text).map((t) => stem(t.word));
}

/** Every stemmed word the thesaurus names: known words, never "corrected" into something else. */
export function thesaurusWords(thesaurus: Thesaurus): Set<string> {
  return new Set(
    [
      ...thesaurus.levels.map((l) => l.phrase),
      ...thesaurus.topics.map((t) => t.phrase),
      ...thesaurus.synonyms.flatMap((s) => [s.from, ...s.to]),
    ].flat(),
  );
}

function usable(p: Phrase): boolean {
  return p.length > 1 || (p.length === 1 && !STOP_WORDS.has(p[0]!));
}

/** Turns checked thesaurus data into stemmed phrases. */
export function compileThesaurus(data: ThesaurusData): Thesaurus {
  const levels: Thesaurus['levels'] = [];
  for (const level of LEVELS) {
    const entry = data.levels[level];
    if (!entry) continue;
    for (const t of entry.tags) levels.push({ level, phrase: phraseOf(t), askedOnly: false });
    for (const t of entry.asked) levels.push({ level, phrase: phraseOf(t), askedOnly: true });
  }
  const topics: Thesaurus['topics'] = [];
  for (const [topic, phrases] of Object.entries(data.topics)) {
    for (const p of phrases) topics.push({ topic, phrase: phraseOf(p) });
  }
  const synonyms: Thesaurus['synonyms'] = [];
  for (const line of data.synonyms) {
    const [left = '', right] = line.split('=>');
    const from = left.split(',').map(phraseOf).filter(usable);
    if (right === undefined) {
      for (const f of from) synonyms.push({ from: f, to: from.filter((o) => o !== f) });
    } else {
      const to = right.split(',').map(phraseOf).filter(usable);
      for (const f of from) synonyms.push({ from: f, to });
    }
  }
  return {
    levels: levels.filter((l) => usable(l.phrase)),
    topics: topics.filter((t) => usable(t.phrase)),
    synonyms,
    topicNames: Object.keys(data.topics),
  };
}

export const EMPTY_THESAURUS: Thesaurus = { levels: [], topics: [], synonyms: [], topicNames: [] };

export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Finds every occurrence of the given phrases in a stemmed word sequence. Indexed by first word,
 * so the cost grows with the text, not with the size of the thesaurus.
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Array<{ phrase: Phrase; value: T }>>();

  constructor(entries: Iterable<{ phrase: Phrase; value: T }>) {
    for (const e of entries) {
      const first = e.phrase[0];
      if (first === undefined) continue;
      let list = this.byFirst.get(first);
      if (!list) this.byFirst.set(first, (list = []));
      list.push(e);
    }
  }

  match(words: readonly string[]): Array<PhraseMatch<T>> {
    const out: Array<PhraseMatch<T>> = [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirst.get(words[i]!);
      if (!candidates) continue;
      for (const { phrase, value } of candidates) {
        let ok = i + phrase.length <= words.length;
        for (let k = 1; ok && k < phrase.length; k++) ok = words[i + k] === phrase[k];
        if (ok) out.push({ start: i, end: i + phrase.length, value });
      }
    }
    return out;
  }
}
