/**
 * German-aware service search, shared by `<ozg-service-catalog>` (browser) and the catalog list endpoint
 * (server). Pure TypeScript: no DOM, no Node APIs, no module-global mutable state.
 *
 * Indexed per service (texts in the index language, German as fallback): the name, the synonyms of
 * the index language and of German (plus the German name when indexing English), the summary, and the
 * LeiKa key (exact 14 digits only, so "99" does not match every service).
 *
 * Matching. Query and texts are {@link fold}ed into words. Words with umlauts are indexed twice, as
 * "fuehrerschein" and as "fuhrerschein", so both spellings (and "Führerschein") find them; "Straße"
 * and "Strasse" fold to the same word. German stop words ("für", "der", "a", "the" …) are ignored
 * unless the query has nothing else. Every remaining query word must match some indexed word of the
 * service (AND), by the best of:
 *  1. exact word;
 *  2. word prefix: for query words of ≥ 2 characters, and always for the last query word (the
 *     citizen is still typing);
 *  3. substring inside a compound (query words of ≥ 4 characters): "anmeldung" in "gewerbeanmeldung";
 *  4. stem: the query word without an inflection ending ("fällen" → "fäll", "anmelden" → "anmeld",
 *     kept only when ≥ 4 characters remain) as prefix or substring, so "Baum fällen" finds
 *     "Baumfällgenehmigung";
 *  5. typo tolerance, only when 1–4 found nothing among the services still in play: optimal string
 *     alignment (Damerau-Levenshtein) distance 1 for query words of 4–7 characters, 2 for ≥ 8,
 *     against prefixes of similar length of indexed words with the same first letter
 *     ("gewrbe" → "gewerbe…").
 *
 * English writes compounds apart, so in an English index a query word that is itself an indexed word
 * (or the plural of one) matches only whole words and their plurals: "car" finds "car" and "cars",
 * never "card" or "carport"; rules 2–5 apply to words the index does not know ("regis" → "register",
 * and German fallback words such as "hund" → "hundesteuer").
 *
 * `ignore` leaves words out of the query, e.g. a place the citizen added ("Hundesteuer Heide").
 *
 * Ranking. A service scores, per query word, its best (match quality × field weight); the field
 * weights are: first word of the name > other name words > synonyms > summary. A query equal to a
 * synonym or to the name ("auto anmelden") adds a bonus that ranks the service first; a query of
 * several words that starts such a phrase adds a smaller bonus. Ties: shorter name first, then
 * alphabetical (German collation). An empty query lists all services alphabetically.
 *
 * Cost. Everything is folded once at index time into a sorted vocabulary with flat postings; a query
 * folds only itself and works with binary search (exact, prefix), `indexOf` on the joined vocabulary
 * (substrings) and the first-letter range of the vocabulary (typos).
 */
import type { ServiceSummary } from '../contract/catalog.ts';
import { localize } from '../contract/common.ts';
import { fold, foldPlain } from './fold.ts';

export { fold, foldPlain } from './fold.ts';

declare const opaque: unique symbol;

/** A prebuilt search index over a list of services; create it with {@link buildIndex}. */
export interface SearchIndex<T> {
  /** Number of indexed services. */
  readonly size: number;
  readonly [opaque]: T;
}

/** Options of {@link search}. */
export interface SearchOptions {
  /** Only services in this category. */
  category?: string;
  /** At most this many items (the total still counts all matches). */
  limit?: number;
  /** Query words (any spelling) to leave out, e.g. a place name recognised in the query. */
  ignore?: readonly string[];
}

/** The result of {@link search}: best match first. */
export interface SearchResult<T> {
  items: T[];
  /** Number of all matches, regardless of `limit`. */
  total: number;
}

interface IndexData<T> {
  size: number;
  /** English matches known words whole (see the module notes). */
  english: boolean;
  items: readonly T[];
  /** Sorted, distinct folded words. */
  vocab: string[];
  /** `\n` + vocab joined by `\n` + `\n`: one `indexOf` finds a substring in every word. */
  joined: string;
  /** Offset of each vocab word in `joined`. */
  starts: Int32Array;
  /** Postings of word k: post[postStart[k] .. postStart[k + 1]), each `doc << 2 | field`. */
  postStart: Int32Array;
  post: Int32Array;
  leika: Map<string, number[]>;
  /** Folded synonym phrases and names → services, for the phrase bonus. */
  phrases: Map<string, number[]>;
  docPhrases: string[][];
  categories: (readonly string[])[];
  /** Services in alphabetical order of their names. */
  byName: Int32Array;
  /** Services ordered by tie-break (name length, then alphabet), and each service's place in it. */
  tieOrder: Int32Array;
  tieRank: Int32Array;
}

// Field codes (lower is better) and their weights: the name says what a service is, synonyms are
// what citizens call it, the summary only mentions things.
const NAME_START = 0;
const NAME = 1;
const SYNONYM = 2;
const SUMMARY = 3;
const FIELD_WEIGHT = [10, 8, 6, 3];

// Match qualities: a scored match is quality × field weight, so an exact word in the summary (30)
// still loses to a prefix of the first name word (70).
const EXACT = 10;
const PREFIX = 7;
const SUBSTRING = 5;
const STEM_PREFIX = 5;
const STEM_SUBSTRING = 4;
const TYPO = [0, 3, 2];
const PHRASE_EXACT = 1000;
const PHRASE_START = 500;
const MAX_WORDS = 8;

const STOP_WORDS = new Set(
  (
    'der die das den dem des ein eine einen einem einer und oder fuer von vom zu zum zur im in am an auf ' +
    'mit bei ich mein meine meinen wie was a the of for to my i and or on at with how do'
  ).split(' '),
);

/** Text whose plain fold differs from its spelled fold (also decomposed umlauts). */
const HAS_UMLAUT = /[äöüÄÖÜ]|\u0308/;

/** Inflection endings stripped from query words, longest first. */
const ENDINGS = ['ungen', 'ung', 'ern', 'en', 'er', 'es', 'e', 'n', 's'];

function stem(word: string): string {
  for (const end of ENDINGS) {
    if (word.endsWith(end) && word.length - end.length >= 4) return word.slice(0, -end.length);
  }
  return '';
}

/** First index in the sorted array whose word is ≥ `word`. */
function lowerBound(vocab: readonly string[], word: string): number {
  let lo = 0;
  let hi = vocab.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocab[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The vocab word whose text in the joined vocabulary contains `offset`. */
function wordAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Builds the search index for the services in one language (German fallback). Build it once per
 * catalog and language; querying it does not fold the service texts again.
 */
export function buildIndex<T extends ServiceSummary>(
  services: readonly T[],
  lang: 'de' | 'en',
): SearchIndex<T> {
  const n = services.length;
  const words = new Map<string, number[]>();
  const leika = new Map<string, number[]>();
  const phrases = new Map<string, number[]>();
  const docPhrases: string[][] = [];
  const names: string[] = [];
  const plainNames: string[] = [];
  // Texts of a catalog repeat their words a lot: each distinct chunk is folded once.
  const chunks = new Map<string, [string[], string[]]>();
  const push = <K>(map: Map<K, number[]>, key: K, value: number): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  // The service being indexed and its phrases (closures are made once, not per service).
  let doc = 0;
  let mine: string[] = [];
  // Each word posts a service once, with its best field: the service's posting is always the last.
  const addPosting = (word: string, field: number): void => {
    const list = words.get(word);
    const last = list?.[list.length - 1];
    if (!list) words.set(word, [(doc << 2) | field]);
    else if (last! >> 2 !== doc) list.push((doc << 2) | field);
    else if (field < (last! & 3)) list[list.length - 1] = (doc << 2) | field;
  };
  /** Posts the words of a text; returns the folded text (plain variant for names, for sorting). */
  const add = (text: string, field: number): string => {
    const spelled: string[] = [];
    const plain: string[] = [];
    for (const chunk of text.split(' ')) {
      let entry = chunks.get(chunk);
      if (!entry) {
        const folded = fold(chunk);
        const list = folded ? folded.split(' ') : [];
        entry = [list, HAS_UMLAUT.test(chunk) ? foldPlain(chunk).split(' ') : list];
        chunks.set(chunk, entry);
      }
      const [spelledWords, plainWords] = entry;
      for (let j = 0; j < spelledWords.length; j++) {
        const word = spelledWords[j]!;
        const f = field === NAME && !spelled.length ? NAME_START : field;
        addPosting(word, f);
        if (plainWords[j] !== word) addPosting(plainWords[j]!, f);
        if (field !== SUMMARY) {
          spelled.push(word);
          plain.push(plainWords[j]!);
        }
      }
    }
    const phrase = spelled.join(' ');
    if (phrase && !mine.includes(phrase)) {
      mine.push(phrase);
      push(phrases, phrase, doc);
    }
    return plain.join(' ');
  };

  for (doc = 0; doc < n; doc++) {
    const s = services[doc]!;
    const name = localize(s.name, lang);
    mine = [];
    names.push(name);
    plainNames.push(add(name, NAME));
    if (lang !== 'de' && name !== s.name.de) add(s.name.de, SYNONYM);
    for (const synonym of s.synonyms?.[lang] ?? []) add(synonym, SYNONYM);
    if (lang !== 'de') for (const synonym of s.synonyms?.de ?? []) add(synonym, SYNONYM);
    add(localize(s.summary, lang), SUMMARY);
    if (s.leikaKey) push(leika, s.leikaKey, doc);
    docPhrases.push(mine);
  }

  const vocab = [...words.keys()].sort();
  const starts = new Int32Array(vocab.length);
  const postStart = new Int32Array(vocab.length + 1);
  let offset = 1;
  let count = 0;
  vocab.forEach((w, k) => {
    starts[k] = offset;
    offset += w.length + 1;
    count += words.get(w)!.length;
    postStart[k + 1] = count;
  });
  const post = new Int32Array(count);
  vocab.forEach((w, k) => post.set(words.get(w)!, postStart[k]!));

  // Presorting by a cheap key leaves the collator almost nothing to do (merge sort on sorted runs).
  const collator = new Intl.Collator('de');
  const alpha = Array.from(names.keys())
    .sort((a, b) => (plainNames[a]! < plainNames[b]! ? -1 : plainNames[a]! > plainNames[b]! ? 1 : 0))
    .sort((a, b) => collator.compare(names[a]!, names[b]!));
  const alphaRank = new Int32Array(n);
  alpha.forEach((doc, i) => (alphaRank[doc] = i));
  const tieOrder = Int32Array.from(alpha).sort(
    (a, b) => names[a]!.length - names[b]!.length || alphaRank[a]! - alphaRank[b]!,
  );
  const tieRank = new Int32Array(n);
  tieOrder.forEach((doc, i) => (tieRank[doc] = i));

  const data: IndexData<T> = {
    size: n,
    english: lang === 'en',
    items: services,
    vocab,
    joined: `\n${vocab.join('\n')}\n`,
    starts,
    postStart,
    post,
    leika,
    phrases,
    docPhrases,
    categories: services.map((s) => s.categories),
    byName: Int32Array.from(alpha),
    tieOrder,
    tieRank,
  };
  return data as unknown as SearchIndex<T>;
}

/**
 * Optimal string alignment distance between `word` and the closest prefix of `candidate` whose length
 * is within `max` of the word's; returns `max + 1` as soon as the distance must exceed `max`.
 * `rows` is scratch space of at least 3 × (word length + max + 1) cells.
 */
function typoDistance(word: string, candidate: string, max: number, rows: Int32Array): number {
  const m = word.length;
  const len = Math.min(candidate.length, m + max);
  const width = len + 1;
  // Three rolling rows: two rows back (for transpositions), the previous row and the current one.
  let before = 0;
  let prev = width;
  let row = 2 * width;
  for (let j = 0; j <= len; j++) rows[prev + j] = j;
  for (let i = 1; i <= m; i++) {
    const a = word.charCodeAt(i - 1);
    rows[row] = i;
    let least = i;
    for (let j = 1; j <= len; j++) {
      const b = candidate.charCodeAt(j - 1);
      let d = rows[prev + j - 1]! + (a === b ? 0 : 1);
      const del = rows[prev + j]! + 1;
      const ins = rows[row + j - 1]! + 1;
      if (del < d) d = del;
      if (ins < d) d = ins;
      if (i > 1 && j > 1 && a === candidate.charCodeAt(j - 2) && word.charCodeAt(i - 2) === b) {
        const swap = rows[before + j - 2]! + 1;
        if (swap < d) d = swap;
      }
      rows[row + j] = d;
      if (d < least) least = d;
    }
    if (least > max) return max + 1;
    const spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  let best = max + 1;
  for (let j = Math.max(0, m - max); j <= len; j++) if (rows[prev + j]! < best) best = rows[prev + j]!;
  return best;
}

/**
 * Searches the index. An empty query lists all services (of the category) sorted by name; otherwise
 * the matches come best first (see the rules at the top of this module).
 */
export function search<T>(
  index: SearchIndex<T>,
  query: string,
  options: SearchOptions = {},
): SearchResult<T> {
  const ix = index as unknown as IndexData<T>;
  const { size: n, vocab, joined, starts, postStart, post, categories } = ix;
  const { category } = options;
  const limit = Math.max(0, options.limit ?? Infinity);
  const text = query.slice(0, 200);
  const folded = fold(text);
  const spelled = folded ? folded.split(' ') : [];
  // Umlauts typed in the query also match texts written without dots ("Führpark" finds "Fuhrpark").
  const plainWords = HAS_UMLAUT.test(text) ? foldPlain(text).split(' ') : spelled;
  const ignored = new Set(options.ignore?.map(fold));
  const kept = spelled.flatMap((w, i) => (ignored.has(w) ? [] : [i]));
  const all = kept.map((i) => spelled[i]!);
  const allPlain = kept.map((i) => plainWords[i]!);
  const q = all.join(' ');
  const meaningful = all.flatMap((w, i) => (STOP_WORDS.has(w) ? [] : [i]));
  const words = (meaningful.length ? meaningful : all.map((_, i) => i)).slice(0, MAX_WORDS);
  const take = (docs: ArrayLike<number>, total: number): SearchResult<T> => {
    const items: T[] = [];
    for (let i = 0; i < docs.length && items.length < limit; i++) items.push(ix.items[docs[i]!]!);
    return { items, total };
  };

  if (!words.length) {
    const docs = category ? ix.byName.filter((d) => categories[d]!.includes(category)) : ix.byName;
    return take(docs, docs.length);
  }

  // matched[doc] = number of query words matched so far; 255 = out of the category.
  const matched = new Uint8Array(n);
  if (category) for (let d = 0; d < n; d++) if (!categories[d]!.includes(category)) matched[d] = 255;
  const best = new Uint16Array(n);
  const score = new Uint32Array(n);
  let touched: number[] = [];

  for (let i = 0; i < words.length; i++) {
    const word = all[words[i]!]!;
    const plain = allPlain[words[i]!]!;
    touched = [];
    const visit = (k: number, quality: number): void => {
      for (let p = postStart[k]!, end = postStart[k + 1]!; p < end; p++) {
        const doc = post[p]! >> 2;
        if (matched[doc] !== i) continue;
        const s = quality * FIELD_WEIGHT[post[p]! & 3]!;
        if (s > best[doc]!) {
          if (!best[doc]) touched.push(doc);
          best[doc] = s;
        }
      }
    };
    const prefixes = (w: string, exact: number, prefix: number): void => {
      for (let k = lowerBound(vocab, w), end = lowerBound(vocab, `${w}\uffff`); k < end; k++) {
        visit(k, vocab[k]!.length === w.length ? exact : prefix);
      }
    };
    const substrings = (w: string, quality: number): void => {
      let at = joined.indexOf(w);
      while (at >= 0) {
        const k = wordAt(starts, at);
        if (starts[k] !== at) visit(k, quality);
        at = joined.indexOf(w, starts[k + 1] ?? joined.length);
      }
    };

    const known = (w: string): boolean => vocab[lowerBound(vocab, w)] === w;
    let whole = false;
    for (const w of plain === word ? [word] : [word, plain]) {
      // English plurals: "cars" → "car", "boxes" → "box".
      const forms = [w, `${w}s`, `${w}es`];
      if (w.endsWith('s')) forms.push(w.slice(0, -1));
      if (w.endsWith('es')) forms.push(w.slice(0, -2));
      if (ix.english && (known(w) || forms.slice(3).some(known))) {
        // A whole English word: itself and its plural or singular, never a longer word it starts.
        whole = true;
        for (const form of forms) {
          if (known(form)) visit(lowerBound(vocab, form), form === w ? EXACT : PREFIX);
        }
        continue;
      }
      if (w.length >= 2 || i === words.length - 1) prefixes(w, EXACT, PREFIX);
      else if (known(w)) visit(lowerBound(vocab, w), EXACT);
      if (w.length >= 4) substrings(w, SUBSTRING);
      const root = stem(w);
      if (root) {
        prefixes(root, STEM_PREFIX, STEM_PREFIX);
        substrings(root, STEM_SUBSTRING);
      }
    }
    for (const doc of ix.leika.get(word) ?? []) {
      if (matched[doc] === i && !best[doc]) touched.push(doc);
      if (matched[doc] === i) best[doc] = EXACT * FIELD_WEIGHT[NAME_START]!;
    }
    if (!touched.length && !whole && word.length >= 4 && word.length <= 32 && !/^\d+$/.test(word)) {
      const max = word.length >= 8 ? 2 : 1;
      const first = word[0]!;
      const rows = new Int32Array(3 * (word.length + max + 1));
      for (let k = lowerBound(vocab, first), end = lowerBound(vocab, `${first}\uffff`); k < end; k++) {
        const candidate = vocab[k]!;
        if (candidate.length < word.length - max) continue;
        const distance = typoDistance(word, candidate, max, rows);
        if (distance <= max) visit(k, TYPO[distance]!);
      }
    }
    if (!touched.length) return { items: [], total: 0 };
    for (const doc of touched) {
      score[doc] = score[doc]! + best[doc]!;
      best[doc] = 0;
      matched[doc] = i + 1;
    }
  }

  // The services touched by the last word are exactly those that matched every word.
  for (const doc of ix.phrases.get(q) ?? [])
    if (matched[doc] === words.length) score[doc] = score[doc]! + PHRASE_EXACT;
  if (all.length > 1) {
    for (const doc of touched) {
      if (ix.docPhrases[doc]!.some((p) => p !== q && p.startsWith(q)))
        score[doc] = score[doc]! + PHRASE_START;
    }
  }
  const keys = new Float64Array(touched.length);
  touched.forEach((doc, j) => (keys[j] = score[doc]! * n + (n - 1 - ix.tieRank[doc]!)));
  keys.sort();
  const docs = new Int32Array(Math.min(keys.length, limit));
  for (let j = 0; j < docs.length; j++) docs[j] = ix.tieOrder[n - 1 - (keys[keys.length - 1 - j]! % n)]!;
  return take(docs, keys.length);
}

/** Counts the services per category id (a service in several categories counts in each). */
export function categoryCounts<T extends ServiceSummary>(items: readonly T[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const id of item.categories) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
