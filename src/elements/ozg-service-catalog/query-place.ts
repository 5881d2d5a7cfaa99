/**
 * A place named in the service search of `<ozg-service-catalog>` ("Hundesteuer Heide"): when a search finds
 * nothing, its words are looked up as places of the tenant's area (each word once, after typing pauses). A place
 * standing in the query is then left out of the search and offered as the citizen's place.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Location } from '../../contract/catalog.ts';
import { fold } from '../../search/index.ts';
import { placeInQuery, type PlaceInQuery } from '../../search/places.ts';
import type { PlaceApi } from './responsible.ts';

const LOOKUP_DELAY_MS = 300;
const MAX_LOOKUPS = 4;

export class QueryPlaces implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #api: () => PlaceApi | undefined;
  readonly #tenant: () => string | undefined;
  /** Places answered per folded word. */
  #known = new Map<string, Location[]>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;

  constructor(
    host: ReactiveControllerHost,
    api: () => PlaceApi | undefined,
    tenant: () => string | undefined,
  ) {
    this.#host = host;
    this.#api = api;
    this.#tenant = tenant;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  /** Forgets what was looked up (another tenant or backend). */
  clear(): void {
    this.#known = new Map();
  }

  /**
   * The place the query names, from the words looked up so far; words not yet looked up are, after a pause
   * (the element updates when they are known). Words of fewer than 3 letters and numbers other than postal
   * codes are not places.
   */
  find(query: string): PlaceInQuery | undefined {
    const words = [...new Set(fold(query).split(' '))]
      .filter((w) => (/^\d+$/.test(w) ? w.length === 5 : w.length >= 3))
      .slice(0, MAX_LOOKUPS);
    const unknown = words.filter((w) => !this.#known.has(w));
    clearTimeout(this.#timer);
    if (unknown.length) this.#timer = setTimeout(() => void this.#lookUp(unknown), LOOKUP_DELAY_MS);
    return placeInQuery(
      words.flatMap((w) => this.#known.get(w) ?? []),
      query,
    );
  }

  async #lookUp(words: string[]): Promise<void> {
    const api = this.#api();
    const tenant = this.#tenant();
    if (!api || !tenant) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const known = this.#known;
    const results = await Promise.allSettled(
      words.map((q) =>
        api.request('searchLocations', { params: { tenant }, query: { q }, signal: abort.signal }),
      ),
    );
    if (abort.signal.aborted || known !== this.#known) return;
    results.forEach((r, i) => {
      // A word that could not be looked up is simply not recognised as a place (and not asked again).
      known.set(words[i]!, r.status === 'fulfilled' ? r.value.locations : []);
    });
    this.#host.requestUpdate();
  }
}
