/**
 * The base class of every ozg element: typed events, per-element configuration, an API client that
 * is cancelled when the element leaves the page, headings that fit the host page's outline.
 */
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  RouteClient,
  describeError,
  resolveConfig,
  setupProblemOf,
  type ApiClientOptions,
  type ConfigField,
  type ConfigResult,
  type RouteTable,
  type SetupProblem,
} from '../client/index.ts';
import { getTenant } from '../contract/api.ts';
import type { Lang, PublicTenant, ThemeTokens } from '../contract/index.ts';
import { renderMissingConfig } from './blocks.ts';
import { errorDetail } from './events.ts';
import { uiMessages } from './messages.ts';

/** Detail of `ozg-config-change`. */
export interface OzgConfigChangeDetail {
  /** The attribute that changed (`endpoint`, `tenant`, `lang`), or `null` when a config was added or removed. */
  attribute: string | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-config-change': CustomEvent<OzgConfigChangeDetail>;
  }
}

/** Names of the own (`ozg-`) events declared in `GlobalEventHandlersEventMap`. */
export type OzgEventName = keyof GlobalEventHandlersEventMap & `ozg-${string}`;
/** The `detail` type of an own event. */
export type OzgEventDetail<K extends OzgEventName> =
  GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Heading levels allowed by `heading-level`. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** Clamps any number to a heading level 1–6 (2 for unreadable values). */
export function clampHeadingLevel(value: unknown): HeadingLevel {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return 2;
  return Math.min(6, Math.max(1, Math.round(n))) as HeadingLevel;
}

/**
 * Renders a real heading element (`h1`–`h6`) of a level; no static templates needed.
 * `part="heading"` lets pages style it.
 */
export function renderHeading(level: number, content: unknown, id?: string): TemplateResult {
  switch (clampHeadingLevel(level)) {
    case 1:
      return html`<h1 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h1>`;
    case 2:
      return html`<h2 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h2>`;
    case 3:
      return html`<h3 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h3>`;
    case 4:
      return html`<h4 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h4>`;
    case 5:
      return html`<h5 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h5>`;
    case 6:
      return html`<h6 part="heading" id=${ifDefined(id)} tabindex="-1">${content}</h6>`;
  }
}

/** The routes every element calls: its tenant's settings (theme, privacy notice). */
export const BASE_ROUTES = { getTenant };

/**
 * Base element. Subclasses:
 * - declare which settings they need (`static configNeeds`, default endpoint and tenant);
 * - declare the API routes they call (`static routes`, and the same table as the type parameter `R`);
 * - render `this.renderMissingConfig()` while `this.config.ok` is false;
 * - call the backend through `this.api` (undefined while the endpoint is missing); it type-checks only the
 *   element's routes, and its requests are aborted when the element is disconnected (ignore `aborted` errors);
 * - fire own events with `this.emit('ozg-…', detail)`.
 *
 * Configuration is re-resolved on connect, when the element's own `endpoint` / `tenant` / `lang`
 * change, and on every `ozg-config-change` event that reaches the document.
 */
export abstract class OzgElement<R extends typeof BASE_ROUTES = typeof BASE_ROUTES> extends LitElement {
  /** Settings this element cannot work without. @internal */
  static configNeeds: readonly ConfigField[] = ['endpoint', 'tenant'];

  /**
   * Whether the element fetches the configured tenant's theme by itself (whenever a tenant is set).
   * @internal
   */
  static themed = true;

  /**
   * The API routes this element calls; its client can call no others, so a bundle of the element carries
   * only these routes and their schemas. Subclasses set it to the same table as their `R`:
   * `const routes = { ...BASE_ROUTES, getService }`.
   * @internal
   */
  static routes: RouteTable & typeof BASE_ROUTES = BASE_ROUTES;

  /** Backend address; wins over `<ozg-config endpoint>`. */
  @property() endpoint?: string;

  /** Tenant (municipality) id; wins over `<ozg-config tenant>`. */
  @property() tenant?: string;

  /**
   * Level of the element's main heading (1–6, default 2), so it fits the host page's outline.
   * Sub-headings use `headingLevel + 1`.
   */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Mirrors the `lang` attribute so a change re-renders; the native `lang` property stays intact. */
  @property({ attribute: 'lang' }) protected langAttribute?: string | null;

  /** The resolved configuration (endpoint, tenant, language) or what is missing. */
  @state() protected config: ConfigResult = { ok: false, missing: ['endpoint', 'tenant'], lang: 'de' };

  #client: { key: string; client: RouteClient<R> } | undefined;
  #warnedAbout = '';
  /** Setup problems already named in the console: each once per element. */
  #warned = new Set<string>();
  #tenant: { key: string; promise: Promise<PublicTenant> } | undefined;
  #themeSheet: CSSStyleSheet | undefined;

  #onConfigChange = () => this.refreshConfig();

  /** The language the element speaks (`de` | `en`). @internal */
  get uiLang(): Lang {
    return this.config.lang;
  }

  /** The heading level as a valid number 1–6. @internal */
  get level(): HeadingLevel {
    return clampHeadingLevel(this.headingLevel);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('ozg-config-change', this.#onConfigChange);
    this.refreshConfig();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('ozg-config-change', this.#onConfigChange);
    // Leaving the page ends every request; a new client is made if the element comes back.
    this.#client?.client.dispose();
    this.#client = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('endpoint') || changed.has('tenant') || changed.has('langAttribute'))
      this.refreshConfig();
  }

  /** Resolves the configuration again; call after changes the element cannot observe. */
  refreshConfig(): void {
    const needs = (this.constructor as typeof OzgElement).configNeeds;
    const next = resolveConfig(this, {
      needs,
      own: { endpoint: this.endpoint, tenant: this.tenant, lang: this.getAttribute('lang') },
    });
    if (JSON.stringify(next) !== JSON.stringify(this.config)) this.config = next;
    const endpoint = next.ok ? next.endpoint : undefined;
    if (this.#client && !this.#client.key.startsWith(`${endpoint}\n`)) {
      // Answers from a previous endpoint are stale: stop waiting for them.
      this.#client.client.dispose();
      this.#client = undefined;
    }
    if (!next.ok) {
      const key = next.missing.join();
      if (key !== this.#warnedAbout) {
        this.#warnedAbout = key;
        console.warn(`<${this.localName}>: missing or invalid setting(s): ${key}`);
      }
    } else {
      this.#warnedAbout = '';
      if (next.endpointGiven) this.#warn('warn_apiBase', { endpoint: next.endpoint! });
      // The tenant's look follows the configuration (fetched once per endpoint and tenant).
      if (next.tenant && (this.constructor as typeof OzgElement).themed && this.isConnected) {
        this.loadTenant().catch(() => undefined);
      }
    }
  }

  /**
   * Extra client options for subclasses (e.g. an authority API key, a shorter timeout, or a fake
   * `fetch` in tests). A change of the returned `apiKey` creates a new client.
   */
  protected apiOptions(): Omit<ApiClientOptions, 'signal'> {
    return {};
  }

  /**
   * A client for the current endpoint, or undefined while it is missing or the element is not on
   * the page. Requests are aborted when the element is disconnected or the endpoint changes.
   * @internal
   */
  get api(): RouteClient<R> | undefined {
    const endpoint = this.config.ok ? this.config.endpoint : undefined;
    if (!endpoint || !this.isConnected) return undefined;
    const options = this.apiOptions();
    const key = `${endpoint}\n${options.apiKey ?? ''}`;
    if (this.#client?.key !== key) {
      this.#client?.client.dispose();
      const routes = (this.constructor as typeof OzgElement).routes as R;
      const onSetupProblem = (problem: SetupProblem) => this.#warnSetup(problem);
      const tenant = () => (this.config.ok ? this.config.tenant : undefined);
      this.#client = {
        key,
        client: new RouteClient(endpoint, { onSetupProblem, tenant, ...options, routes }),
      };
    }
    return this.#client.client;
  }

  /**
   * Names a setup mistake and its fix in the console, in German and English, once per element: the page's
   * visitors see only a neutral message (see `describeError`), the webmaster finds what to change here.
   */
  #warnSetup({ kind, endpoint, origin = '', tenant = '' }: SetupProblem): void {
    this.#warn(`warn_${kind}`, { endpoint, origin, tenant });
  }

  #warn(key: `warn_${SetupProblem['kind'] | 'apiBase'}`, params: Record<string, string>): void {
    const text = (lang: Lang) =>
      uiMessages(lang, key, {
        ...params,
        list: uiMessages(lang, params.tenant ? 'listTenant' : 'listAny', params),
      });
    const message = `<${this.localName}>: ${text('de')}\n<${this.localName}>: ${text('en')}`;
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.warn(message);
  }

  /**
   * Dispatches a bubbling, composed, typed own event from the host. Returns false when a listener
   * called `preventDefault()` on a cancelable event. For the elements themselves, not for pages.
   * @internal
   */
  emit<K extends OzgEventName>(
    name: K,
    detail: OzgEventDetail<K>,
    options: { cancelable?: boolean } = {},
  ): boolean {
    const event = new CustomEvent(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: options.cancelable ?? false,
    });
    return this.dispatchEvent(event);
  }

  /**
   * The public data of the configured tenant (name, privacy notice, status page, theme), fetched once
   * per endpoint and tenant; its theme is applied as it arrives. Rejects like `api.request`.
   */
  protected loadTenant(): Promise<PublicTenant> {
    const api = this.api;
    if (!api || !this.config.ok || !this.config.tenant) return Promise.reject(new Error('not configured'));
    const { endpoint, tenant } = this.config;
    const key = `${endpoint}\n${tenant}`;
    if (this.#tenant?.key !== key) {
      // Another tenant: its look must not linger while (or if) the new one fails to load.
      if (this.#tenant) this.#applyThemeSafely(undefined);
      const promise = api.request('getTenant', { params: { tenant } }).then((info) => {
        if (this.#tenant?.key === key) this.#applyThemeSafely(info.theme);
        return info;
      });
      // A failed lookup is asked again next time instead of being remembered.
      promise.catch(() => {
        if (this.#tenant?.promise === promise) this.#tenant = undefined;
      });
      this.#tenant = { key, promise };
    }
    return this.#tenant.promise;
  }

  /** The theme is a finishing touch: a browser that cannot apply it must still get the element's work. */
  #applyThemeSafely(theme: ThemeTokens | undefined): void {
    try {
      this.applyTenantTheme(theme);
    } catch {
      // Defaults (or the page's own tokens) apply.
    }
  }

  /**
   * Applies a tenant's theme tokens beneath the page's own values: a `--ozg-*` value the page sets wins,
   * then the tenant's, then the default. Names and values were checked against the contract; they are
   * set through the CSSOM, never parsed as style text.
   */
  protected applyTenantTheme(theme: ThemeTokens | undefined): void {
    const root = this.renderRoot;
    if (!(root instanceof ShadowRoot)) return;
    if (!this.#themeSheet) {
      this.#themeSheet = new CSSStyleSheet();
      this.#themeSheet.replaceSync(':host {}');
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#themeSheet];
    }
    const style = (this.#themeSheet.cssRules[0] as CSSStyleRule).style;
    style.cssText = '';
    for (const [name, value] of Object.entries(theme ?? {})) {
      if (name.startsWith('--ozg-')) style.setProperty(`--_ozg-tenant-${name.slice(6)}`, value);
    }
  }

  /**
   * Tells the host page that some work failed (`ozg-error`, one listener logs every widget's failures).
   * `code` names the work in the element's words; the message is the one the element shows.
   */
  protected reportError(code: string, error: unknown, message = describeError(error, this.uiLang)): void {
    // A setup problem is told as such, whatever the element would have said about the failure.
    const text = setupProblemOf(error) ? describeError(error, this.uiLang) : message;
    this.emit('ozg-error', errorDetail(code, text, error));
  }

  /** The visible notice naming the missing settings (render it while `config.ok` is false). */
  protected renderMissingConfig(): TemplateResult {
    return this.config.ok ? html`` : renderMissingConfig(this.config.missing, this.config.lang);
  }

  /** The element's main heading at `heading-level` (`offset` 1 for sub-headings; capped at 6). */
  protected renderHeading(content: unknown, offset = 0, id?: string): TemplateResult {
    return renderHeading(this.level + offset, content, id);
  }
}
