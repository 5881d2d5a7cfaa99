/**
 * Place search for `searchLocations`, shared by the backend and the fixture backend of the stories.
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { Location } from '../contract/catalog.ts';
import { fold, foldPlain } from './fold.ts';

/** At most this many places are answered. */
export const MAX_PLACES = 20;

/** At most this many places are suggested for a name with a typo. */
const MAX_SUGGESTIONS = 5;

/** A place name folded both ways ("Wöhrden" → "woehrden", "wohrden"). */
function nameKeys(name: string): string[] {
  const spelled = fold(name);
  const plain = foldPlain(name);
  return spelled === plain ? [spelled] : [spelled, plain];
}

/**
 * Whether a place matches what the citizen typed as it stands: digits start one of its postal codes, a name is
 * part of its name (case and umlauts folded either way). False for a place only suggested for a typo.
 */
export function matchesTyped(location: Location, query: string): boolean {
  const q = fold(query.trim());
  return /^\d+$/.test(q)
    ? location.postalCodes.some((p) => p.startsWith(q))
    : nameKeys(location.name).some((k) => k.includes(q));
}

/**
 * Optimal string alignment distance (Levenshtein plus swapped neighbours) of `a` and `b`; `max + 1` as soon
 * as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    before = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/**
 * The places of an area (ARS prefix) matching what the citizen typed: digits match the start of a postal
 * code; a name matches anywhere (case and umlauts folded either way), places whose name starts with it
 * first, then alphabetically. A name of ≥ 4 letters that matches no place gets the places it is a typo of
 * instead (edit distance 1, from 8 letters 2, to the whole name or one of its words: "Brunsbütel" →
 * Brunsbüttel), closest first; {@link matchesTyped} tells them apart.
 */
export function findPlaces(locations: readonly Location[], areaArs: string, query: string): Location[] {
  const q = fold(query.trim());
  const inArea = locations.filter((l) => l.ars.startsWith(areaArs));
  if (/^\d+$/.test(q)) return inArea.filter((l) => matchesTyped(l, q)).slice(0, MAX_PLACES);
  const starts = (l: Location) => Number(!nameKeys(l.name).some((k) => k.startsWith(q)));
  const byName = (a: Location, b: Location) => fold(a.name).localeCompare(fold(b.name));
  const hits = inArea.filter((l) => matchesTyped(l, q)).sort((a, b) => starts(a) - starts(b) || byName(a, b));
  if (hits.length || q.length < 4) return hits.slice(0, MAX_PLACES);
  const max = q.length >= 8 ? 2 : 1;
  const typed = [...new Set([q, foldPlain(query.trim())])];
  return inArea
    .map((l) => {
      const words = nameKeys(l.name).flatMap((k) => [k, ...k.split(' ')]);
      return { l, d: Math.min(...typed.flatMap((t) => words.map((w) => editDistance(t, w, max)))) };
    })
    .filter(({ d }) => d <= max)
    .sort((a, b) => a.d - b.d || byName(a.l, b.l))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ l }) => l);
}

/** Places outside the area (`areaArs`) that match the query as typed: no typo tolerance, at most a few. */
export function findPlacesOutside(
  locations: readonly Location[],
  areaArs: string,
  query: string,
): Location[] {
  const q = fold(query.trim());
  if (q.length < 3) return [];
  return locations.filter((l) => !l.ars.startsWith(areaArs) && matchesTyped(l, q)).slice(0, MAX_PLACES);
}

/** Which Gemeinde a postal code and town name mean. */
export type PlaceMatch =
  | { kind: 'found'; location: Location }
  /** No Gemeinde of the catalog has this postal code. */
  | { kind: 'unknown' }
  /** Several Gemeinden share the postal code and the town name does not pick one. */
  | { kind: 'ambiguous'; candidates: Location[] };

/** Words around a Gemeinde's name that do not change which Gemeinde it is ("Stadt Heide", "Heide, Stadt"). */
const QUALIFIERS = /^(stadt|gemeinde|hansestadt|flecken|amt) | (stadt|gemeinde)$/g;

/** A town name reduced to what identifies it: no bracketed additions, no "Stadt"/"Gemeinde", folded both ways. */
function townKeys(name: string): string[] {
  const bare = name.replace(/\([^)]*\)/g, ' ');
  return [fold(bare), foldPlain(bare)].map((k) => k.replace(QUALIFIERS, '').trim());
}

/**
 * The Gemeinde of a place of the matter, from its postal code and the town as the citizen wrote it. Only the
 * postal code decides where one Gemeinde has it; where several share it, the town picks one: the same name with
 * case, umlauts and punctuation folded, brackets and "Stadt"/"Gemeinde" left out ("Heide (Holstein)" and
 * "Stadt Heide" pick "Heide", "Nachbarort" picks "Nachbarort (fiktiv)"). A town that is not one of them, or fits
 * several, leaves it ambiguous: no guessing by parts of names ("Nicht Heide" is not Heide).
 */
export function placeOf(locations: readonly Location[], postalCode: string, name?: string): PlaceMatch {
  const code = postalCode.trim();
  const candidates = locations.filter((l) => l.postalCodes.includes(code));
  if (candidates.length === 0) return { kind: 'unknown' };
  if (candidates.length === 1) return { kind: 'found', location: candidates[0]! };
  const typed = townKeys(name ?? '').filter((k) => k !== '');
  if (typed.length > 0) {
    const same = candidates.filter((l) => townKeys(l.name).some((k) => typed.includes(k)));
    if (same.length === 1) return { kind: 'found', location: same[0]! };
  }
  return { kind: 'ambiguous', candidates };
}

/** The place a service search names, and the query's folded words that name it. */
export interface PlaceInQuery {
  location: Location;
  words: string[];
}

/**
 * The place a service search names ("Hundesteuer Heide", "Hundesteuer 25746"): the one place among `locations`
 * whose whole name (without brackets and "Stadt"/"Gemeinde", umlauts folded either way) or postal code stands
 * in the query as words of their own. Parts of words do not count ("Heider" is not Heide); undefined when no
 * place or several fit. The words are {@link fold}ed, ready for the search's `ignore`.
 */
export function placeInQuery(locations: readonly Location[], query: string): PlaceInQuery | undefined {
  const words = fold(query).split(' ');
  const plain = foldPlain(query).split(' ');
  let found: PlaceInQuery | undefined;
  for (const location of locations) {
    for (const key of [...townKeys(location.name), ...location.postalCodes]) {
      const name = key ? key.split(' ') : [];
      for (let i = 0; name.length && i + name.length <= words.length; i++) {
        if (!name.every((w, j) => words[i + j] === w || plain[i + j] === w)) continue;
        if (found && found.location.ars !== location.ars) return undefined;
        found = { location, words: words.slice(i, i + name.length) };
      }
    }
  }
  return found;
}
