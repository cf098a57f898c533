import { normalizeText } from './text.js';

/**
 * What kind of answer a question asks for, read from its wording (English question patterns, not
 * topic words): steps and tips ("how do I get…"), places to learn ("where can I learn…"), or
 * figures ("how much…", "what percent…").
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

export function readIntent(text: string): Intent {
  const t = normalizeText(text);
  const figures = FIGURES.test(t);
  const learn = LEARN.test(t);
  return { figures, learn, steps: !figures && !learn && STEPS.test(t) };
}
