/**
 * Currencies as documents write them: the signs and codes before or after an amount, each mapped to
 * its ISO 4217 code, and the words a reader uses for them. A standard, not a tuning knob: a sign
 * means the same currency in any document. Amounts are never converted.
 */
export interface Currency {
  /** ISO 4217 code. */
  code: string;
  /** Its name in a sentence: "Figures for London are in pounds". */
  name: string;
  /** Signs and codes written before an amount ("£", "GBP"); codes also after it. */
  before: string[];
  /** Words written after an amount ("45,000 pounds", "12 LPA"). */
  after: string[];
  /** Words a question names it by ("pounds", "sterling", "gbp", "lpa"). */
  asked: string[];
}

export const CURRENCIES: readonly Currency[] = [
  { code: 'USD', name: 'US dollars', before: ['US$', 'USD', '$'], after: ['USD', 'US dollars', 'dollars'], asked: ['usd', 'dollar', 'dollars'] },
  { code: 'GBP', name: 'pounds', before: ['£', 'GBP'], after: ['GBP', 'pounds sterling', 'pounds'], asked: ['gbp', 'pound', 'pounds', 'sterling', 'quid'] },
  { code: 'EUR', name: 'euros', before: ['€', 'EUR'], after: ['EUR', 'euros', 'euro'], asked: ['eur', 'euro', 'euros'] },
  { code: 'INR', name: 'rupees', before: ['₹', 'Rs.', 'Rs', 'INR'], after: ['INR', 'rupees'], asked: ['inr', 'rupee', 'rupees', 'rs', 'lpa', 'lakh', 'lakhs', 'lac', 'lacs', 'crore', 'crores', 'cr'] },
  { code: 'BRL', name: 'reais', before: ['R$', 'BRL'], after: ['BRL', 'reais'], asked: ['brl', 'real', 'reais'] },
  { code: 'CAD', name: 'Canadian dollars', before: ['CA$', 'C$', 'CAD'], after: ['CAD', 'Canadian dollars'], asked: ['cad'] },
  { code: 'AUD', name: 'Australian dollars', before: ['AU$', 'A$', 'AUD'], after: ['AUD', 'Australian dollars'], asked: ['aud'] },
  { code: 'NZD', name: 'New Zealand dollars', before: ['NZ$', 'NZD'], after: ['NZD'], asked: ['nzd'] },
  { code: 'SGD', name: 'Singapore dollars', before: ['S$', 'SGD'], after: ['SGD'], asked: ['sgd'] },
  { code: 'HKD', name: 'Hong Kong dollars', before: ['HK$', 'HKD'], after: ['HKD'], asked: ['hkd'] },
  { code: 'JPY', name: 'yen', before: ['¥', 'JPY'], after: ['JPY', 'yen'], asked: ['jpy', 'yen'] },
  { code: 'CNY', name: 'yuan', before: ['CNY', 'RMB'], after: ['CNY', 'RMB', 'yuan'], asked: ['cny', 'rmb', 'yuan', 'renminbi'] },
  { code: 'CHF', name: 'Swiss francs', before: ['CHF'], after: ['CHF', 'Swiss francs'], asked: ['chf', 'franc', 'francs'] },
  { code: 'PLN', name: 'złoty', before: ['PLN'], after: ['PLN', 'złoty', 'zloty', 'zł'], asked: ['pln', 'zloty', 'złoty', 'zl'] },
  { code: 'SEK', name: 'Swedish kronor', before: ['SEK'], after: ['SEK', 'kronor'], asked: ['sek', 'kronor', 'krona'] },
];

/** The dollars that are not US dollars. */
const OTHER_DOLLARS = new Set(CURRENCIES.filter((c) => c.code !== 'USD' && c.name.endsWith(' dollars')).map((c) => c.code));

/**
 * What a bare "$" means in a document, from the currencies of its other amounts: the one other
 * dollar it writes amounts in ("A$900 per day", "AUD 130k") when it writes none in US dollars
 * ("US$", "USD"), else US dollars. An Australian guide's "$85k" cells under an "A$ p.a." header
 * are Australian dollars; "$128k (converted from Canadian dollars)" stays US dollars.
 */
export function documentDollar(amountCurrencies: Iterable<{ currency?: string; mark?: string }>): string {
  const others = new Set<string>();
  for (const a of amountCurrencies) {
    if (a.currency === 'USD' && a.mark !== '$') return 'USD';
    if (a.currency && OTHER_DOLLARS.has(a.currency)) others.add(a.currency);
  }
  return others.size === 1 ? [...others][0]! : 'USD';
}

/** The amount scales that belong to one currency's number system: "12 lakhs", "₹1.2 crore", "18 LPA". */
export const SCALE_CURRENCY: Readonly<Record<string, string>> = {
  lakh: 'INR',
  lakhs: 'INR',
  lac: 'INR',
  lacs: 'INR',
  crore: 'INR',
  crores: 'INR',
  cr: 'INR',
  lpa: 'INR',
};

const BY_CODE = new Map(CURRENCIES.map((c) => [c.code, c]));
const BY_MARK = new Map<string, string>();
for (const c of CURRENCIES) for (const m of [...c.before, ...c.after]) BY_MARK.set(m.toLowerCase(), c.code);

/** The ISO code a written sign, code or word stands for ("£" → "GBP", "lpa" → "INR"). */
export function currencyOfMark(mark: string): string | undefined {
  const m = mark.toLowerCase().trim();
  return BY_MARK.get(m) ?? SCALE_CURRENCY[m];
}

/** The sign a chart writes amounts with ("$", "£", "₹"); the code and a space for others ("CHF "). */
export function currencySign(code: string): string {
  const c = BY_CODE.get(code);
  const sign = c?.before
    .filter((m) => !/^[A-Z]{3}$/.test(m) && !/^Rs/.test(m))
    .sort((a, b) => a.length - b.length)[0];
  return sign ?? `${code} `;
}

/**
 * An amount as an axis writes it: in thousands ("$96k", "£60k"), in lakhs for rupees ("₹18L",
 * the unit Indian pay is read in).
 */
export function compactAmount(amount: number, code = 'USD'): string {
  const [unit, letter] = code === 'INR' ? [1e5, 'L'] : [1e3, 'k'];
  const n = amount / unit;
  return `${currencySign(code)}${Number.isInteger(n) ? n : Math.round(n * 10) / 10}${letter}`;
}

/** A currency's name in a sentence ("pounds"); the code itself for one the table lacks. */
export function currencyName(code: string): string {
  return BY_CODE.get(code)?.name ?? code;
}

/** The words a question may name a currency by, its code among them: "gbp", "pound", "pounds", "sterling"… */
export function currencyWords(code: string): string[] {
  const c = BY_CODE.get(code);
  return [...new Set([code.toLowerCase(), ...(c?.asked ?? [])])];
}

/** Every word of every currency: known words, never "corrected" into another ("lpa" is not "launchpad"). */
export const ALL_CURRENCY_WORDS: readonly string[] = [...new Set(CURRENCIES.flatMap((c) => currencyWords(c.code)))];

/** The ISO code a question's word names ("pounds" → GBP), if it names one. */
export function currencyAsked(word: string): string | undefined {
  const w = word.toLowerCase();
  return CURRENCIES.find((c) => c.asked.includes(w) || c.code.toLowerCase() === w)?.code;
}
