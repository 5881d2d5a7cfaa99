import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, isAbortError, type RouteTable } from '../../client/index.ts';
import {
  getResponsible,
  getService,
  listServices,
  searchLocations,
  type CategoryCount,
} from '../../contract/api.ts';
import type { Location, Service, ServiceSummary } from '../../contract/catalog.ts';
import { localize, type LocalizedText } from '../../contract/common.ts';
import { buildIndex, search, type SearchIndex, type SearchResult } from '../../search/index.ts';
import { blockStyles, renderErrorAlert, renderLiveRegion, renderLoading } from '../../ui/blocks.ts';
import { BASE_ROUTES, OzgElement } from '../../ui/ozg-element.ts';
import { tokens } from '../../ui/tokens.ts';
import { catalogMessages as msg } from './messages.ts';
import { clickOnSpace, paragraphs, subHeading, type Loadable } from './parts.ts';
import { QueryPlaces } from './query-place.ts';
import { ResponsibleController } from './responsible.ts';
import { readRoute, routeHref, type CatalogRoute } from './route.ts';
import { catalogStyles } from './ozg-service-catalog.styles.ts';

/** Detail of `ozg-service-start`. */
export interface OzgServiceStartDetail {
  serviceId: string;
  formId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-service-start': CustomEvent<OzgServiceStartDetail>;
  }
}

interface Catalog {
  services: ServiceSummary[];
  categories: CategoryCount[];
  index: SearchIndex<ServiceSummary>;
}

/** The matches of the service search, and the place it names ("Hundesteuer Heide"). */
type Results = SearchResult<ServiceSummary> & { place?: Location | undefined };

const HEADING_ID = 'ozg-catalog-heading';
const ANNOUNCE_DELAY_MS = 500;
const SLOW_AFTER_MS = 4000;

/** The API routes this element calls. */
const routes = {
  ...BASE_ROUTES,
  listServices,
  getService,
  getResponsible,
  searchLocations,
};

/**
 * The service catalog of a municipality: search as you type (German-aware: umlauts, typos, synonyms),
 * filter by category, read a service in full, find the responsible authority for one's town and start
 * the application: in place (`<ozg-form>`), on a page of the host (`form-url`) or in an external
 * online service.
 *
 * The view lives in namespaced query parameters (`?ozg-catalog=<service>`, `-q`, `-category`,
 * `-apply`), so back/forward, reload and shared links work on any page; a service keeps the search it
 * was opened from, and „Zurück zur Übersicht“ returns to it; `routing="none"` keeps the URL untouched.
 * Focus moves to the heading of each new view.
 *
 * A search that names a place („Hundesteuer Heide“) leaves the place out and takes it as the citizen's
 * place for the responsible authority. The place look-up on a service forgives typos („Meinten Sie
 * Brunsbüttel?“) and says when a postal code lies outside the area served.
 *
 * ```html
 * <ozg-service-catalog endpoint="https://ozg.example.de" tenant="kreis-dithmarschen"
 *   heading-level="2" form-url="/antrag?service={id}"></ozg-service-catalog>
 * ```
 *
 * @summary Find a service, see who is responsible, start the application.
 * @tag ozg-service-catalog
 * @csspart heading - The heading of the current view (list or service).
 * @csspart search - The search field.
 * @csspart category-select - The category filter.
 * @csspart results - The list of results.
 * @csspart result - One result.
 * @csspart result-link - The link of a result.
 * @csspart place-hint - The place a search named („Ort erkannt: Heide“), left out of the search.
 * @csspart detail - The service view.
 * @csspart section - A section of the service view (costs, documents …).
 * @csspart start - The area with the start button or link.
 * @csspart start-button - "Online beantragen" (button, link to `form-url` or external link).
 * @csspart authority - The responsible authority.
 * @csspart back-link - The link back to the overview.
 * @csspart loading - The loading skeleton.
 * @csspart error - An error message; `retry-button` its retry button.
 * @csspart retry-button - The retry button of an error message.
 * @csspart empty - The message that nothing matches, with the categories to choose from instead.
 * @csspart missing-config - The notice shown while `endpoint` or `tenant` is missing.
 * @cssproperty --ozg-color-primary - Buttons and links (see the token table in `src/ui/tokens.ts`).
 * @cssproperty --ozg-color-border - Borders of inputs and results.
 * @cssproperty --ozg-color-surface - Backgrounds of results and skeletons.
 * @cssproperty --ozg-font-family - Text (default: the page's font or the KERN token).
 * @event ozg-error - Loading failed (`detail: { code, message, retryable }`, `code` `load` for the list,
 *   `service` for a service, `places` for the place search, `responsible` for the authority).
 * @event ozg-service-start - Cancelable; `{ serviceId, formId }` when a citizen starts a service that
 *   has an own form and no `form-url` is set. Cancel it to open the form yourself.
 */
export class OzgServiceCatalog extends OzgElement<typeof routes> {
  /** @internal */
  static override routes: RouteTable & typeof BASE_ROUTES = routes;

  static override styles = [tokens, blockStyles, catalogStyles];

  /**
   * Service id to open at start when the URL names none (e.g. on a page about one service); "back"
   * then leads to the whole catalog.
   */
  @property() service?: string;

  /** Text of the list heading (default „Leistungen finden“ / "Find a service"). */
  @property() heading?: string;

  /** Category (life situation) id the list starts filtered by. */
  @property() category?: string;

  /**
   * Page that hosts the form, as a template: `{id}` becomes the service id, `{formId}` its form id,
   * e.g. `/antrag?service={id}`. Without it the form opens in place as `<ozg-form>`.
   */
  @property({ attribute: 'form-url' }) formUrl?: string;

  /** `query` (default): the view is kept in the page URL; `none`: the URL is never touched. */
  @property() routing: 'query' | 'none' = 'query';

  /** Base name of the URL parameters (default `ozg-catalog`); set it when a page has two catalogs. */
  @property({ attribute: 'route-key' }) routeKey = 'ozg-catalog';

  /** Results shown at first and added by "show more" (default 20). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  /** The page size as a whole number 1–500; unreadable values fall back to 20. */
  get #pageSize(): number {
    const n = Math.round(Number(this.pageSize));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 500) : 20;
  }

  @state() private catalog: Loadable<Catalog> = { status: 'idle' };
  @state() private query = '';
  @state() private activeCategory = '';
  @state() private serviceId = '';
  @state() private applying = false;
  /** Loading `<ozg-form>` on demand when the page did not load it: idle, loading or failed. */
  @state() private formModule: 'idle' | 'loading' | 'failed' = 'idle';
  @state() private limit = 20;
  @state() private detail: Loadable<Service> = { status: 'idle' };
  @state() private liveMessage = '';
  /** A request has been running for a while: say so, so nobody thinks the page is broken. */
  @state() private slow = false;

  #catalogKey = '';
  #catalogAbort: AbortController | undefined;
  #detailAbort: AbortController | undefined;
  #focusHeading = false;
  /** The place the shown search names: opening a service from it takes it as the citizen's place. */
  #namedPlace: Location | undefined;
  #places = new ResponsibleController(this, {
    api: () => this.api,
    tenant: () => (this.config.ok ? this.config.tenant : undefined),
    serviceId: () => this.serviceId,
    lang: () => this.uiLang,
    report: (code, error) => this.reportError(code, error),
    say: (message) => this.#say(message),
  });
  #queryPlaces = new QueryPlaces(
    this,
    () => this.api,
    () => (this.config.ok ? this.config.tenant : undefined),
  );
  #urlTimer: ReturnType<typeof setTimeout> | undefined;
  #liveTimer: ReturnType<typeof setTimeout> | undefined;
  #slowTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingAnnouncement = '';
  #initialised = false;

  #onPopState = () => {
    const route = this.#readRoute();
    // Other widgets on the page use the history too: only a change of this catalog's view moves focus.
    if (route.service === (this.serviceId || undefined) && Boolean(route.apply) === this.applying) {
      this.#applyRoute(route);
      return;
    }
    this.#applyRoute(route);
    this.#focusHeading = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#initialised) {
      this.#initialised = true;
      this.limit = this.#pageSize;
      this.activeCategory = this.category ?? '';
      const route = this.#readRoute();
      if (!route.service && this.service) route.service = this.service;
      this.#applyRoute(route);
    }
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#urlTimer);
    clearTimeout(this.#liveTimer);
    clearTimeout(this.#slowTimer);
    this.#pendingAnnouncement = '';
    this.#catalogAbort?.abort();
    this.#detailAbort?.abort();
    // Coming back re-creates the API client, so everything is loaded again.
    this.#catalogKey = '';
    this.detail = { status: 'idle' };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('category') && changed.get('category') !== undefined)
      this.activeCategory = this.category ?? '';
    if (!this.config.ok) return;
    const key = `${this.config.endpoint}\n${this.config.tenant}\n${this.config.lang}`;
    if (key !== this.#catalogKey) {
      this.#catalogKey = key;
      this.#places.restore();
      this.#queryPlaces.clear();
      void this.#loadCatalog();
      if (this.serviceId) void this.#loadDetail();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.catalog.status !== 'loading' && this.detail.status !== 'loading') {
      clearTimeout(this.#slowTimer);
      if (this.slow) this.slow = false;
    }
    if (this.#focusHeading) {
      const heading = this.renderRoot.querySelector<HTMLElement>(`#${HEADING_ID}`);
      if (heading) {
        this.#focusHeading = false;
        heading.focus();
      }
    }
  }

  // ---- routing -------------------------------------------------------------------------------

  get #routed(): boolean {
    return this.routing !== 'none';
  }

  #readRoute(): CatalogRoute {
    return this.#routed ? readRoute(this.routeKey, location.href) : {};
  }

  #applyRoute(route: CatalogRoute): void {
    const service = route.service ?? '';
    if (this.#routed || service !== this.serviceId) {
      this.query = route.q ?? (this.#routed ? '' : this.query);
      this.activeCategory = route.category ?? (this.#routed ? (this.category ?? '') : this.activeCategory);
    }
    this.applying = Boolean(route.apply);
    if (service !== this.serviceId) {
      this.serviceId = service;
      this.#places.reset();
      // The new view's news is announced even when it says what was said before; the old view's is not.
      clearTimeout(this.#liveTimer);
      this.#pendingAnnouncement = this.liveMessage = '';
      if (service && this.config.ok) void this.#loadDetail();
      if (!service) this.detail = { status: 'idle' };
    }
  }

  /** The list as it stands (search and category): a service opened from it leads back to it. */
  #listRoute(): CatalogRoute {
    const route: CatalogRoute = {};
    if (this.query) route.q = this.query;
    if (this.activeCategory) route.category = this.activeCategory;
    return route;
  }

  #currentRoute(): CatalogRoute {
    const route = this.#listRoute();
    if (this.serviceId) route.service = this.serviceId;
    if (this.applying) route.apply = true;
    return route;
  }

  #href(route: CatalogRoute): string {
    return routeHref(this.routeKey, location.href, route);
  }

  /** Goes to a new view: a new history entry (when routed) and focus on its heading. */
  #navigate(route: CatalogRoute): void {
    clearTimeout(this.#urlTimer);
    if (this.#routed) {
      // The search typed so far belongs to the entry we leave, so "back" restores it.
      history.replaceState(history.state, '', this.#href(this.#currentRoute()));
      history.pushState(history.state, '', this.#href(route));
    }
    // "Hundesteuer Heide": the place the search named is the citizen's place for the service they open.
    if (route.service && !this.serviceId && this.#namedPlace) this.#places.remember(this.#namedPlace);
    this.#applyRoute(route);
    this.#focusHeading = true;
  }

  /** Keeps the URL in step with typing without flooding the history (one entry, updated lazily). */
  #syncSearchToUrl(): void {
    if (!this.#routed) return;
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      if (!this.serviceId) history.replaceState(history.state, '', this.#href(this.#currentRoute()));
    }, 300);
  }

  #onLinkClick(event: MouseEvent, route: CatalogRoute): void {
    // Let the browser open new tabs and windows itself.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#navigate(route);
  }

  // ---- data ----------------------------------------------------------------------------------

  async #loadCatalog(): Promise<void> {
    const api = this.api;
    if (!api || !this.config.ok) return;
    const { tenant, lang } = this.config;
    this.#catalogAbort?.abort();
    const abort = (this.#catalogAbort = new AbortController());
    this.catalog = { status: 'loading' };
    this.#watchSlow();
    try {
      const list = await api.request('listServices', {
        params: { tenant },
        query: { lang },
        signal: abort.signal,
      });
      const index = buildIndex(list.services, lang);
      this.catalog = {
        status: 'ready',
        value: { services: list.services, categories: list.categories, index },
      };
    } catch (error) {
      if (isAbortError(error) && abort.signal.aborted) return;
      this.catalog = { status: 'error', error };
      this.reportError('load', error);
    }
  }

  /** Starts the "this takes longer" timer; it ends with the next update that shows no skeleton. */
  #watchSlow(): void {
    clearTimeout(this.#slowTimer);
    this.slow = false;
    this.#slowTimer = setTimeout(() => (this.slow = true), SLOW_AFTER_MS);
  }

  #renderSkeleton(label: string, lines: number): TemplateResult {
    return html`${renderLoading({ lang: this.uiLang, label, lines })}
    ${this.slow ? html`<p class="hint" role="status">${this.#t('slow')}</p>` : nothing}`;
  }

  async #loadDetail(): Promise<void> {
    const api = this.api;
    const id = this.serviceId;
    if (!api || !this.config.ok || !id) return;
    this.#detailAbort?.abort();
    const abort = (this.#detailAbort = new AbortController());
    this.detail = { status: 'loading' };
    this.#watchSlow();
    try {
      const service = await api.request('getService', {
        params: { tenant: this.config.tenant, serviceId: id },
        signal: abort.signal,
      });
      this.detail = { status: 'ready', value: service };
      this.#places.refresh();
    } catch (error) {
      if (isAbortError(error) && abort.signal.aborted) return;
      this.detail = { status: 'error', error };
      this.reportError('service', error);
    }
  }

  // ---- actions -------------------------------------------------------------------------------

  #onSearchInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.limit = this.#pageSize;
    this.#syncSearchToUrl();
  }

  #onCategoryChange(event: Event): void {
    this.activeCategory = (event.target as HTMLSelectElement).value;
    this.limit = this.#pageSize;
    this.#syncSearchToUrl();
  }

  #pickCategory(id: string): void {
    this.query = '';
    this.activeCategory = id;
    this.limit = this.#pageSize;
    this.#syncSearchToUrl();
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#ozg-search')?.focus());
  }

  #start(service: Service, formId: string): void {
    if (!this.emit('ozg-service-start', { serviceId: service.id, formId }, { cancelable: true })) return;
    this.#navigate({ ...this.#listRoute(), service: service.id, apply: true });
  }

  // ---- rendering -----------------------------------------------------------------------------

  #t(key: Parameters<typeof msg>[1], params?: Record<string, string | number>): string {
    return msg(this.uiLang, key, params);
  }

  #text(text: LocalizedText): string;
  #text(text: LocalizedText | undefined): string | undefined;
  #text(text: LocalizedText | undefined): string | undefined {
    return localize(text, this.uiLang);
  }

  /**
   * The matches of the search. A search that finds nothing may name a place ("Hundesteuer Heide"): then the
   * place's words are left out and the place is offered as the citizen's.
   */
  #results(): Results | undefined {
    if (this.catalog.status !== 'ready') return undefined;
    const { index } = this.catalog.value;
    const options = { limit: this.limit, ...(this.activeCategory ? { category: this.activeCategory } : {}) };
    const found = search(index, this.query, options);
    const named = found.total || !this.query.trim() ? undefined : this.#queryPlaces.find(this.query);
    this.#namedPlace = named?.location;
    return named
      ? { ...search(index, this.query, { ...options, ignore: named.words }), place: named.location }
      : found;
  }

  #placeName(place: Location): string {
    return `${place.name} (${place.postalCodes.join(', ')})`;
  }

  protected override render() {
    if (!this.config.ok) return this.renderMissingConfig();
    const results = this.serviceId ? undefined : this.#results();
    if (results) {
      const count =
        results.total === 0
          ? this.#t('resultsNone')
          : results.total === 1
            ? this.#t('resultsOne')
            : this.#t('resultsMany', { count: results.total });
      const { place } = results;
      this.#announce(
        place ? `${this.#t('placeRecognised', { place: this.#placeName(place) })}. ${count}` : count,
      );
    }
    return html`<div class="catalog" translate="no">
      ${renderLiveRegion(this.liveMessage)}
      ${this.serviceId ? this.#renderDetail() : this.#renderList(results)}
    </div>`;
  }

  /**
   * Announces the result count once typing pauses: a screen reader would otherwise queue one
   * announcement per keystroke.
   */
  #announce(message: string): void {
    if (message === this.#pendingAnnouncement) return;
    this.#pendingAnnouncement = message;
    clearTimeout(this.#liveTimer);
    this.#liveTimer = setTimeout(() => (this.liveMessage = message), ANNOUNCE_DELAY_MS);
  }

  /** Announces the outcome of an action at once, even when it is the same as the last one. */
  #say(message: string): void {
    this.#pendingAnnouncement = message;
    clearTimeout(this.#liveTimer);
    this.liveMessage = '';
    this.#liveTimer = setTimeout(() => (this.liveMessage = message), 100);
  }

  #renderList(results: Results | undefined): TemplateResult {
    const { catalog } = this;
    return html`${this.renderHeading(this.heading || this.#t('heading'), 0, HEADING_ID)}
      <div class="controls" role="search" aria-labelledby=${HEADING_ID}>
        <div class="field field--grow">
          <label for="ozg-search">${this.#t('searchLabel')}</label>
          <span class="hint" id="ozg-search-hint">${this.#t('searchHint')}</span>
          <input
            id="ozg-search"
            part="search"
            type="search"
            autocomplete="off"
            spellcheck="false"
            maxlength="200"
            aria-describedby="ozg-search-hint"
            .value=${this.query}
            @input=${this.#onSearchInput}
          />
        </div>
        ${catalog.status === 'ready' ? this.#renderCategorySelect(catalog.value.categories) : nothing}
      </div>
      ${
        catalog.status === 'loading' || catalog.status === 'idle'
          ? this.#renderSkeleton(this.#t('loadingCatalog'), 6)
          : catalog.status === 'error'
            ? renderErrorAlert({
                lang: this.uiLang,
                error: catalog.error,
                onRetry: () => this.#loadCatalog(),
              })
            : this.#renderResults(results!, catalog.value.categories)
      }`;
  }

  #renderCategorySelect(categories: CategoryCount[]): TemplateResult {
    return html`<div class="field">
      <label for="ozg-category">${this.#t('categoryLabel')}</label>
      <select id="ozg-category" part="category-select" @change=${this.#onCategoryChange}>
        <option value="" ?selected=${!this.activeCategory}>${this.#t('allCategories')}</option>
        ${categories.map(
          (c) =>
            html`<option value=${c.id} ?selected=${c.id === this.activeCategory}>
              ${this.#text(c.name)} (${c.count})
            </option>`,
        )}
      </select>
    </div>`;
  }

  #renderResults(results: Results, categories: CategoryCount[]) {
    const count =
      results.total === 1 ? this.#t('resultsOne') : this.#t('resultsMany', { count: results.total });
    const place = results.place
      ? html`<p class="place-hint" part="place-hint">
          <strong>${this.#t('placeRecognised', { place: this.#placeName(results.place) })}.</strong>
          ${this.#t('placeRecognisedHint')}
        </p>`
      : nothing;
    if (results.total === 0) {
      return html`${place}
        <div class="empty" part="empty">
          <p><strong>${this.#t('resultsNone')}</strong></p>
          <p>${this.#t('emptyHint')}</p>
          <ul class="chips">
            ${categories.map(
              (c) =>
                html`<li>
                  <button
                    type="button"
                    class="ozg-button ozg-button--secondary"
                    @click=${() => this.#pickCategory(c.id)}
                  >
                    ${this.#text(c.name)}
                  </button>
                </li>`,
            )}
          </ul>
        </div>`;
    }
    return html`${place}
      <p class="count" aria-hidden="true">${count}</p>
      <ul class="results" part="results">
        ${results.items.map((s) => this.#renderResult(s))}
      </ul>
      ${
        results.total > results.items.length
          ? html`<button
              type="button"
              class="ozg-button ozg-button--secondary"
              @click=${() => (this.limit += this.#pageSize)}
            >
              ${this.#t('showMore')}
            </button>`
          : nothing
      }`;
  }

  #renderResult(service: ServiceSummary): TemplateResult {
    const route: CatalogRoute = { ...this.#listRoute(), service: service.id };
    const name = this.#text(service.name);
    const link = this.#routed
      ? html`<a
          part="result-link"
          href=${this.#href(route)}
          @click=${(e: MouseEvent) => this.#onLinkClick(e, route)}
          >${name}</a
        >`
      : html`<button type="button" class="link" part="result-link" @click=${() => this.#navigate(route)}>
          ${name}
        </button>`;
    return html`<li class="result" part="result">
      ${subHeading(this.level + 1, link)}
      <p>${this.#text(service.summary)}</p>
    </li>`;
  }

  #renderBack(): TemplateResult {
    // Back to the search the citizen came from, as the browser's Back would.
    const route = this.#listRoute();
    return this.#routed
      ? html`<a
          class="back"
          part="back-link"
          href=${this.#href(route)}
          @click=${(e: MouseEvent) => {
            if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            // The list is the entry before when we came from it: going back keeps the history tidy.
            this.#navigate(route);
          }}
          >← ${this.#t('back')}</a
        >`
      : html`<button type="button" class="link back" part="back-link" @click=${() => this.#navigate(route)}>
          ← ${this.#t('back')}
        </button>`;
  }

  #renderDetail(): TemplateResult {
    const { detail } = this;
    if (detail.status === 'error') {
      return html`${this.#renderBack()}
      ${renderErrorAlert({ lang: this.uiLang, error: detail.error, onRetry: () => this.#loadDetail() })}`;
    }
    if (detail.status !== 'ready') {
      return html`${this.#renderBack()} ${this.#renderSkeleton(this.#t('loadingService'), 8)}`;
    }
    const s = detail.value;
    if (this.applying && s.formId) return this.#renderApply(s, s.formId);
    const sub = this.level + 1;
    const section = (title: string, body: unknown) =>
      html`<section part="section">${subHeading(sub, title)}${body}</section>`;
    const list = (items: LocalizedText[] | undefined, title: string) =>
      items?.length
        ? section(
            title,
            html`<ul>
              ${items.map((i) => html`<li>${this.#text(i)}</li>`)}
            </ul>`,
          )
        : nothing;
    const text = (value: LocalizedText | undefined, title: string) =>
      value ? section(title, paragraphs(this.#text(value))) : nothing;
    return html`${this.#renderBack()}
      <article class="detail" part="detail">
        ${this.renderHeading(this.#text(s.name), 0, HEADING_ID)}
        <p class="summary">${this.#text(s.summary)}</p>
        ${this.#renderStart(s)} ${text(s.fullText, this.#t('fullText'))}
        ${list(s.requiredDocuments, this.#t('requiredDocuments'))}
        ${list(s.prerequisites, this.#t('prerequisites'))} ${text(s.costs, this.#t('costs'))}
        ${text(s.deadlines, this.#t('deadlines'))} ${text(s.processingTime, this.#t('processingTime'))}
        ${list(s.legalBasis, this.#t('legalBasis'))}
        ${this.#places.render(subHeading(sub, this.#t('responsible')))}
        ${
          s.furtherInformation?.length
            ? section(
                this.#t('furtherInformation'),
                html`<ul>
                  ${s.furtherInformation.map(
                    (f) =>
                      html`<li><a href=${f.url} rel="noopener noreferrer">${this.#text(f.label)}</a></li>`,
                  )}
                </ul>`,
              )
            : nothing
        }
      </article>`;
  }

  #renderStart(s: Service): TemplateResult {
    let action: TemplateResult;
    if (s.onlineServiceUrl) {
      action = html`<a
          class="ozg-button"
          part="start-button"
          href=${s.onlineServiceUrl}
          rel="noopener noreferrer"
          aria-describedby="ozg-external-note"
          @keydown=${clickOnSpace}
          >${this.#t('startExternal')} <span aria-hidden="true">↗</span></a
        >
        <p class="hint" id="ozg-external-note">${this.#t('externalNote')}</p>`;
    } else if (s.formId && this.formUrl) {
      const href = this.formUrl
        .replaceAll('{id}', encodeURIComponent(s.id))
        .replaceAll('{formId}', encodeURIComponent(s.formId));
      action = html`<a class="ozg-button" part="start-button" href=${href} @keydown=${clickOnSpace}
        >${this.#t('start')}</a
      >`;
    } else if (s.formId) {
      const formId = s.formId;
      action = html`<button
        type="button"
        class="ozg-button"
        part="start-button"
        @click=${() => this.#start(s, formId)}
      >
        ${this.#t('start')}
      </button>`;
    } else {
      action = html`<p>${this.#t('noOnline')}</p>`;
    }
    return html`<div class="start" part="start">${action}</div>`;
  }

  /**
   * A page that loaded only the catalog still gets the form in place: its module is fetched when a citizen
   * starts an application (a separate file in the npm build; already inside the all-in-one bundle).
   */
  #loadFormModule(): void {
    if (customElements.get('ozg-form') || this.formModule === 'loading') return;
    this.formModule = 'loading';
    import('../../ozg-form.ts').then(
      () => (this.formModule = 'idle'),
      () => (this.formModule = 'failed'),
    );
  }

  #renderApply(s: Service, formId: string): TemplateResult {
    const config = this.config.ok ? this.config : undefined;
    let body: TemplateResult;
    if (customElements.get('ozg-form')) {
      body = html`<ozg-form
        form-id=${formId}
        service-id=${s.id}
        endpoint=${ifDefined(config?.endpoint)}
        tenant=${ifDefined(config?.tenant)}
        lang=${this.uiLang}
        heading-level=${Math.min(6, this.level + 1)}
      ></ozg-form>`;
    } else if (this.formModule === 'failed') {
      body = renderErrorAlert({
        lang: this.uiLang,
        // The form's module did not arrive: like a lost connection, trying again can help.
        error: new ApiError('network', 'form module not loaded'),
        message: this.#t('formUnavailable'),
        onRetry: () => {
          this.formModule = 'idle';
          this.#loadFormModule();
        },
      });
    } else {
      if (this.formModule === 'idle') queueMicrotask(() => this.#loadFormModule());
      body = renderLoading({ lang: this.uiLang, label: this.#t('loadingForm') });
    }
    return html`${this.#renderBack()}
    ${this.renderHeading(this.#t('apply', { name: this.#text(s.name) }), 0, HEADING_ID)} ${body}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-service-catalog': OzgServiceCatalog;
  }
}
