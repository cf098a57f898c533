import type { Figure, Level } from '../knowledge/types.js';
import type { ChartData } from '../chart/chartData.js';

/** One quoted passage in an answer, with everything needed to cite it. */
export interface Result {
  passageId: string;
  /** Its source's place among the knowledge's sources (by publisher, else title): picks its colour (sourceColors). */
  sourceIndex: number;
  title: string;
  publisher: string;
  url?: string;
  /** Heading path inside the document, joined with ' › '. */
  heading: string;
  text: string;
  score: number;
  levels: Level[];
  topics: string[];
}

/** One line of a salary comparison: a figure, the document quoting it, and its passage's place. */
export interface FigureRow extends Omit<Figure, 'sourceId'> {
  /** Title and publisher of the document quoting it. */
  source: string;
  publisher: string;
  /** Position of its passage in the answer's list (what "n of m" counts), when listed. */
  rank?: number;
  /** Other bases the same source quotes this same figure with ("average" beside "average base"). */
  alsoAs?: string[];
}

export interface PassagesAnswer {
  kind: 'passages';
  /** Human description of what was asked, e.g. "/salary level:senior". */
  asked: string;
  results: Result[];
  /** 0-based index of the first result in the full ranked list. */
  offset: number;
  /** How many relevant passages exist in all. */
  total: number;
  /** A short note shown above the passages (e.g. a spelling correction). */
  notice?: string;
  /** For /salary: the figures the sources give, side by side (best-ranked passages first). */
  figures?: FigureRow[];
  /** For /salary: the yearly dollar figures as a range chart's rows (none when no figure is yearly). */
  chart?: ChartData;
  /** For /salary with figures but none to draw: says why there is no picture. */
  chartNote?: string;
}

export interface MessageAnswer {
  kind: 'message';
  asked: string;
  title: string;
  /** Lines of plain text (Markdown allowed). */
  lines: string[];
  /** Commands worth trying next. */
  suggestions?: string[];
  /** Nothing in the knowledge answers the question: shown only to the asker, never shared or pinged. */
  noMatch?: boolean;
}

/** A user's mistake (bad option, empty question): shown as written, privately. */
export interface UserErrorAnswer {
  kind: 'error';
  asked: string;
  message: string;
}

export type Answer = PassagesAnswer | MessageAnswer | UserErrorAnswer;
