/**
 * The catalog's view state in the page URL, in namespaced query parameters, so back/forward, reload and
 * shared links work on any CMS page without server configuration (no path or hash routing).
 *
 * `?ozg-catalog=<serviceId>` opens a service; `?ozg-catalog-q=<words>&ozg-catalog-category=<id>` keep a
 * search, also while a service opened from it is shown (its "back to the overview" returns to that search).
 * The base name is configurable (`route-key`) for several catalogs on one page.
 */

/** What the URL says about one catalog. */
export interface CatalogRoute {
  service?: string;
  q?: string;
  category?: string;
  /** The service's form is open in place. */
  apply?: boolean;
}

/** Reads the route of the catalog with parameter base `key` from a URL. */
export function readRoute(key: string, href: string): CatalogRoute {
  const params = new URL(href).searchParams;
  const route: CatalogRoute = {};
  const service = params.get(key);
  const q = params.get(`${key}-q`);
  const category = params.get(`${key}-category`);
  if (service) route.service = service;
  if (q) route.q = q;
  if (category) route.category = category;
  if (service && params.get(`${key}-apply`) === '1') route.apply = true;
  return route;
}

/** The URL with the catalog's parameters replaced; every other parameter and the hash stay intact. */
export function routeHref(key: string, href: string, route: CatalogRoute): string {
  const url = new URL(href);
  const set = (name: string, value: string | undefined) => {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  };
  set(key, route.service);
  // A service view keeps the search it was opened from, so "back to the overview" restores it.
  set(`${key}-q`, route.q);
  set(`${key}-category`, route.category);
  set(`${key}-apply`, route.service && route.apply ? '1' : undefined);
  return url.href;
}
