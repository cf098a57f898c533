import type { Engine } from './engine.js';
import { normalizeText } from './text.js';
import { LIMITS } from '../limits.js';

/** Most suggestions any front end shows (Discord's autocomplete limit). */
export const MAX_SUGGESTIONS = LIMITS.autocompleteChoices;
/** Longest suggestion (Discord's limit on a choice's name and value). */
export const MAX_SUGGESTION_LENGTH = LIMITS.choiceName;

interface Topic {
  text: string;
  words: string[];
  passages: number;
}

const topicCache = new WeakMap<Engine, Topic[]>();

/** The section headings of the knowledge, most passages first: what the documents are about. */
function topics(engine: Engine): Topic[] {
  let list = topicCache.get(engine);
  if (list) return list;
  const counts = new Map<string, number>();
  for (const p of engine.passages) {
    for (const heading of p.headingPath) {
      const text = heading.replace(/\s+/g, ' ').trim();
      if (text.length >= 3 && text.length <= MAX_SUGGESTION_LENGTH)
        counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  const seen = new Set<string>();
  list = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .filter(([text]) => {
      const key = normalizeText(text).toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(([text, passages]) => ({ text, passages, words: wordsOf(text) }));
  topicCache.set(engine, list);
  return list;
}

function wordsOf(text: string): string[] {
  return normalizeText(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Cuts at a word boundary to fit a choice. */
function fit(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= MAX_SUGGESTION_LENGTH) return t;
  const cut = t.lastIndexOf(' ', MAX_SUGGESTION_LENGTH);
  return t.slice(0, cut > 20 ? cut : MAX_SUGGESTION_LENGTH).trim();
}

/**
 * Suggestions for a question being typed: what was typed so far (so it can be sent as is), the
 * headings whose words start with the typed words, then the headings of the passages that would
 * answer it. Empty input lists the knowledge's main topics. Always at most 25, each ≤ 100 chars.
 */
export function suggest(engine: Engine, typed: string): string[] {
  const text = fit(typed);
  const all = topics(engine);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const key = s.toLowerCase();
    if (!s || seen.has(key) || out.length >= MAX_SUGGESTIONS) return;
    seen.add(key);
    out.push(s);
  };
  if (!text) {
    for (const t of all) add(t.text);
    return out;
  }
  add(text);
  const typedWords = wordsOf(text);
  if (typedWords.length) {
    for (const t of all) {
      if (typedWords.every((w) => t.words.some((tw) => tw.startsWith(w)))) add(t.text);
    }
    for (const r of engine.rank({ text }).ranked.slice(0, MAX_SUGGESTIONS)) {
      const heading = r.passage.headingPath.at(-1);
      if (heading) add(fit(heading));
    }
  }
  return out;
}
