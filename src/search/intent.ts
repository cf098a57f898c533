import { normalizeText } from './text.js';

/**
 * What kind of answer a question asks for, read from its wording (English question patterns):
 * steps and tips ("how do I get…"), places to learn ("where can I learn…"), or figures ("how
 * much…", "what percent…", or a question about the job outlook).
 */
export interface Intent {
  steps: boolean;
  learn: boolean;
  figures: boolean;
}

const STEPS =
  /\bhow (?:do|can|could|should|would|to|does one|might)\b|\b(?:steps?|tips?|ways? to|advice|strategies|best way)\b/;
const FIGURES =
  /\bhow (?:much|many|fast|quickly|big|large|high|long)\b|\bwhat (?:percent(?:age)?|rate|number|amount)\b|\b(?:percent(?:age)?|rate|figures?|numbers?|statistics|stats)\b/;
const LEARN =
  /\b(?:where|which|what|best|good)\b.*\b(?:learn|learning|study|studying|courses?|resources?|platforms?|tutorials?|books?|websites?|sites?)\b|\b(?:courses?|resources|tutorials?)\b/;

/** The thesaurus topic of the job outlook (growth, demand): it is told in figures, growth rates and openings. */
const OUTLOOK_TOPIC = 'outlook';

/** What kind of answer a question wants, from its wording and the topics read in it. */
export function readIntent(text: string, topics: ReadonlyMap<string, number> = new Map()): Intent {
  const t = normalizeText(text);
  // Steps give way only to a question worded for figures or places to learn, not to its topic.
  const askedForFigures = FIGURES.test(t);
  const learn = LEARN.test(t);
  return {
    figures: askedForFigures || topics.has(OUTLOOK_TOPIC),
    learn,
    steps: !askedForFigures && !learn && STEPS.test(t),
  };
}
