import type { Figure, Level } from '../knowledge/types.js';

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

/** What /salary filters its figures by (each optional). */
export interface FigureFilter {
  level?: Level;
  location?: string;
  industry?: string;
}

// The chart the core puts in a salary answer (its rows; only the front ends draw it).

/** One bar (or dot) of the range chart: a yearly dollar figure as one source gives it. */
export interface ChartRow {
  /** The level group it is drawn in: "All levels", "Junior", "Mid", "Senior" (or "Junior/mid"). */
  group: string;
  /** Position of its group: all levels first, then junior to senior. */
  groupOrder: number;
  /** The row's label: source · basis (· place, industry), e.g. "Dataquest · total". */
  label: string;
  /** A key unique within the chart (two rows may share a label). */
  key: string;
  /** Whose figure it is: the legend's entry and the bar's colour. */
  source: string;
  /** The figure exactly as the source writes it. */
  text: string;
  /** The figure in thousands, as the chart writes it beside its bar: "$147k–$182.2k", "$172.7k+", "up to $152.6k". */
  short: string;
  /** ISO code of its currency: each currency is drawn on its own axis, never converted. */
  currency: string;
  /** Amount per year in its currency; `low === high` for a single amount. */
  low: number;
  high: number;
  /** "$172,654+": the source gives a floor, the true range goes on. */
  openEnded: boolean;
}

/** What a chart draws: its rows, its title and the sources it cites. */
export interface ChartData {
  title: string;
  rows: ChartRow[];
  /**
   * The sources drawn, in legend order (the knowledge's), each with its place among all the
   * knowledge's sources (which picks its colour, the same on every chart).
   */
  sources: Array<{ name: string; index: number }>;
  /** "Sources: Dataquest (Glassdoor), AiPathly." */
  credit: string;
  /** Figures of the answer that are not yearly amounts (hourly wages, day rates, raise percentages): listed, not drawn. */
  leftOut: number;
  /** The currencies drawn, one panel and axis each, in the order the comparison lists them (US dollars first). */
  currencies: string[];
}
