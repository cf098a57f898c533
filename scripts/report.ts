/**
 * Every judged set in one table: careerbot (the shipped weights, or `--defaults` for the hand-set
 * ones) beside plain MiniSearch. `npm run report [-- --defaults] [--verbose]`. Prints; asserts nothing.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_PARAMS } from '../src/search/rankingParams.js';
import {
  AUTHOR_SETS,
  DOCUMENT_SETS,
  careerbot,
  knowledgeWith,
  loadSets,
  plainMiniSearch,
  scoreSet,
  type SetScore,
} from './judged.js';

/** Two documents added at once, for the stability of the old questions as the knowledge grows. */
const ADDED = ['test/fixtures/story-document', 'test/fixtures/seventh-document'];

const args = process.argv.slice(2);
const params = args.includes('--defaults') ? { ...DEFAULT_PARAMS } : undefined;
const verbose = args.includes('--verbose');
const sets = await loadSets([...AUTHOR_SETS, ...DOCUMENT_SETS].filter((s) => existsSync(s.file)));

const cell = (s: SetScore) =>
  `${s.recall.toFixed(3)} (${s.answerableRecall.toFixed(3)}) refused ${s.refused}/${s.answerable} honest ${s.honest}/${s.noMatch}`;
const grown = await knowledgeWith(ADDED);
console.log(
  `| set | n | careerbot: recall (answerable only), refused, honest no-match | with 2 more documents | plain MiniSearch |`,
);
console.log(`| --- | --- | --- | --- | --- |`);
for (const set of sets) {
  const ours = careerbot(set.data, params);
  const score = scoreSet(set.questions, ours);
  const plain = scoreSet(set.questions, await plainMiniSearch(set.document ? [set.document] : []));
  const more = set.document ? '–' : scoreSet(set.questions, careerbot(grown, params)).recall.toFixed(3);
  console.log(`| ${set.name} | ${set.questions.length} | ${cell(score)} | ${more} | ${cell(plain)} |`);
  if (verbose)
    set.questions.forEach((q, i) => {
      if (score.each[i]! < 1)
        console.log(`    ${q.id} ${score.each[i]!.toFixed(2)} ${q.noMatch ? '[noMatch] ' : ''}${q.q}`);
    });
}
