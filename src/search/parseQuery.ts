import { Classifier } from '../knowledge/classify.js';
import type { Level } from '../knowledge/types.js';
import { baseForms, type Lexicon } from './lexicon.js';
import type { SpellingCorrector } from './spelling.js';
import { PhraseMatcher, type Phrase, type Thesaurus } from './thesaurus.js';
import { STOP_WORDS, stem, tokenize, tokenizeSentences, type Token } from './text.js';
import { readAbbreviation, readAcronym } from './abbreviations.js';
import {
  ARTICLES,
  ASKER_IS,
  HOW_MEASURES,
  MISSING_PARAM,
  missingKind,
  type MissingKind,
} from './missingWords.js';
import { readChatEnglish } from './chatEnglish.js';
import { focusPositions } from './focus.js';
import { DEFAULT_PARAMS, type RankingParams } from './rankingParams.js';

/**
 * Verbs whose object is people (stemmed): a level word right after one names those people
 * ("mentoring juniors"), so it is searched as a word, not read as the level the question is about.
 */
/** Words right before a level that make it the rung a question moves to: "get to mid-level", "become a senior". */
const TARGET_WORDS = new Set(['to', 'into', 'becom', 'become', 'reach']);

const PEOPLE_VERBS = new Set(
  [
    'mentor',
    'mentoring',
    'manage',
    'managing',
    'supervise',
    'supervising',
    'train',
    'training',
    'coach',
    'coaching',
    'teach',
    'teaching',
    'hire',
    'hiring',
    'onboard',
    'onboarding',
    'guide',
    'guiding',
    'recruit',
    'recruiting',
  ].map(stem),
);

export type { MissingKind } from './missingWords.js';

export interface Query {
  /** Free text typed by the user (may be empty for a typed command). */
  text: string;
  /** Levels chosen with an option: a hard preference. */
  levels?: Level[];
  /** Topic chosen by the command (`/salary` → salary): results must be about it. */
  topic?: string;
}

export interface ParsedQuery {
  levels: Set<Level>;
  topics: Map<string, number>;
  terms: Map<string, number>;
  /** Term → the typed words (by position) it stands for. */
  conceptOf: Map<string, Set<number>>;
  /** Typed word (by position) → its weight, for measuring how much of the question a passage covers. */
  conceptWeight: Map<number, number>;
  corrections: Array<{ from: string; to: string }>;
  /** Typed words that matched nothing known, even after spelling correction. */
  unknown: string[];
  /** Typed word (by position) → how specific a word of English it is (1, or less for "say", "get"). */
  specificity: Map<number, number>;
  /** Content words of the question that no passage has, even through the thesaurus, with their weight. */
  missing: Array<{ word: string; kind: MissingKind; weight: number }>;
  /**
   * How specific the most specific missing word is among those the question asks for by name
   * ("best *books* for…", "how much *penalty*"), 0 when the documents have them all.
   */
  focusMissing: number;
}

/** Words of moving into a career (stemmed): "switch", "become", "transition", "pivot", "retrain"… */
const CHANGING = new Set(
  [
    'switch',
    'switching',
    'become',
    'becoming',
    'transition',
    'transitioning',
    'pivot',
    'pivoting',
    'move',
    'moving',
    'retrain',
    'retraining',
    'change',
    'changing',
    'enter',
    'entering',
    'break',
    'get',
    'into',
  ].map(stem),
);

/** What the parser needs to know of the knowledge. */
export interface QueryParserContext {
  thesaurus: Thesaurus;
  /** Stem → number of passages containing it. */
  documentFrequency: Readonly<Record<string, number>>;
  passageCount: number;
  corrector: SpellingCorrector;
  /** English words (WordNet): an English word the documents lack is missing, not misspelt. Loaded on first need. */
  lexicon: () => Lexicon;
  /** Surface words of the documents, for reading abbreviations ("atl" → "atlanta"). */
  vocabulary: Readonly<Record<string, { count: number }>>;
  /** Stem → specificity of the documents' common words (EngineData.specificity). */
  specificity: Readonly<Record<string, number>>;
  /** Stemmed words of the thesaurus. */
  thesaurusWords: ReadonlySet<string>;
  /** Initials → the documents' phrase they stand for ("mle" → "machine learning engineer"). */
  acronyms: Readonly<Record<string, string>>;
  /** The ranking's knobs (term weights, missing-word weights). */
  params?: RankingParams;
  /** Surface words of the documents whose commonest sense is an adjective or adverb ("good", "really"). */
  modifiers?: ReadonlySet<string>;
}

/** Understands a question: levels, topics, search terms with weights, spelling corrections. */
export class QueryParser {
  private readonly classifier: Classifier;
  private readonly synonyms: PhraseMatcher<Phrase[]>;
  private readonly df: Readonly<Record<string, number>>;
  /** Words the thesaurus knows (stemmed): never "corrected" into something else. */
  readonly knownWords: ReadonlySet<string>;
  private readonly params: RankingParams;

  constructor(private readonly context: QueryParserContext) {
    this.params = context.params ?? DEFAULT_PARAMS;
    const { thesaurus } = context;
    this.classifier = new Classifier(thesaurus);
    this.synonyms = new PhraseMatcher(thesaurus.synonyms.map((s) => ({ phrase: s.from, value: s.to })));
    this.df = context.documentFrequency;
    this.knownWords = context.thesaurusWords;
  }

  /** The levels a short phrase names ("entry-level" → junior), through the thesaurus. */
  levelsNamed(text: string): Level[] {
    const words = tokenize(text).map((t) => stem(t.word));
    return [...new Set(this.classifier.levelsAsked(words, text).map((m) => m.level))];
  }

  /** The level a whole phrase names ("entry-level", "experienced"), or undefined if it is not one. */
  levelOfPhrase(text: string): Level | undefined {
    const words = tokenize(text).map((t) => stem(t.word));
    const whole = this.classifier
      .levelsAsked(words, text)
      .filter((m) => m.start === 0 && m.end === words.length);
    const levels = new Set(whole.map((m) => m.level));
    return levels.size === 1 ? [...levels][0] : undefined;
  }

  /** How much a term is worth: words found in most passages ("machine learning engineer") count little. */
  private commonness(stemmed: string): number {
    const { commonLow, commonHigh, commonFloor } = this.params;
    const share = (this.df[stemmed] ?? 0) / Math.max(1, this.context.passageCount);
    if (share <= commonLow) return 1;
    if (share >= commonHigh) return commonFloor;
    return 1 - ((share - commonLow) / (commonHigh - commonLow)) * (1 - commonFloor);
  }

  parse(query: Query): ParsedQuery {
    const P = this.params;
    // Mentions ("@everyone", "<@123>") address people; they are not words of the question.
    // Chat English first ("ppl" → people, "lol" → nothing), so chat is never read as a misspelling.
    const text = readChatEnglish(query.text.replace(/<@[!&]?\d+>|@\S+/g, ' '));
    const { tokens, context } = tokenizeSentences(text);
    const { words, corrections, unknown, expansions } = this.readWords(tokens);
    // Corrected term → whether it was read as an abbreviation (3–4 letters; misspellings are 5+).
    const corrected = new Map(corrections.map((c) => [stem(c.to), c.from.length < 5]));

    const { levels, levelWords } = this.readLevels(query, words, text);
    const topics = new Map<string, number>();
    for (const m of this.classifier.topicMatches(words)) topics.set(m.topic, 1);
    if (query.topic) topics.set(query.topic, 2);

    const weights = new Map<string, number>();
    // Each typed word is a concept; a term found through it (synonym, joined form) serves that concept.
    const conceptOf = new Map<string, Set<number>>();
    const conceptWeight = new Map<number, number>();
    const add = (term: string, weight: number, concept: number) => {
      if (STOP_WORDS.has(term) || !(this.df[term] ?? 0)) return;
      const w = weight * this.commonness(term);
      if (w > (weights.get(term) ?? 0)) weights.set(term, w);
      let concepts = conceptOf.get(term);
      if (!concepts) conceptOf.set(term, (concepts = new Set()));
      concepts.add(concept);
      if (w > (conceptWeight.get(concept) ?? 0)) conceptWeight.set(concept, w);
    };
    // How specific each typed word is in English: "first", "get" say less about the subject than "salary".
    const specificity = new Map<number, number>();
    // What each word adds to the question's meaning, for coverage: an adjective or adverb ("good",
    // "really", "possible") says how the question is asked more than what it is about.
    const meaning = new Map<number, number>();
    tokens.forEach((t, i) => {
      if (STOP_WORDS.has(t.word)) return;
      const specific = this.specificityOf(t.word, words[i]!);
      specificity.set(i, specific);
      meaning.set(i, this.isModifier(t.word, words[i]!) ? specific * P.modifierMeaning : specific);
    });
    words.forEach((w, i) => {
      if (STOP_WORDS.has(tokens[i]!.word)) return;
      const expanded = expansions.get(i);
      if (expanded) {
        // An acronym: each word of its phrase, as sure as an abbreviation (a guess, said in a notice).
        for (const term of expanded) add(term, P.abbreviationWeight, i);
        return;
      }
      const base =
        Math.sqrt(specificity.get(i) ?? 1) *
        (context.has(i) ? P.contextWeight : 1) *
        (levelWords.has(i)
          ? P.levelWordWeight
          : corrected.has(w)
            ? corrected.get(w)
              ? P.abbreviationWeight
              : P.correctionWeight
            : 1);
      add(w, base, i);
      // "data set" also finds "dataset": adjacent words joined, when the documents use the joined form.
      if (i + 1 < words.length) add(stem(tokens[i]!.word + tokens[i + 1]!.word), base, i);
    });
    const content = words.map((w, i) => ({ w, i })).filter(({ i }) => !STOP_WORDS.has(tokens[i]!.word));
    for (let k = 0; k + 1 < content.length; k++) {
      const a = content[k]!;
      const b = content[k + 1]!;
      const pair = `${a.w}_${b.w}`;
      if (!(this.df[pair] ?? 0)) continue;
      weights.set(pair, P.pairWeight);
      conceptOf.set(pair, new Set([a.i, b.i]));
    }
    for (const m of this.synonyms.match(words)) {
      const base =
        (levelWords.has(m.start) ? P.levelWordWeight : 1) * (context.has(m.start) ? P.contextWeight : 1);
      // Every word of a matched phrase ("job hopping") is served by what it stands for.
      for (let k = m.start; k < m.end; k++) {
        if (k > m.start && STOP_WORDS.has(tokens[k]!.word)) continue;
        for (const phrase of m.value) for (const term of phrase) add(term, base * P.synonymWeight, k);
      }
    }
    // A question about moving into what the documents are about ("machine learning", "engineer":
    // words in a good share of all passages; "switch", "become", "transition") is a career changer's:
    // a kind of person it also names is who the asker is ("can a nurse switch into machine
    // learning?"), not another subject ("contractor or employee for our ML hire?" still is one).
    const inDomain =
      words.some((w) => CHANGING.has(w)) &&
      words.some(
        (w, i) =>
          !STOP_WORDS.has(tokens[i]!.word) &&
          (this.df[w] ?? 0) >= P.domainShare * Math.max(1, this.context.passageCount),
      );
    const missing: ParsedQuery['missing'] = [];
    const focus = focusPositions(tokens, this.context.lexicon, (i) => !context.has(i));
    let focusMissing = 0;
    tokens.forEach((t, i) => {
      if (STOP_WORDS.has(t.word) || conceptWeight.has(i) || levelWords.has(i)) return;
      // "needed", "wants", "getting": inflections of function words are function words too.
      if (baseForms(t.word).some(({ base }) => STOP_WORDS.has(base))) return;
      const specific = specificity.get(i) ?? 1;
      // A hyphenated word also yields its joined form at the same position: count the position once.
      if (i > 0 && tokens[i - 1]!.position === t.position) return;
      let kind = missingKind(t.word, this.context.lexicon());
      // "how long", "how far", "how old": the question asks for that measure; it is its subject.
      if (kind === 'modifier' && i > 0 && tokens[i - 1]!.word === 'how' && HOW_MEASURES.has(t.word))
        kind = 'word';
      if (kind === 'person') {
        let k = i - 1;
        while (k >= 0 && ARTICLES.has(tokens[k]!.word)) k--;
        if ((k >= 0 && ASKER_IS.has(tokens[k]!.word)) || inDomain) kind = 'background';
      }
      const weight = P[MISSING_PARAM[kind]] * specific * (context.has(i) ? P.contextWeight : 1);
      missing.push({ word: t.word, kind, weight });
      // A currency in a question about pay is said in a notice, not a reason to refuse ("how much
      // EGP per month?"); other units are not ("how many calories…").
      const currency = kind === 'unit' && topics.has('salary');
      if (focus.has(i) && kind !== 'modifier' && kind !== 'detail' && !currency)
        focusMissing = Math.max(focusMissing, specific);
    });
    return {
      levels,
      topics,
      terms: weights,
      conceptOf,
      conceptWeight,
      specificity: meaning,
      corrections,
      unknown,
      missing,
      focusMissing,
    };
  }

  /**
   * Each typed word as a stem the documents use: as written, in British spelling, as the phrase
   * whose initials it is, as a correction or an abbreviation; or unknown. Stop words are kept
   * (stemmed like the thesaurus phrases) so "what does", "less than a year" match.
   */
  private readWords(tokens: readonly Token[]): {
    words: string[];
    corrections: ParsedQuery['corrections'];
    unknown: string[];
    expansions: Map<number, string[]>;
  } {
    const corrections: ParsedQuery['corrections'] = [];
    const unknown: string[] = [];
    /** Position → the stems of the phrase an acronym there stands for. */
    const expansions = new Map<number, string[]>();
    const words = tokens.map((t, i) => {
      // Stop words are kept (stemmed like the thesaurus phrases) so "what does", "less than a year" match.
      if (STOP_WORDS.has(t.word)) return stem(t.word);
      const s = stem(t.word);
      if (this.overStemmed(t.word, s)) {
        unknown.push(t.word);
        return t.word;
      }
      if ((this.df[s] ?? 0) > 0 || this.knownWords.has(s) || /\p{N}/u.test(t.word)) return s;
      // British spelling of the documents' words ("specialise", "analysed", "organisation").
      const american = t.word
        .replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1')
        .replace(/ys(e|ed|es|ing)$/, 'yz$1');
      if (american !== t.word && (this.df[stem(american)] ?? 0) > 0) return stem(american);
      // A word of English that the documents lack is missing, not misspelt ("pizza" is no typo).
      const english = /^\p{L}+$/u.test(t.word) && this.context.lexicon().isEnglish(t.word);
      // Initials of a phrase the documents use ("mle", "nlp", "mles"), before any other reading.
      const phrase = english ? undefined : readAcronym(t.word, this.context.acronyms);
      if (phrase) {
        corrections.push({ from: t.word, to: phrase });
        const stems = tokenize(phrase).map((p) => stem(p.word));
        expansions.set(i, stems);
        return stems.at(-1)!;
      }
      const fixed = english
        ? undefined
        : (this.context.corrector.correct(t.word) ?? readAbbreviation(t.word, this.context.vocabulary));
      if (fixed) {
        corrections.push({ from: t.word, to: fixed });
        return stem(fixed);
      }
      unknown.push(t.word);
      return s;
    });
    return { words, corrections, unknown, expansions };
  }

  /** The levels a question names, and the positions of their words (a level chosen with an option wins). */
  private readLevels(
    query: Query,
    words: readonly string[],
    text: string,
  ): { levels: Set<Level>; levelWords: Set<number> } {
    const levels = new Set<Level>(query.levels ?? []);
    const levelWords = new Set<number>();
    if (!query.levels?.length) {
      const targets = new Set<Level>();
      for (const m of this.classifier.levelsAsked(words, text)) {
        // "mentoring juniors", "managing seniors": people the asker works with, not the asker's level.
        const previous = words[m.start - 1];
        if (m.start > 0 && previous && PEOPLE_VERBS.has(previous)) continue;
        levels.add(m.level);
        if (m.start > 0 && previous && TARGET_WORDS.has(previous)) targets.add(m.level);
        for (let i = m.start; i >= 0 && i < m.end; i++) levelWords.add(i);
      }
      // "once I've landed a junior role, what should I learn to get to mid-level?": the rung the
      // question moves to is what it asks about, the other one is where the asker stands.
      if (levels.size === 2 && targets.size === 1) return { levels: targets, levelWords };
    }
    return { levels, levelWords };
  }

  /**
   * Whether stemming joined an English word to different words of the documents: "toppings" and
   * "top" share the stem "top", but neither "toppings" nor "topping" is in the documents. Only
   * when the stem kept less than half of the word, so "deploy" still finds "deployment".
   */
  private overStemmed(word: string, stemmed: string): boolean {
    if (stemmed.length * 2 >= word.length || !(this.df[stemmed] ?? 0)) return false;
    const lexicon = this.context.lexicon();
    if (!lexicon.isEnglish(word)) return false;
    // The documents may use the word itself, its base form, or its plural ("certifications").
    if (baseForms(word).some(({ base }) => this.context.vocabulary[base])) return false;
    const plurals = [`${word}s`, `${word}es`, word.endsWith('y') ? `${word.slice(0, -1)}ies` : ''];
    return !plurals.some((p) => p && this.context.vocabulary[p]);
  }

  /** A document word's specificity was computed at index time; only other words need the lexicon. */
  private specificityOf(word: string, stemmed: string): number {
    if (!/^\p{L}+$/u.test(word)) return 1;
    if ((this.df[stemmed] ?? 0) > 0) return this.context.specificity[stemmed] ?? 1;
    return this.context.lexicon().specificity(word);
  }

  /** Whether a typed word's commonest sense is an adjective or adverb (from the index for document words). */
  private isModifier(word: string, stemmed: string): boolean {
    if (!/^\p{L}+$/u.test(word)) return false;
    if (this.context.modifiers?.has(word)) return true;
    if ((this.df[stemmed] ?? 0) > 0) return false;
    const pos = this.context.lexicon().info(word)?.pos;
    return pos === 'adj' || pos === 'adv';
  }
}
