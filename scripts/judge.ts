import type { Answer } from '../src/answers/types.js';

/**
 * A judged question, in the format of the dev set: facets the top `k` passages must show, and
 * optionally what must not come first. `noMatch` questions must get the honest "no good match";
 * `notice` questions must get passages and a notice naming what is missing.
 */
export interface JudgedQuestion {
  id: string;
  q: string;
  k?: number;
  facets?: string[][];
  top1Not?: string[];
  noMatch?: boolean;
  /** A word the notice must name (the place or currency the sources lack). */
  notice?: string;
  kind?: string;
}

export interface JudgeReport {
  questions: number;
  answerable: number;
  /** Mean facet recall over the answerable questions. */
  recall: number;
  full: number;
  hit1: number;
  wrongLevelFirst: number;
  duplicates: number;
  unsourced: number;
  /** Answerable questions that got no passage. */
  falseNoMatch: number;
  offTopic: number;
  /** Off-topic questions answered with the honest no-match. */
  honestNoMatch: number;
  noticesExpected: number;
  noticesGiven: number;
  misses: string[];
}

/** The scorer's normalisation (shared/eval/eval.mjs): case, quotes, dashes, Markdown marks, spaces. */
export const normForJudging = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\\/g, '')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Scores answers to judged questions the way shared/eval/eval.mjs does, plus no-match and notices. */
export function judge(
  questions: readonly JudgedQuestion[],
  answer: (q: string) => Answer | undefined,
): JudgeReport {
  const r: JudgeReport = {
    questions: questions.length,
    answerable: 0,
    recall: 0,
    full: 0,
    hit1: 0,
    wrongLevelFirst: 0,
    duplicates: 0,
    unsourced: 0,
    falseNoMatch: 0,
    offTopic: 0,
    honestNoMatch: 0,
    noticesExpected: 0,
    noticesGiven: 0,
    misses: [],
  };
  let recallSum = 0;
  for (const q of questions) {
    const a = answer(q.q);
    const results = a?.kind === 'passages' ? a.results : [];
    if (q.noMatch) {
      r.offTopic++;
      if (a?.kind === 'message' && !results.length) r.honestNoMatch++;
      else r.misses.push(`${q.id}: off-topic question answered with ${results.length} passages: ${q.q}`);
      continue;
    }
    r.answerable++;
    const facets = q.facets ?? [];
    const texts = results.slice(0, q.k ?? 3).map((p) => normForJudging(p.text));
    const got = facets.filter((alts) => alts.some((s) => texts.some((t) => t.includes(normForJudging(s)))));
    const recall = facets.length ? got.length / facets.length : 1;
    recallSum += recall;
    if (recall === 1) r.full++;
    if (!results.length) r.falseNoMatch++;
    const first = texts[0];
    if (first && facets.some((alts) => alts.some((s) => first.includes(normForJudging(s))))) r.hit1++;
    if (first && (q.top1Not ?? []).some((s) => first.includes(normForJudging(s)))) {
      r.wrongLevelFirst++;
      r.misses.push(`${q.id}: wrong level first`);
    }
    if (new Set(texts).size !== texts.length) {
      r.duplicates++;
      r.misses.push(`${q.id}: duplicate passages`);
    }
    if (results.some((p) => !p.title.trim())) r.unsourced++;
    if (recall < 1)
      r.misses.push(`${q.id}: ${got.length}/${facets.length} facets in top ${q.k ?? 3} for ${q.q}`);
    if (q.notice) {
      r.noticesExpected++;
      const notice = a?.kind === 'passages' ? (a.notice ?? '') : '';
      if (normForJudging(notice).includes(normForJudging(q.notice))) r.noticesGiven++;
      else r.misses.push(`${q.id}: no notice naming "${q.notice}"`);
    }
  }
  r.recall = r.answerable ? recallSum / r.answerable : 1;
  return r;
}

/** One line of figures for a report. */
export function summarize(r: JudgeReport): string {
  const parts = [
    `facet recall ${r.recall.toFixed(3)} (${r.answerable} answerable)`,
    `all facets ${r.full}/${r.answerable}`,
    `hit@1 ${r.hit1}/${r.answerable}`,
    `wrong-level top1 ${r.wrongLevelFirst}`,
    `duplicates ${r.duplicates}`,
    `false no-match ${r.falseNoMatch}`,
  ];
  if (r.offTopic) parts.push(`honest no-match ${r.honestNoMatch}/${r.offTopic}`);
  if (r.noticesExpected) parts.push(`notices ${r.noticesGiven}/${r.noticesExpected}`);
  return parts.join(', ');
}
