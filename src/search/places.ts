/**
 * Place search for `searchLocations`, shared by the backend and the fixture backend of the stories.
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { Location } from '../contract/catalog.ts';
import { fold, foldPlain } from './fold.ts';

/** At most this many places are answered. */
export const MAX_PLACES = 20;

/**
 * The places of an area (ARS prefix) matching what the citizen typed: digits match the start of a postal
 * code; a name matches anywhere (case and umlauts folded), places whose name starts with it first, then
 * alphabetically.
 */
export function findPlaces(locations: readonly Location[], areaArs: string, query: string): Location[] {
  const q = fold(query.trim());
  const inArea = locations.filter((l) => l.ars.startsWith(areaArs));
  let hits: Location[];
  if (/^\d+$/.test(q)) {
    hits = inArea.filter((l) => l.postalCodes.some((p) => p.startsWith(q)));
  } else {
    hits = inArea
      .map((l) => ({ l, name: fold(l.name) }))
      .filter(({ name }) => name.includes(q))
      .sort(
        (a, b) =>
          Number(!a.name.startsWith(q)) - Number(!b.name.startsWith(q)) || a.name.localeCompare(b.name),
      )
      .map(({ l }) => l);
  }
  return hits.slice(0, MAX_PLACES);
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
