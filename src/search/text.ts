import { stemmer } from 'stemmer';

/**
 * English function words that carry no meaning for retrieval. Question words are here too: a
 * question's "how much" is carried by its topic words, not by these.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most my
  myself no nor not of off on once only or other our ours ourselves out over own same she should so some
  such than that the their theirs them themselves then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours
  yourself yourselves also get got may might must shall us let lets im ive id youre dont doesnt whats
  weve theyre theyve youve youll ill itll theyd youd cant wont isnt arent wasnt werent
  didnt couldnt shouldnt wouldnt havent hasnt hadnt thats theres heres whos
  hows etc eg e g ie i e much many tell show give want need know like please thanks thank explain describe
  everyone everybody anyone anybody someone somebody everything anything something`
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower-cases and folds typographic variants so "Master’s" and "Master's" are the same word. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-');
}

export interface Token {
  /** The word as typed, lower-cased. */
  word: string;
  /** Position among the words of the text, to match phrases. */
  position: number;
}

const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*(?:\+\+|#|\+)?/gu;

/**
 * Splits text into words: letters and digits, keeping `c++`/`c#`, numbers with separators
 * (`172,654` → `172654`) and dropping possessive `'s`. Hyphenated compounds also yield the joined
 * word (`fine-tune` → `fine`, `tune`, `finetune`) so "finetune", "fine tune" and "fine-tune" meet.
 */
export function tokenize(text: string): Token[] {
  const norm = normalizeText(text).replace(/'s\b/g, '').replace(/'/g, '');
  const out: Token[] = [];
  let position = 0;
  for (const m of norm.matchAll(WORD)) {
    let word = m[0];
    if (/^\p{N}/u.test(word)) word = word.replace(/,(?=\d{3}\b)/g, '').replace(/[.,+#]+$/, '');
    out.push({ word, position: position++ });
    const end = (m.index ?? 0) + m[0].length;
    const next = norm.slice(end).match(/^-([\p{L}\p{N}]+)/u);
    if (next?.[1] && /\p{L}/u.test(word)) {
      out.push({ word: word + next[1], position: position - 1 });
    }
  }
  return out;
}

const stemCache = new Map<string, string>();

/**
 * Reduces a word to its search term: Porter stem, with a final "y" folded to "i" so that
 * "deploy", "deploying" and "deployment" (Porter: deploi / deploy) meet.
 */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^\p{N}/u.test(word) || word.length < 3 ? word : stemmer(word).replace(/y$/, 'i');
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** Words of a text as search terms, stop words removed. Used for indexing and for queries alike. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (!STOP_WORDS.has(t.word)) out.push(stem(t.word));
  return out;
}

/** Damerau–Levenshtein distance (adjacent transpositions count once), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * Adjacent word pairs ("data_engin", "real_estat") of a text, stop words skipped: indexed beside the
 * words, they let a question's phrase outrank passages that only hold its words far apart.
 */
export function wordPairs(text: string): string[] {
  const stems = terms(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < stems.length; i++)
    if (stems[i] !== stems[i + 1]) out.push(`${stems[i]}_${stems[i + 1]}`);
  return out;
}

/** Words that open a question ("what…", "is it…", "any tips…"), when it has no question mark. */
const QUESTION_OPENERS =
  /^(?:what|whats|how|hows|which|where|when|who|whom|whose|why|is|are|am|was|were|do|does|did|can|could|should|shall|will|would|may|might|any|anyone|tell|explain|please)\b/i;

/**
 * The question's words, sentence by sentence, and which of them are context: in a message that
 * asks in some sentences and tells in others ("I'm a teacher of 14 years… What does an ML engineer
 * do all day?"), the telling sentences say who asks and why, not what is asked.
 */
export function tokenizeSentences(text: string): { tokens: Token[]; context: Set<number> } {
  const sentences = text
    .split(/(?<=[^.\s]{2}[.!?])\s+|\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ text: t, question: /\?\s*$/.test(t) || QUESTION_OPENERS.test(t) }));
  const mixed = sentences.some((s) => s.question) && sentences.some((s) => !s.question);
  const tokens: Token[] = [];
  const context = new Set<number>();
  let offset = 0;
  for (const sentence of sentences) {
    const own = tokenize(sentence.text);
    for (const t of own) {
      if (mixed && !sentence.question) context.add(tokens.length);
      tokens.push({ word: t.word, position: t.position + offset });
    }
    offset += (own.at(-1)?.position ?? -1) + 1;
  }
  return { tokens, context };
}
