/**
 * The "responsible authority" section of a service view in `<ozg-service-catalog>`: the citizen's place (typed,
 * picked from a list or from typo suggestions, remembered for the page session) and the authority responsible
 * for the service there. Every outcome of a look-up keeps focus in place (on the place field, or on the found
 * place) and is announced through the element's live region.
 */
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { describeError, isAbortError, type RouteClient } from '../../client/index.ts';
import type { getResponsible, Responsible, searchLocations } from '../../contract/api.ts';
import { Location, type Authority } from '../../contract/catalog.ts';
import { localize, type Lang } from '../../contract/common.ts';
import { matchesTyped } from '../../search/places.ts';
import { renderErrorAlert, renderLoading } from '../../ui/blocks.ts';
import { catalogMessages as msg } from './messages.ts';
import type { Loadable } from './parts.ts';

/** The client calls the place search needs. */
export type PlaceApi = RouteClient<{
  searchLocations: typeof searchLocations;
  getResponsible: typeof getResponsible;
}>;

/** What the section asks of its element. */
export interface PlaceContext {
  api(): PlaceApi | undefined;
  tenant(): string | undefined;
  serviceId(): string;
  lang(): Lang;
  /** Tells the host page (`ozg-error`). */
  report(code: 'places' | 'responsible', error: unknown): void;
  /** Speaks through the element's live region. */
  say(message: string): void;
}

type PlaceState =
  | { status: 'idle' | 'searching' }
  /**
   * Several places fit (`choose`); none did, but these are close to what was typed (`suggest`); nothing fits
   * (`none`), or it is a postal code of no place of the area (`outside`). The message says so.
   */
  | { status: 'choose' | 'suggest' | 'none' | 'outside'; message: string; locations: Location[] }
  | { status: 'error'; error: unknown; text: string };

const IDLE = { status: 'idle' } as const;
const FIELD = '#ozg-place';
const RESULT = '#ozg-place-result';

export class ResponsibleController implements ReactiveController {
  place: PlaceState = IDLE;
  /** The citizen's place, if they gave one. */
  chosen: Location | undefined;
  responsible: Loadable<Responsible> = IDLE;

  readonly #host: ReactiveControllerHost & { renderRoot: ParentNode };
  readonly #cx: PlaceContext;
  #abort: AbortController | undefined;
  /** What to focus once the next update has rendered it. */
  #focus = '';

  constructor(host: ReactiveControllerHost & { renderRoot: ParentNode }, context: PlaceContext) {
    this.#host = host;
    this.#cx = context;
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.#focus && this.#host.renderRoot.querySelector<HTMLElement>(this.#focus);
    if (target) {
      this.#focus = '';
      target.focus();
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  #t(key: Parameters<typeof msg>[1], params?: Record<string, string | number>): string {
    return msg(this.#cx.lang(), key, params);
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  /** Another service is shown: its look-up starts afresh (the chosen place stays). */
  reset(): void {
    this.#abort?.abort();
    this.place = IDLE;
    this.responsible = IDLE;
    this.#focus = '';
  }

  /** Takes the place remembered in this page session (after a change of tenant: that tenant's). */
  restore(): void {
    this.chosen = this.#stored();
    this.place = IDLE;
  }

  /** Loads the authority for the chosen place, if any, quietly (a service view has opened). */
  refresh(): void {
    if (this.chosen) void this.#load(this.chosen, false);
  }

  /** Takes a place the citizen named elsewhere (in the service search) as theirs. */
  remember(place: Location): void {
    this.chosen = place;
    this.responsible = IDLE;
    this.#store(place);
  }

  async search(text: string): Promise<void> {
    const api = this.#cx.api();
    const tenant = this.#cx.tenant();
    const q = text.trim().slice(0, 100);
    if (!api || !tenant || !q) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.place = { status: 'searching' };
    this.#update();
    try {
      const { locations, outside = [] } = await api.request('searchLocations', {
        params: { tenant },
        query: { q },
        signal: abort.signal,
      });
      // A place the catalog knows outside the area, or a full postal code of no place here: the place exists,
      // only not in the area served.
      const [status, message] = !locations.length
        ? outside.length
          ? (['outside', this.#t('placeOutsideNamed', { place: outside[0]!.name })] as const)
          : /^\d{5}$/.test(q)
            ? (['outside', this.#t('placeOutside', { code: q })] as const)
            : (['none', this.#t('placeNone')] as const)
        : !matchesTyped(locations[0]!, q)
          ? (['suggest', this.#suggestion(locations, q)] as const)
          : locations.length > 1
            ? (['choose', this.#t('placeChoose', { count: locations.length })] as const)
            : [];
      if (status) this.#outcome({ status, message, locations }, message);
      else this.choose(locations[0]!);
    } catch (error) {
      if (isAbortError(error) && abort.signal.aborted) return;
      this.#outcome({ status: 'error', error, text: q }, describeError(error, this.#cx.lang()));
      this.#cx.report('places', error);
    }
  }

  /** „Kein Ort „Brunsbütel“ gefunden. Meinten Sie Brunsbüttel?“ */
  #suggestion(locations: Location[], text: string): string {
    const names = locations.map((l) => l.name);
    const last = names.pop()!;
    const places = names.length ? `${names.join(', ')} ${this.#t('or')} ${last}` : last;
    return this.#t('placeSuggest', { text, places });
  }

  /** An answer that asks the citizen for more: focus stays on (or returns to) the place field. */
  #outcome(place: PlaceState, message: string): void {
    this.place = place;
    this.#focus = FIELD;
    this.#cx.say(message);
    this.#update();
  }

  /** The citizen's place is known: focus goes to it, the authority is loaded and announced. */
  choose(place: Location): void {
    this.place = IDLE;
    this.#focus = RESULT;
    this.remember(place);
    this.#update();
    void this.#load(place, true);
  }

  #change(): void {
    this.chosen = undefined;
    this.responsible = IDLE;
    this.#store(undefined);
    this.#focus = FIELD;
    this.#update();
  }

  async #load(place: Location, announce: boolean): Promise<void> {
    const api = this.#cx.api();
    const tenant = this.#cx.tenant();
    const serviceId = this.#cx.serviceId();
    if (!api || !tenant || !serviceId) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.responsible = { status: 'loading' };
    this.#update();
    try {
      const value = await api.request('getResponsible', {
        params: { tenant, serviceId },
        query: { ars: place.ars },
        signal: abort.signal,
      });
      this.responsible = { status: 'ready', value };
      if (announce) {
        const authority = localize(value.authority.name, this.#cx.lang());
        this.#cx.say(this.#t('responsibleFound', { place: place.name, authority }));
      }
    } catch (error) {
      if (isAbortError(error) && abort.signal.aborted) return;
      this.responsible = { status: 'error', error };
      if (announce) this.#cx.say(describeError(error, this.#cx.lang()));
      this.#cx.report('responsible', error);
    }
    this.#update();
  }

  get #key(): string {
    return `ozg-place:${this.#cx.tenant() ?? ''}`;
  }

  /** The place chosen earlier in this page session (storage may be blocked: then nothing). */
  #stored(): Location | undefined {
    try {
      const raw = sessionStorage.getItem(this.#key);
      if (!raw) return undefined;
      const parsed = Location.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  #store(place: Location | undefined): void {
    try {
      if (place) sessionStorage.setItem(this.#key, JSON.stringify(place));
      else sessionStorage.removeItem(this.#key);
    } catch {
      // Without storage the place is simply asked again next time.
    }
  }

  /** The section, under the given heading. */
  render(heading: TemplateResult): TemplateResult {
    const place = this.chosen;
    const { responsible } = this;
    const lang = this.#cx.lang();
    const body = place
      ? html`<p id="ozg-place-result" tabindex="-1">
            ${this.#t('placeFor', { place: `${place.name} (${place.postalCodes.join(', ')})` })}
          </p>
          ${
            responsible.status === 'ready'
              ? this.#renderAuthority(responsible.value.authority)
              : responsible.status === 'error'
                ? renderErrorAlert({ lang, error: responsible.error, onRetry: () => this.#load(place, true) })
                : renderLoading({ lang, lines: 3 })
          }
          <button type="button" class="ozg-button ozg-button--secondary" @click=${() => this.#change()}>
            ${this.#t('placeChange')}
          </button>`
      : this.#renderForm();
    return html`<section part="section" class="responsible">${heading} ${body}</section>`;
  }

  #renderForm(): TemplateResult {
    const { place } = this;
    const lang = this.#cx.lang();
    const message = 'message' in place ? place.message : '';
    return html`<form
        class="place-form"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          void this.search((e.target as HTMLFormElement).querySelector('input')!.value);
        }}
      >
        <div class="field field--grow">
          <label for="ozg-place">${this.#t('placeLabel')}</label>
          <input
            id="ozg-place"
            type="text"
            autocomplete="postal-code"
            maxlength="100"
            required
            aria-describedby=${message ? 'ozg-place-message' : nothing}
          />
        </div>
        <button type="submit" class="ozg-button">${this.#t('placeSearch')}</button>
      </form>
      ${
        place.status === 'searching'
          ? renderLoading({ lang, lines: 2 })
          : place.status === 'error'
            ? renderErrorAlert({ lang, error: place.error, onRetry: () => void this.search(place.text) })
            : nothing
      }
      ${message ? html`<p id="ozg-place-message">${message}</p>` : nothing}
      ${
        'locations' in place && place.locations.length
          ? html`<ul class="chips" aria-labelledby="ozg-place-message">
              ${place.locations.map(
                (l) =>
                  html`<li>
                    <button
                      type="button"
                      class="ozg-button ozg-button--secondary"
                      @click=${() => this.choose(l)}
                    >
                      ${l.name} (${l.postalCodes.join(', ')})${l.district ? ` – ${l.district}` : ''}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }

  #renderAuthority(a: Authority): TemplateResult {
    const text = (value: Parameters<typeof localize>[0]) => localize(value, this.#cx.lang());
    return html`<address class="authority" part="authority">
      <strong>${text(a.name)}</strong><br />
      ${a.address.street}<br />
      ${a.address.postalCode} ${a.address.city}
      <dl>
        ${
          a.phone
            ? html`<dt>${this.#t('phone')}</dt>
                <dd><a href=${`tel:${a.phone.replace(/[^\d+]/g, '')}`}>${a.phone}</a></dd>`
            : nothing
        }
        ${
          a.email
            ? html`<dt>${this.#t('email')}</dt>
                <dd><a href=${`mailto:${a.email}`}>${a.email}</a></dd>`
            : nothing
        }
        ${
          a.openingHours
            ? html`<dt>${this.#t('openingHours')}</dt>
                <dd class="pre">${text(a.openingHours)}</dd>`
            : nothing
        }
        ${
          a.website
            ? html`<dt>${this.#t('website')}</dt>
                <dd><a href=${a.website} rel="noopener noreferrer">${a.website}</a></dd>`
            : nothing
        }
      </dl>
    </address>`;
  }
}
