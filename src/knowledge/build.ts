/**
 * The knowledge's own work, before anything is indexed: the passages a reply quotes, the pay
 * figures in them, and each passage's levels (its own, and those its figures name). Search only
 * indexes and ranks what this gives it.
 */
import { isPlaceName, lexicon } from '../search/lexicon.js';
import { Classifier } from './classify.js';
import { extractFigures, type Figure } from './figures.js';
import type { Knowledge } from './loadKnowledge.js';
import { buildPassages } from './passages.js';
import { LEVELS, type Level, type Passage } from './types.js';

/** A word this rare in English (SemCor), and a noun, is a name ("Gurgaon"), not a word ("Top"). */
const RARE_NAME_FREQUENCY = 2;

export function buildKnowledgeData(knowledge: Knowledge): { passages: Passage[]; figures: Figure[] } {
  const classifier = new Classifier(knowledge.thesaurus);
  const passages = buildPassages(knowledge.documents, classifier);
  const words = lexicon();
  const figures = extractFigures(passages, classifier, {
    // A place's name, not a common word that also names one ("Top", "Reading"): rarer, never a verb.
    isPlace: (name) => {
      const info = words.info(name.toLowerCase());
      return isPlaceName(name) && !info?.verb && (info?.frequency ?? 0) <= RARE_NAME_FREQUENCY * 10;
    },
    isRareName: (name) => {
      const info = words.info(name.toLowerCase());
      return (
        !info || (info.pos === 'noun' && !info.person && !info.verb && info.frequency <= RARE_NAME_FREQUENCY)
      );
    },
  });
  // A passage that names no level itself but quotes pay for some ("new graduates reported…
  // staff-level engineers reported…") is about those levels: its figures read them closer up.
  const figureLevels = new Map<string, Set<Level>>();
  for (const f of figures)
    if (f.levels.length && !f.levelsAfter)
      figureLevels.set(f.passageId, new Set([...(figureLevels.get(f.passageId) ?? []), ...f.levels]));
  for (const p of passages) {
    const levels = figureLevels.get(p.id);
    if (levels) p.levels = LEVELS.filter((l) => levels.has(l) || p.levels.includes(l));
  }
  return { passages, figures };
}
