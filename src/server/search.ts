/** Service search for `listServices`, through the shared German search module (umlauts, prefixes, typos). */
import type { Lang } from '../contract/common.ts';
import type { Location, Service } from '../contract/catalog.ts';
import { buildIndex, search, type SearchIndex } from '../search/index.ts';
import { placeInQuery } from '../search/places.ts';

export type SearchFn = (services: Service[], query: string, lang: Lang) => Service[];

/**
 * A search function with one index per service list and language, built on first use. Given the catalog's
 * places, a query that finds nothing because it names a place ("Hundesteuer Heide") is searched without it,
 * as `<ozg-service-catalog>` does.
 */
export function createSearch(places: readonly Location[] = []): SearchFn {
  const indexes = new WeakMap<Service[], Map<Lang, SearchIndex<Service>>>();
  return (services, query, lang) => {
    let perLang = indexes.get(services);
    if (!perLang) indexes.set(services, (perLang = new Map()));
    let index = perLang.get(lang);
    if (!index) perLang.set(lang, (index = buildIndex(services, lang)));
    const found = search(index, query).items;
    const place = found.length ? undefined : placeInQuery(places, query);
    return place ? search(index, query, { ignore: place.words }).items : found;
  };
}
