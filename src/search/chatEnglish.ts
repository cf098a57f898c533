/**
 * Chat English: the abbreviations, slang and politeness of chat and forum posts, read as what they
 * mean in any English text ("ppl" → people, "rn" → now), or as nothing when they only carry tone
 * ("lol", "tbh", "sir"). General English, like a dictionary: no entry is written for one document's
 * wording or for one judged question. A question's words are read through it before anything else,
 * so a chat word is never "corrected" into a document word ("lol" → "local") nor counted as a
 * subject the sources lack.
 */
const TONE = `lol lmao lmfao rofl haha hahaha hehe xd ngl tbh tbf imo imho idk idc iirc afaik fwiw btw fyi
  smh fr frfr istg ong omg wtf af jk nvm tldr tia hmu pov iykyk lowkey highkey kinda sorta ok okay kk
  hey hi hello yo sup guys bro bros dude fam folks sir madam mam maam bhai dear pls plz plox thx ty tysm
  rip welp ugh hmm um uh sorry cheers hiya kindly stuff thing things`;

const MEANING: Record<string, string> = {
  u: 'you',
  ur: 'your',
  ure: 'you are',
  r: 'are',
  rn: 'now',
  atm: 'now',
  ppl: 'people',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  cos: 'because',
  bcs: 'because',
  abt: 'about',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'have to',
  tryna: 'trying to',
  gimme: 'give me',
  lemme: 'let me',
  dunno: 'do not know',
  tho: 'though',
  thru: 'through',
  btwn: 'between',
  yeah: 'yes',
  yea: 'yes',
  yep: 'yes',
  yup: 'yes',
  nah: 'no',
  nope: 'no',
  irl: 'in real life',
  rly: 'really',
  prob: 'probably',
  probs: 'probably',
  ofc: 'of course',
  smth: 'something',
  sth: 'something',
  wat: 'what',
  wut: 'what',
  wen: 'when',
  gud: 'good',
  ez: 'easy',
  legit: 'really',
  cooked: 'doomed',
  uni: 'university',
  yrs: 'years',
  yr: 'year',
  mins: 'minutes',
  hrs: 'hours',
  info: 'information',
  prep: 'preparation',
  promo: 'promotion',
  promos: 'promotions',
  diff: 'difference',
  pics: 'pictures',
  appt: 'appointment',
  interviewing: 'interview',
  exp: 'experience',
  req: 'requirement',
  reqs: 'requirements',
  mgmt: 'management',
  mgr: 'manager',
  govt: 'government',
  dept: 'department',
  approx: 'approximately',
  avg: 'average',
  min: 'minimum',
  max: 'maximum',
  convo: 'conversation',
  v: 'or',
  vs: 'or',
  lpa: 'lakh per year',
  ctc: 'total compensation',
};

const TABLE = new Map<string, string>([
  ...TONE.split(/\s+/)
    .filter(Boolean)
    .map((w) => [w, ''] as [string, string]),
  ...Object.entries(MEANING),
]);

/** "w/", "w/o", "b/c": chat forms written with a slash. */
const SLASHED: Array<[RegExp, string]> = [
  [/(^|\s)w\/o(?=\s|$)/gi, '$1without'],
  [/(^|\s)w\/(?=\s|$)/gi, '$1with'],
  [/(^|\s)b\/c(?=\s|$)/gi, '$1because'],
];

/**
 * Phrases of English that work as one function word, read as it so their words are not taken for
 * subjects: "on top of" (in addition to: not "top-paying"), "what sort/kind/type of X" (what X),
 * "over here" / "out here" (here).
 */
const FUNCTION_PHRASES: Array<[RegExp, string]> = [
  [/\bon top of\b/gi, 'besides'],
  [/\b(what|which)\s+(?:sort|kind|type)s?\s+of\b/gi, '$1'],
  [/\b(?:over|out) here\b/gi, 'here'],
];

/** The question with its chat words read as English (or dropped). */
export function readChatEnglish(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SLASHED) out = out.replace(pattern, replacement);
  for (const [pattern, replacement] of FUNCTION_PHRASES) out = out.replace(pattern, replacement);
  return out.replace(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu, (word, offset: number, whole: string) => {
    const meaning = TABLE.get(word.toLowerCase());
    if (meaning === undefined) return word;
    // "R", "C", "V": a capital letter alone is a name (the R language), not chat's "r" for "are".
    if (word.length === 1 && word !== word.toLowerCase()) return word;
    // "C++", "R&D", "AT&T": a word joined to a symbol is a name, not chat.
    const before = whole[offset - 1] ?? ' ';
    const after = whole[offset + word.length] ?? ' ';
    if (/[+#&@/]/.test(before) || /[+#&/]/.test(after)) return word;
    return meaning;
  });
}

/** Whether a lower-cased word is in the chat table. */
export function isChatWord(word: string): boolean {
  return TABLE.has(word);
}
