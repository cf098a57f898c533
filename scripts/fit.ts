/**
 * `npm run fit`: fits the ranking's knobs and the no-match gate on the training authors and
 * documents, writes them to src/search/ranking-weights.json with the hash of the data, and prints
 * every judged set fitted-on vs left-out, before (hand-set) and after, beside plain MiniSearch.
 * `npm run fit -- --cv`: cross-validation instead (nothing written): for each author, and for each
 * added document, fit on the others and score the one left out (`--folds a,b`: only those).
 * `--passes N` (default 2). `--gate-only`: keep the ranking knobs of the weights file, refit the gate.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import {
  DEFAULT_PARAMS,
  WEIGHTS_VERSION,
  type FittedWeights,
  withParams,
  type RankingParams,
} from '../src/search/rankingParams.js';
import { changedFromDefaults, evaluate, fitAll, fitGate, gateSamples, GATE_KNOBS } from './fitting.js';
import {
  AUTHOR_SETS,
  careerbot,
  DOCUMENT_SETS,
  dataHash,
  knowledgeWith,
  loadSets,
  plainMiniSearch,
  scoreSet,
  type LoadedSet,
  type SetScore,
} from './judged.js';

/**
 * The authors and documents the shipped weights are fitted on (`--train a,b,…` to choose; default
 * every judged set: the left-out figures come from `--cv`, which fits without each in turn).
 */
const trainAt = process.argv.indexOf('--train');
const TRAINING = trainAt > 0 ? process.argv[trainAt + 1]!.split(',') : undefined;
const inTraining = (author: string) => !TRAINING || TRAINING.includes(author);

const args = process.argv.slice(2);
const passes = Number(args[args.indexOf('--passes') + 1]) || 2;
const all = await loadSets([...AUTHOR_SETS, ...DOCUMENT_SETS].filter((s) => existsSync(s.file)));
const cell = (s: SetScore) =>
  `${s.recall.toFixed(3)} · ${s.refused}/${s.answerable} refused · ${s.honest}/${s.noMatch} honest`;
const log = (line: string) => console.error(line);

/** The added documents the old questions are also fitted and scored with, most telling first. */
const GROWTH_ORDER = ['story', 'doc7', 'doc6', 'doc5', 'doc4'];
const grownData = new Map<string, Awaited<ReturnType<typeof knowledgeWith>>>();

/**
 * The author sets of a fold asked again of the knowledge with two of the fold's documents added:
 * the fit sees how the old questions fare as the knowledge grows (a long first-person story among
 * the documents), never a document it leaves out.
 */
async function grown(sets: readonly LoadedSet[]): Promise<LoadedSet[]> {
  const docs = GROWTH_ORDER.map((a) => sets.find((s) => s.author === a)?.document)
    .filter((d): d is string => Boolean(d))
    .slice(0, 2);
  if (docs.length < 2) return [];
  const key = docs.join('+');
  let data = grownData.get(key);
  if (!data) grownData.set(key, (data = await knowledgeWith(docs)));
  const names = docs.map((d) => d.split('/').at(-1)).join(' + ');
  return sets.filter((s) => !s.document).map((s) => ({ ...s, name: `${s.name} (+ ${names})`, data: data! }));
}

if (args.includes('--cv')) {
  console.log('| set | fold | n | hand-set | fitted without it | plain MiniSearch |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  // `--folds a,b`: only these folds (to spread the cross-validation over processes).
  const only = args.includes('--folds') ? args[args.indexOf('--folds') + 1]!.split(',') : undefined;
  const folds = [...new Set(all.map((s) => s.author))].filter((a) => !only || only.includes(a));
  for (const author of folds) {
    const held = all.filter((s) => s.author === author);
    // Documents are left out with their questions; the other documents' sets stay in the fit.
    const rest = all.filter((s) => s.author !== author);
    const train = [...rest, ...(await grown(rest))];
    log(`fold: ${author} (${train.length} sets to fit on)`);
    const params = fitAll(train, passes);
    for (const set of [...held, ...(await grown([...held, ...rest])).filter((s) => s.author === author)])
      await row(set, params, 'left out');
  }
} else {
  const chosen = all.filter((s) => inTraining(s.author));
  const train = [...chosen, ...(await grown(chosen))];
  log(`fitting on ${train.map((s) => s.name).join(', ')}`);
  // `--gate-only`: the ranking knobs stay as the weights file has them; only the gate is refitted.
  const gateOnly = args.includes('--gate-only');
  const previous = gateOnly
    ? (JSON.parse(await readFile('src/search/ranking-weights.json', 'utf8')) as FittedWeights)
    : undefined;
  const params = previous ? refitGate(train, withParams(previous.params)) : fitAll(train, passes, log);
  const weights: FittedWeights = {
    version: WEIGHTS_VERSION,
    dataHash: await dataHash(train.map((s) => s.file)),
    fittedOn: [...new Set(train.map((s) => s.file))],
    ...(previous
      ? { ranking: previous.ranking ?? { dataHash: previous.dataHash, fittedOn: previous.fittedOn } }
      : {}),
    params: changedFromDefaults(params),
  };
  await writeFile('src/search/ranking-weights.json', `${JSON.stringify(weights, null, 2)}\n`);
  log(`wrote src/search/ranking-weights.json (data ${weights.dataHash})`);
  console.log('| set | fitted on? | n | hand-set | fitted | plain MiniSearch |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const set of [...all, ...(await grown(all))])
    await row(set, params, inTraining(set.author) ? 'fitted on' : 'left out');
  const before = evaluate(train, { ...DEFAULT_PARAMS }).value;
  const after = evaluate(train, params).value;
  log(`training objective ${before.toFixed(4)} → ${after.toFixed(4)}`);
}

/** The gate alone fitted again for the given ranking knobs. */
function refitGate(train: readonly LoadedSet[], ranking: RankingParams): RankingParams {
  const params = { ...ranking, ...fitGate(gateSamples(train, ranking)) };
  log(`gate: ${GATE_KNOBS.map((k) => `${k} ${params[k]}`).join(', ')}`);
  return params;
}

async function row(set: LoadedSet, params: RankingParams, role: string) {
  const before = scoreSet(set.questions, careerbot(set.data, { ...DEFAULT_PARAMS }));
  const after = evaluate([set], params).scores[0]!;
  const plain = scoreSet(set.questions, await plainMiniSearch(set.document ? [set.document] : []));
  console.log(
    `| ${set.name} | ${role} | ${set.questions.length} | ${cell(before)} | ${cell(after)} | ${cell(plain)} |`,
  );
}
