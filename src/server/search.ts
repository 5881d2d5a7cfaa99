/** Service search for `listServices`, through the shared German search module (umlauts, prefixes, typos). */
import type { Lang } from '../contract/common.ts';
import type { Service } from '../contract/catalog.ts';
import { buildIndex, search, type SearchIndex } from '../search/index.ts';

export type SearchFn = (services: Service[], query: string, lang: Lang) => Service[];

/** A search function with one index per service list and language, built on first use. */
export function createSearch(): SearchFn {
  const indexes = new WeakMap<Service[], Map<Lang, SearchIndex<Service>>>();
  return (services, query, lang) => {
    let perLang = indexes.get(services);
    if (!perLang) indexes.set(services, (perLang = new Map()));
    let index = perLang.get(lang);
    if (!index) perLang.set(lang, (index = buildIndex(services, lang)));
    return search(index, query).items;
  };
}
