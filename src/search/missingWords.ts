import { baseForms, type Lexicon } from './lexicon.js';
import type { RankingParams } from './rankingParams.js';

/** What a missing word of each kind weighs against the question's coverage (RankingParams). */
export const MISSING_PARAM = {
  place: 'missingPlace',
  unit: 'missingUnit',
  person: 'missingPerson',
  background: 'missingBackground',
  detail: 'missingDetail',
  word: 'missingSubject',
  verb: 'missingVerb',
  modifier: 'missingModifier',
} as const satisfies Record<string, keyof RankingParams>;
export type MissingKind = keyof typeof MISSING_PARAM;

/**
 * Words before a kind of person that make it who the asker is or was ("I'm a teacher", "as a
 * nurse", "former pilot"), not whom the question is about: a career changer asks about the new career.
 */
export const ASKER_IS = new Set(['im', 'am', 'as', 'former', 'ex', 'from', 'was', 'been', 'being']);
export const ARTICLES = new Set(['a', 'an', 'the']);
/** Currency codes (ISO 4217) and plurals WordNet lacks: a currency the sources may not use. */
const CURRENCIES = new Set(
  `usd eur gbp inr pln brl cad aud nzd jpy cny rmb chf sek nok dkk czk huf ron mxn ars clp cop sgd hkd
  krw idr php thb vnd myr zar ngn kes egp try rub uah ils aed sar pkr bdt lkr reais yen`.split(/\s+/),
);
/** Adjectives that after "how" ask for a measure ("how long does it take"). */
export const HOW_MEASURES = new Set(['long', 'far', 'old', 'often', 'soon', 'early', 'late']);

/**
 * What a missing word is: a detail (a number, a short word), a place, a currency, a kind of
 * person (nouns by their commonest sense), another noun or an unknown word (the subject), a verb,
 * or an adjective or adverb (how it is asked, not what).
 */
export function missingKind(word: string, lexicon: Lexicon): MissingKind {
  if (/\p{N}/u.test(word) || word.length <= 2) return 'detail';
  const info = lexicon.info(word);
  if (CURRENCIES.has(word)) return 'unit';
  if (!info) return 'word';
  if (info.pos === 'adj' || info.pos === 'adv') return 'modifier';
  if (info.pos === 'verb') return 'verb';
  // "teaching", "going", "kidding": a verb's -ing or -ed form is the verb ("freelancing" is an
  // activity, not the person "a freelance"); a place, currency or person is a noun as written.
  if (/(?:ing|ed)$/.test(word)) {
    const verb = baseForms(word).some(({ base }) => base !== word && lexicon.info(base)?.pos === 'verb');
    return verb ? 'verb' : 'word';
  }
  if (info.place) return 'place';
  if (info.unit) return 'unit';
  if (info.person) return 'person';
  return 'word';
}
