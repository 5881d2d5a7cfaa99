/**
 * Place search for `searchLocations`, shared by the backend and the fixture backend of the stories.
 * Pure TypeScript: no DOM, no Node APIs.
 */
import type { Location } from '../contract/catalog.ts';
import { fold } from './fold.ts';

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
