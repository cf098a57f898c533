/**
 * The rungs of the career ladder a passage or a question can be about, lowest first. The words
 * employers use for each (graduate, medior, principal, head of ML…) are data: `knowledge/thesaurus.yaml`.
 */
export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Levels that span the ladder: a passage or figure naming three rungs or more ("junior, mid-level
 * and senior engineers…") describes the progression, not one rung, and counts as for all levels.
 */
export function spansLadder(levels: readonly Level[]): boolean {
  return levels.length >= 3;
}

/** The ladder in a sentence: "junior, mid, senior or staff". */
export const LEVEL_LIST = `${LEVELS.slice(0, -1).join(', ')} or ${LEVELS.at(-1)}`;

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** Where a knowledge document came from, as its front matter says. */
export interface Source {
  /** Stable id: the file name without `.md`. */
  id: string;
  title: string;
  publisher: string;
  url?: string;
  sourceFile?: string;
  published?: string;
  updated?: string;
  /** Path of the Markdown file, relative to the knowledge folder. */
  path: string;
}

/** One block of a section as written in the Markdown file. */
export interface Block {
  kind: 'paragraph' | 'list' | 'table' | 'other';
  /** The Markdown source of the block, trimmed. */
  raw: string;
  /** 1-based line of the block in its file. */
  line: number;
  /** For lists: each top-level item's Markdown source (nested items included); for tables: each body row. */
  items?: string[];
  /** For tables: the header row and the delimiter row, as written. */
  header?: string;
}

/** A run of blocks under one heading. */
export interface Section {
  /** Headings from the outermost to this section's own (empty before the first heading). */
  headingPath: string[];
  line: number;
  blocks: Block[];
}

export interface KnowledgeDocument {
  source: Source;
  sections: Section[];
}

/** The unit the bot quotes: a paragraph, or a list (or part of one) with its lead-in line. */
export interface Passage {
  /** `doc#heading-path#n`, stable across rebuilds of the same file. */
  id: string;
  sourceId: string;
  headingPath: string[];
  /** A paragraph ending in ':' that introduces the list this passage quotes, if any. */
  leadIn?: string;
  /** Markdown text exactly as a reply quotes it (lead-in included). */
  text: string;
  line: number;
  levels: Level[];
  /** Topic name → strength of the evidence (heading words weigh more than body words). */
  topics: Record<string, number>;
  /** Position in its document: ties keep the author's order. */
  order: number;
  features: PassageFeatures;
}

/** What a passage offers besides its words (see knowledge/features.ts). */
export interface PassageFeatures {
  /** Topics its own heading or lead-in names. */
  frame: string[];
  /** 0–1: how much of it is facts (figures, names, list items) rather than general prose. */
  concrete: number;
  /** 0–1: the share of its list items that start with a verb (steps, tips). */
  steps: number;
  /** Figures it quotes: amounts, percentages, years or hours. */
  figures: number;
  /** Names it mentions: tools, platforms, companies, titles ("Kaggle", "TensorFlow", "AWS"). */
  names: number;
  /** It only announces what follows ("consider these best practices:"), which is not in it. */
  introOnly?: boolean;
  /** 0–1: how much it is one person's story ("I", "my", "me"): one per 25 words or more is 1. */
  firstPerson?: number;
}

/** One money figure quoted in a passage, with what it is a figure of. */
export interface Figure {
  /** The figure exactly as the passage writes it, e.g. "$147,000 to $182,182" or "$172,654+". */
  text: string;
  low?: number;
  high?: number;
  /** "+" after the figure: the amount is a floor, not a range end. */
  openEnded: boolean;
  /** The period pay is per (a year, month, day or hour); percent for a raise ("3-5%"). */
  unit: 'year' | 'month' | 'day' | 'hour' | 'percent';
  /** ISO 4217 code of a money figure's currency as the document writes it ("USD", "GBP", "INR"); never converted. */
  currency?: string;
  /** What the figure measures: base, total, median, average, additional cash… (words the text uses). */
  basis: string[];
  /** Career levels the figure is for; empty: all levels. */
  levels: Level[];
  /** Its levels were read from the words after it ("… for experienced professionals"): the figure's, not its passage's. */
  levelsAfter?: boolean;
  place?: string;
  /** Industry or kind of company ("Real Estate", "AI startups", "Top tech companies"). */
  industry?: string;
  /** Where the numbers come from, as the text names it (Glassdoor, O*NET, BLS…). */
  dataSource?: string;
  year?: number;
  passageId: string;
  sourceId: string;
}
