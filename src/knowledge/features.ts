import type { Lexicon } from '../search/lexicon.js';
import { STOP_WORDS } from '../search/text.js';
import type { Classifier } from './classify.js';
import { splitSentences } from './sentences.js';
import type { PassageFeatures } from './types.js';

const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+|^\s*\|/;
const FIGURE = /\$\s?\d[\d,.]*\s*(?:k\b)?|\b\d+(?:\.\d+)?\s*%|\b\d+(?:[.,]\d+)*\+?\s*(?:years?|hours?)\b/gi;
/** The words of someone telling their own story. */
const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", 'i’m', "i've", 'i’ve', "i'd", 'i’d']);
const WORD = /[\p{L}][\p{L}\p{N}.+#'’-]*/gu;

/** A name, not a word: "TensorFlow", "Kaggle", "AWS", "C++", or a capitalised word inside a sentence. */
function isName(token: string, atStart: boolean, lexicon: Lexicon): boolean {
  if (!/^\p{Lu}/u.test(token)) return false;
  const bare = token.replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
  if (/\p{Lu}/u.test(bare.slice(1)) || /[+#\d]/.test(bare)) return true;
  const lower = bare.toLowerCase();
  if (STOP_WORDS.has(lower)) return false;
  if (!lexicon.isEnglish(lower)) return true;
  return !atStart;
}

/**
 * What a passage offers besides its words, computed once at index time:
 * - `frame`: the topics its own heading or lead-in names (what the author says it is about);
 * - `concrete`: how much of it is facts (figures, names, list items) rather than general prose,
 *   from 0 to 1 ("Lead ML Engineer, Machine Learning Architect" is concrete; "this could be the
 *   perfect career path for you" is not);
 * - `steps`: the share of its list items that start with a verb, as steps and tips do
 *   ("Build a strong online presence", "Ask for referrals");
 * - `introOnly`: it only announces what comes next ("consider these best practices:") and holds none of it;
 * - `firstPerson`: how much it is one person's story, told in the first person.
 */
export function passageFeatures(
  heading: string,
  leadIn: string,
  body: string,
  classifier: Classifier,
  lexicon: Lexicon,
): PassageFeatures {
  // The lead-in's last sentence is the one that introduces the list ("Key technical skills include:").
  const introduction = splitSentences(leadIn).at(-1) ?? '';
  const frame = [
    ...new Set(
      classifier.topicMatches(classifier.wordsOf(`${heading}\n${introduction}`)).map((m) => m.topic),
    ),
  ];
  const lines = body.split('\n').filter((l) => l.trim());
  const items = lines.filter((l) => ITEM.test(l));
  let names = 0;
  let words = 0;
  let mine = 0;
  for (const line of lines) {
    // Sentence starts (and item starts) are capitalised anyway: only names count there.
    for (const m of line.replace(ITEM, '').matchAll(WORD)) {
      words++;
      if (FIRST_PERSON.has(m[0].toLowerCase())) mine++;
      const before = line.replace(ITEM, '').slice(0, m.index).trimEnd();
      const atStart = !before || /[.!?:;–—-]$/.test(before);
      if (isName(m[0], atStart, lexicon)) names++;
    }
  }
  const figures = body.match(FIGURE)?.length ?? 0;
  const facts = figures + names * 0.5 + items.length * 0.3;
  const concrete = Math.min(1, facts / (1 + words / 20));
  let verbs = 0;
  for (const item of items) {
    // "Build a strong online presence", not "Machine Learning Developer" (a title-case name).
    const [first = '', second = ''] = item.replace(ITEM, '').replace(/^\*\*/, '').split(/\s+/);
    if (/^\p{L}+$/u.test(first) && !/^\p{Lu}/u.test(second) && lexicon.isBaseVerb(first.toLowerCase())) verbs++;
  }
  // A paragraph that only announces what follows ("consider these best practices:") with nothing
  // following it in the passage (its list is under the next headings).
  const introOnly =
    !leadIn && !items.length && /:\s*$/.test(body.trim()) && splitSentences(body).length === 1;
  const firstPerson = Math.round(Math.min(1, (mine * 25) / Math.max(1, words)) * 100) / 100;
  return {
    ...(firstPerson ? { firstPerson } : {}),
    frame,
    concrete: Math.round(concrete * 100) / 100,
    introOnly,
    steps: items.length ? Math.round((verbs / items.length) * 100) / 100 : 0,
    figures,
    names,
  };
}
