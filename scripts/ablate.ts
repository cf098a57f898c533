/**
 * `npm run ablate`: each feature of the shipped ranking switched off in turn (its exponent 0, or
 * its factor neutral), and what that does to every judged set: a feature whose removal costs
 * nothing anywhere is noise. Prints a Markdown table of recall differences; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { rankingParams, type RankingParams } from '../src/search/rankingParams.js';
import { evaluate, setValue } from './fitting.js';
import { AUTHOR_SETS, DOCUMENT_SETS, loadSets, mean } from './judged.js';

/** Each feature and the knobs that switch it off. */
const ABLATIONS: Array<[string, Partial<RankingParams>]> = [
  ['word score (BM25)', { expWords: 0 }],
  ['share of the question covered', { expCoverage: 0 }],
  ['level fit', { expLevel: 0 }],
  ['level tiers', { tierEligible: 1 }],
  ['a much stronger passage overtakes its level tier', { tierOvertake: 0 }],
  ['topic fit', { expTopic: 0 }],
  ['kind of answer (steps, figures, concrete)', { expKind: 0 }],
  ['own heading named', { expHeading: 0 }],
  ['figure for the place asked', { figureSubject: 1 }],
  ['another job’s section', { otherRole: 1 }],
  ['two-word phrases', { pairWeight: 0 }],
  ['thesaurus synonyms', { synonymWeight: 0 }],
  ['common words weigh less', { commonFloor: 1 }],
  ['context sentences weigh less', { contextWeight: 1 }],
  ['adjectives/adverbs out of the meaning', { modifierMeaning: 1 }],
  ['variety across sources', { sameSourceDecay: 1 }],
  ['noise cut-off', { relativeCutoff: 0.05 }],
  ['gate: missing subject words', { gateMissingSubject: 0, gateMaxMissing: 0 }],
  ['gate: first passage’s word score', { gateBestScore: 0 }],
  ['gate: question length', { gateLength: 0 }],
  ['gate: a missing word of what is asked for by name', { gateFocusMissing: 0 }],
  ['a rare word asked for by name, missing, refuses', { focusRefuse: 0 }],
];

const sets = await loadSets([...AUTHOR_SETS, ...DOCUMENT_SETS].filter((s) => existsSync(s.file)));
const shipped = rankingParams();
const base = evaluate(sets, shipped);
const short = (name: string) => name.replace(/ \(.*\)$/, '');
console.log(`| feature off | mean Δ | ${sets.map((s) => short(s.name)).join(' | ')} |`);
console.log(`| --- | --- | ${sets.map(() => '---').join(' | ')} |`);
console.log(
  `| shipped (recall; mean Δ column: objective ${base.value.toFixed(3)}) | · | ${base.scores.map((s) => s.recall.toFixed(3)).join(' | ')} |`,
);
for (const [name, off] of ABLATIONS) {
  const run = evaluate(sets, { ...shipped, ...off });
  const deltas = run.scores.map((s, i) => s.recall - base.scores[i]!.recall);
  const objective = mean(run.scores.map(setValue)) - base.value;
  const fmt = (d: number) => (Math.abs(d) < 0.0005 ? '·' : `${d > 0 ? '+' : ''}${d.toFixed(3)}`);
  console.log(`| ${name} | ${fmt(objective)} | ${deltas.map(fmt).join(' | ')} |`);
}
