import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  ApiError,
  isAbortError,
  type ApiClientOptions,
  type ConfigField,
  type RouteTable,
} from '../../client/index.ts';
import { getStatus, replyToRequest, uploadReplyFile } from '../../contract/api.ts';
import { localize } from '../../contract/common.ts';
import {
  AccessCode,
  normalizeAccessCode,
  FINAL_STATUSES,
  Reference,
  type Status,
  type StatusView,
} from '../../contract/submission.ts';
import { blockStyles, renderErrorAlert, renderLiveRegion, renderLoading } from '../../ui/blocks.ts';
import { BASE_ROUTES, OzgElement, renderHeading } from '../../ui/ozg-element.ts';
import {
  formatDateTime,
  renderTimeline,
  statusLabel,
  statusMessages,
  statusStyles,
} from '../../ui/status.ts';
import { fieldStyles } from '../../ui/fields.ts';
import { FocusAfterRender } from '../../ui/focus.ts';
import { tokens } from '../../ui/tokens.ts';
import { statusViewMessages as m } from './messages.ts';
import type * as ReplyModule from './reply.ts';
import type { ReplyController } from './reply.ts';
import { dropReplyDraft, hasReplyDraft } from './reply-draft.ts';
import { replyStyles } from './reply.styles.ts';

/** Detail of `ozg-status-change`. */
export interface OzgStatusChangeDetail {
  reference: string;
  status: Status;
  /** The state shown before, or `null` when the application was just opened. */
  previous: Status | null;
}

/** Detail of `ozg-reply-sent`. */
export interface OzgReplySentDetail {
  reference: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-status-change': CustomEvent<OzgStatusChangeDetail>;
    'ozg-reply-sent': CustomEvent<OzgReplySentDetail>;
  }
}

interface Credentials {
  reference: string;
  accessCode: string;
}

type Phase =
  | { kind: 'form' }
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ready'; view: StatusView };

/** The reply's module (`reply.ts`), loaded on demand: `idle` before it is needed and once it is there. */
type ReplyModuleState = 'idle' | 'loading' | 'failed';

/** Where the element keeps the open application for a reload of the same tab (never the page URL). */
export const STATUS_SESSION_KEY = 'ozg-submission-status';
/** The fragment parameter of the confirmation link that carries the access code. */
export const ACCESS_CODE_PARAM = 'access-code';
/** The query parameter of the confirmation link that carries the reference. */
export const REFERENCE_PARAM = 'reference';

/** Polls wait at most this many times the interval when nothing changes. */
const MAX_BACKOFF = 8;

function readSession(): Credentials | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(STATUS_SESSION_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<Credentials>;
    return typeof parsed.reference === 'string' && typeof parsed.accessCode === 'string'
      ? { reference: parsed.reference, accessCode: parsed.accessCode }
      : undefined;
  } catch {
    return undefined;
  }
}

function writeSession(credentials: Credentials | undefined): void {
  try {
    if (credentials) globalThis.sessionStorage?.setItem(STATUS_SESSION_KEY, JSON.stringify(credentials));
    else globalThis.sessionStorage?.removeItem(STATUS_SESSION_KEY);
  } catch {
    // Storage blocked: the view simply does not survive a reload.
  }
}

/** The API routes this element calls. */
const routes = { ...BASE_ROUTES, getStatus, uploadReplyFile, replyToRequest };

/**
 * Shows citizens the state of their application: a small form for reference and access code, or opened
 * directly from the confirmation's link `<status page>?reference=<REF>#access-code=<CODE>`. The access code
 * travels in the fragment, so it never reaches a server log; the element removes it from the address bar
 * right after reading it and keeps the open application in `sessionStorage` of this tab only, so a reload
 * still shows it and closing the tab forgets it.
 *
 * Shows the current state prominently (with what is needed when information is requested, and why when
 * rejected), the responsible authority and the timeline. Refreshes by itself while the page is visible,
 * waiting longer each time nothing changed (and never while the page is hidden); "Aktualisieren" refreshes
 * on demand. A wrong access code and an unknown reference give the same answer.
 *
 * While information is requested, the citizen answers right here: a message and files (PDF, JPG, PNG, at most
 * 10, each uploaded as soon as it is chosen), kept in this tab until sent (never the access code beyond what is
 * said above). The application then shows „Angaben eingegangen“ with the reply in its timeline. The form's code
 * loads only then (`import()`), as most citizens never see this state.
 *
 * ```html
 * <ozg-submission-status endpoint="https://ozg.example.de" heading-level="2"></ozg-submission-status>
 * ```
 *
 * @summary Follow an application: current state, responsible authority, timeline.
 * @tag ozg-submission-status
 * @csspart heading - The main heading of the current view (and the sub-headings).
 * @csspart lookup-form - The form asking for reference and access code.
 * @csspart submit-button - "Stand anzeigen".
 * @csspart not-found - The message that no application matches.
 * @csspart current - The box with the current state.
 * @csspart refresh-button - "Aktualisieren".
 * @csspart other-button - "Anderen Antrag abfragen".
 * @csspart authority - The responsible authority.
 * @csspart timeline - The history of the application.
 * @csspart event - One entry of the history.
 * @csspart loading - The loading skeleton.
 * @csspart error - An error message; `retry-button` its retry button.
 * @csspart retry-button - The retry button of an error message.
 * @csspart missing-config - The notice shown while `endpoint` is missing.
 * @csspart reply - The section for answering a request for information (while its form loads: `loading`, or
 *   `error` with `retry-button` when it did not arrive).
 * @csspart reply-form - Its form (message, files, send button).
 * @csspart upload-error - The message about a file that was not uploaded, with its retry button where one helps.
 * @csspart upload-progress - The progress of the file being uploaded.
 * @csspart reply-files - The list of uploaded files.
 * @csspart remove-button - The button removing one uploaded file.
 * @csspart send-button - "Antwort senden".
 * @csspart reply-confirmation - The confirmation that the reply was sent.
 * @csspart reply-closed - The note that the request is no longer open (answered or closed meanwhile).
 * @cssproperty --ozg-color-primary - Buttons, links and the box of an open state.
 * @cssproperty --ozg-color-success - Box of an accepted or completed application.
 * @cssproperty --ozg-color-warning - Box when information is requested.
 * @cssproperty --ozg-color-error - Box of a rejected application and error messages.
 * @cssproperty --ozg-color-surface - Background of the state box.
 * @cssproperty --ozg-font-family - Text (default: the page's font or the KERN token).
 * @event ozg-error - Something failed (`detail: { code, message, retryable }`): `status` looking up or refreshing
 *   the status (an unknown application is not an error), `upload` uploading a file of a reply, `reply` sending it.
 * @event ozg-status-change - `{ reference, status, previous }` when an application is shown and whenever a
 *   refresh finds a new state (`previous` is `null` when it was just opened).
 * @event ozg-reply-sent - `{ reference }` when the citizen's reply to a request for information arrived.
 */
export class OzgSubmissionStatus extends OzgElement<typeof routes> {
  /** @internal */
  static override routes: RouteTable & typeof BASE_ROUTES = routes;
  static override styles = [tokens, blockStyles, fieldStyles, statusStyles, replyStyles];
  /** @internal */
  static override configNeeds: readonly ConfigField[] = ['endpoint'];

  /** Seconds between automatic refreshes (default 30); grows up to 8× while nothing changes. 0 turns it off. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 30;

  /**
   * `url` (default): read `?reference=` and `#access-code=` from the page address and keep the open application
   * for a reload of this tab; `none`: neither read the address nor keep anything.
   */
  @property() routing: 'url' | 'none' = 'url';

  @state() private phase: Phase = { kind: 'form' };
  @state() private notFound = false;
  @state() private refreshing = false;
  @state() private refreshError: unknown;
  @state() private errors: { reference?: string; accessCode?: string } = {};
  @state() private checkedAt: string | undefined;
  @state() private announcement = '';
  @state() private replyModule: ReplyModuleState = 'idle';

  #credentials: Credentials | undefined;
  #prefill = '';
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dueAt = 0;
  #unchanged = 0;
  #focus = new FocusAfterRender(this);
  #initialised = false;
  #openedFor = '';
  /** The answer to a request for information, once its module is loaded. */
  #reply: ReplyController | undefined;

  #onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    } else {
      this.#schedule(Math.max(0, this.#dueAt - Date.now()));
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (!this.#initialised) {
      this.#initialised = true;
      this.#readAddress();
    } else {
      // Moved in the page (a CMS or tab component re-parents it): open the application again and poll on.
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    // Coming back opens the application again with a fresh client.
    this.#openedFor = '';
  }

  /**
   * Loads the reply to a request for information (`reply.ts`): on demand, as most citizens never need it. A separate
   * file in the npm build (`dist/chunks/reply-*.js`), already inside the CDN bundles; tests replace it to see a module
   * that arrives late or not at all.
   */
  protected loadReply(): Promise<typeof ReplyModule> {
    return import('./reply.ts');
  }

  protected override apiOptions(): Omit<ApiClientOptions, 'signal'> {
    // A rate limit is explained to the citizen instead of being waited out silently.
    return { retry: { maxRetryAfterSeconds: 0 } };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const key = this.config.ok ? `${this.config.endpoint}\n${this.#credentials?.reference ?? ''}` : '';
    if (this.config.ok && this.#credentials && key !== this.#openedFor) {
      this.#openedFor = key;
      void this.#load('open');
    }
  }

  /**
   * Shows the application with this reference and access code (e.g. when the host page got them another way).
   * Wrong or unknown details lead to the look-up form with the not-found message.
   */
  show(reference: string, accessCode: string): void {
    this.notFound = false;
    this.errors = {};
    this.#open({ reference: reference.trim().toUpperCase(), accessCode: normalizeAccessCode(accessCode) });
    this.#openedFor = '';
    this.requestUpdate();
  }

  /** Looks the status up again now (as the "Aktualisieren" button does). */
  refresh(): Promise<void> {
    return this.#load('manual');
  }

  // ---- address and storage -----------------------------------------------------------------------------

  #readAddress(): void {
    if (this.routing === 'none') return;
    const url = new URL(location.href);
    const reference = url.searchParams.get(REFERENCE_PARAM)?.trim().toUpperCase() ?? '';
    const fragment = new URLSearchParams(url.hash.slice(1));
    const code = normalizeAccessCode(fragment.get(ACCESS_CODE_PARAM) ?? '');
    if (fragment.has(ACCESS_CODE_PARAM)) {
      // The code stays out of the address bar, the history and anything the citizen copies from it.
      fragment.delete(ACCESS_CODE_PARAM);
      const rest = fragment.toString();
      url.hash = rest ? `#${rest}` : '';
      history.replaceState(history.state, '', url.href);
    }
    const stored = readSession();
    if (reference && code) this.#open({ reference, accessCode: code });
    else if (stored && (!reference || stored.reference === reference)) this.#credentials = stored;
    else this.#prefill = reference;
  }

  #open(credentials: Credentials): void {
    this.#credentials = credentials;
    if (this.routing !== 'none') writeSession(credentials);
  }

  #forget(): void {
    if (this.#reply) this.#reply.forget();
    else if (this.#credentials && this.routing !== 'none') dropReplyDraft(this.#credentials.reference);
    // Another application may need the reply: its module is tried again then.
    if (this.replyModule === 'failed') this.replyModule = 'idle';
    this.#credentials = undefined;
    this.#openedFor = '';
    this.#abort?.abort();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.routing === 'none') return;
    writeSession(undefined);
    const url = new URL(location.href);
    if (url.searchParams.has(REFERENCE_PARAM)) {
      url.searchParams.delete(REFERENCE_PARAM);
      history.replaceState(history.state, '', url.href);
    }
  }

  // ---- loading and polling ------------------------------------------------------------------------------

  get #interval(): number {
    const seconds = Number(this.pollInterval);
    return Number.isFinite(seconds) && seconds > 0 ? Math.max(1, seconds) * 1000 : 0;
  }

  #schedule(delay?: number): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const interval = this.#interval;
    if (this.phase.kind !== 'ready' || interval === 0 || !this.isConnected) return;
    if (FINAL_STATUSES.includes(this.phase.view.status)) return;
    const wait = delay ?? interval * Math.min(MAX_BACKOFF, 2 ** this.#unchanged);
    if (delay === undefined) this.#dueAt = Date.now() + wait;
    // Hidden pages are not polled; becoming visible again resumes with the time still due.
    if (document.visibilityState === 'hidden') return;
    this.#timer = setTimeout(() => void this.#load('poll'), wait);
  }

  async #load(mode: 'open' | 'manual' | 'poll'): Promise<void> {
    const api = this.api;
    const credentials = this.#credentials;
    if (!api || !credentials) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const lang = this.uiLang;
    if (mode === 'open' || this.phase.kind !== 'ready') this.phase = { kind: 'loading' };
    // Background polls stay quiet; only a refresh the citizen asked for shows that it is running.
    else if (mode === 'manual') this.refreshing = true;
    try {
      const view = await api.request('getStatus', {
        body: { idOrReference: credentials.reference, accessCode: credentials.accessCode },
        signal: abort.signal,
      });
      const previous = this.phase.kind === 'ready' ? this.phase.view.status : null;
      const wasOpen = this.phase.kind === 'ready';
      this.phase = { kind: 'ready', view };
      this.#replyShows(view);
      this.refreshError = undefined;
      this.checkedAt = new Date().toISOString();
      const label = statusLabel(view.status, lang);
      if (!wasOpen) {
        this.#announce(m(lang, 'shown', { status: label }));
        this.#focus.request('#title');
      } else if (previous !== view.status) {
        this.#announce(m(lang, 'changed', { status: label }));
      } else if (mode === 'manual') {
        this.#announce(m(lang, 'unchanged', { status: label }));
      }
      if (previous !== view.status) {
        this.#unchanged = 0;
        this.emit('ozg-status-change', { reference: view.reference, status: view.status, previous });
      } else {
        this.#unchanged += 1;
      }
      this.#schedule();
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      // A 404 because the page points at no service (a wrong endpoint) is a setup problem, not an unknown application.
      if (error instanceof ApiError && error.kind === 'http' && error.status === 404 && !error.setup) {
        // Unknown reference and wrong code look the same: nothing about the application is revealed.
        this.#forget();
        this.#prefill = credentials.reference;
        this.phase = { kind: 'form' };
        this.notFound = true;
        this.#focus.request('[part="not-found"]');
        return;
      }
      const retryAfter = error instanceof ApiError ? (error.retryAfter ?? 0) * 1000 : 0;
      if (this.phase.kind === 'ready') {
        this.refreshError = error;
        this.#unchanged += 1;
        const planned = this.#interval * Math.min(MAX_BACKOFF, 2 ** this.#unchanged);
        this.#dueAt = Date.now() + Math.max(retryAfter, planned);
        this.#schedule(Math.max(retryAfter, planned));
      } else {
        this.phase = { kind: 'failed', error };
        // Rate-limited before anything was shown: look again once the wait is over, as the message promises.
        if (retryAfter > 0 && this.isConnected) {
          this.#timer = setTimeout(() => void this.#load('open'), retryAfter);
        }
      }
      this.reportError('status', error);
    } finally {
      if (this.#abort === abort) this.refreshing = false;
    }
  }

  /** The reply arrived: its answer is the new state of the application. */
  #replied(view: StatusView): void {
    const previous = this.phase.kind === 'ready' ? this.phase.view.status : null;
    this.phase = { kind: 'ready', view };
    this.#replyShows(view);
    this.refreshError = undefined;
    this.checkedAt = new Date().toISOString();
    this.#unchanged = 0;
    this.emit('ozg-reply-sent', { reference: view.reference });
    if (previous !== view.status)
      this.emit('ozg-status-change', { reference: view.reference, status: view.status, previous });
    this.#schedule();
  }

  // ---- the reply, loaded on demand ------------------------------------------------------------------------

  /**
   * Tells the reply which view is shown. Its module is loaded the first time a view asks for information, or
   * when this tab kept an unsent reply to the application (so that a request closed meanwhile still shows the
   * text that was not sent).
   */
  #replyShows(view: StatusView): void {
    if (this.#reply) this.#reply.viewShown(view);
    else if (view.status === 'info-requested' || (this.routing !== 'none' && hasReplyDraft(view.reference)))
      void this.#loadReplyModule();
  }

  async #loadReplyModule(): Promise<void> {
    if (this.#reply || this.replyModule !== 'idle') return;
    this.replyModule = 'loading';
    let module: typeof ReplyModule;
    try {
      module = await this.loadReply();
    } catch {
      // Offline or a deployment replaced the file: the section says so and offers to try again.
      this.replyModule = 'failed';
      return;
    }
    this.replyModule = 'idle';
    this.#reply ??= new module.ReplyController(this, {
      credentials: () => this.#credentials,
      api: () => this.api,
      lang: () => this.uiLang,
      keeps: () => this.routing !== 'none',
      announce: (text) => this.#announce(text),
      reportError: (code, error, message) => this.reportError(code, error, message),
      sent: (view) => this.#replied(view),
      closed: () => this.#load('poll'),
    });
    // The view shown now (perhaps newer than the one that asked for the module); restores a kept draft.
    if (this.phase.kind === 'ready') this.#reply.viewShown(this.phase.view);
    // The form replaces the section that had the focus (after a retry): its heading takes it on.
    if (this.shadowRoot?.activeElement?.id === 'reply-heading') this.#focus.request('#reply-heading');
  }

  /** The reply's section while its module loads or when it did not arrive; the form itself once it is there. */
  #renderReply(requestId: string | undefined): TemplateResult {
    const lang = this.uiLang;
    const level = this.level + 1;
    if (this.#reply) return this.#reply.render(lang, level, requestId);
    const failed = this.replyModule === 'failed';
    return html`<section
      class="reply"
      part="reply"
      aria-labelledby="reply-heading"
      aria-busy=${failed ? 'false' : 'true'}
    >
      ${renderHeading(level, m(lang, 'replyHeading'), 'reply-heading')}
      ${
        failed
          ? renderErrorAlert({
              lang,
              // The module did not arrive: like a lost connection, trying again can help.
              error: new ApiError('network', 'reply module not loaded'),
              message: m(lang, 'replyUnavailable'),
              onRetry: () => {
                this.replyModule = 'idle';
                // The retry button gives way to the loading state: the keyboard stays in this section.
                this.#focus.request('#reply-heading');
                void this.#loadReplyModule();
              },
            })
          : renderLoading({ lang, label: m(lang, 'replyLoading') })
      }
    </section>`;
  }

  // ---- the look-up form ---------------------------------------------------------------------------------

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const reference = String(data.get('reference') ?? '')
      .trim()
      .toUpperCase();
    const accessCode = normalizeAccessCode(String(data.get('accessCode') ?? ''));
    const lang = this.uiLang;
    const errors: { reference?: string; accessCode?: string } = {};
    if (reference === '') errors.reference = m(lang, 'referenceMissing');
    else if (!Reference.safeParse(reference).success) errors.reference = m(lang, 'referenceInvalid');
    if (accessCode === '') errors.accessCode = m(lang, 'codeMissing');
    else if (!AccessCode.safeParse(accessCode).success) errors.accessCode = m(lang, 'codeInvalid');
    this.errors = errors;
    this.#prefill = reference;
    if (errors.reference || errors.accessCode) {
      this.#focus.request(errors.reference ? '#reference' : '#access-code');
      return;
    }
    this.notFound = false;
    this.#open({ reference, accessCode });
    this.#openedFor = `${this.config.ok ? this.config.endpoint : ''}\n${reference}`;
    void this.#load('open');
  }

  #other(): void {
    this.#forget();
    this.#prefill = '';
    this.notFound = false;
    this.errors = {};
    this.refreshError = undefined;
    this.phase = { kind: 'form' };
    this.announcement = '';
    this.#focus.request('#reference');
  }

  // ---- rendering -----------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const lang = this.uiLang;
    if (!this.config.ok) return this.renderMissingConfig();
    let body: TemplateResult;
    switch (this.phase.kind) {
      case 'form':
        body = this.#renderForm();
        break;
      case 'loading':
        body = html`${this.renderHeading(m(lang, 'heading'), 0, 'title')}
        ${renderLoading({ lang, label: m(lang, 'loading') })}`;
        break;
      case 'failed':
        body = html`${this.renderHeading(m(lang, 'heading'), 0, 'title')}
          ${this.#renderError(this.phase.error, () => void this.#load('open'))}
          <div class="actions">${this.#renderOtherButton()}</div>`;
        break;
      case 'ready':
        body = this.#renderView(this.phase.view);
        break;
    }
    return html`<div translate="no" lang=${lang}>${body}${renderLiveRegion(this.announcement)}</div>`;
  }

  #renderError(error: unknown, onRetry: () => void): TemplateResult {
    const lang = this.uiLang;
    if (error instanceof ApiError && error.status === 429) {
      const seconds = error.retryAfter ? Math.ceil(error.retryAfter) : 0;
      const wait = seconds === 1 ? m(lang, 'oneSecond') : m(lang, 'seconds', { seconds });
      const ready = this.phase.kind === 'ready';
      const limit = seconds ? m(lang, 'rateLimited', { wait }) : m(lang, 'rateLimitedShort');
      return renderErrorAlert({
        lang,
        error,
        message: ready ? `${limit} ${m(lang, 'staleNote')}` : limit,
        // Before anything was shown there is no refresh button: offer the retry here.
        ...(ready ? {} : { onRetry }),
      });
    }
    return renderErrorAlert({ lang, error, onRetry });
  }

  /** Says `text` in the live region, also when it is the same as last time (a second "no change"). */
  #announce(text: string): void {
    if (this.announcement !== text) {
      this.announcement = text;
      return;
    }
    this.announcement = '';
    void this.updateComplete.then(() => (this.announcement = text));
  }

  #renderOtherButton(): TemplateResult {
    return html`<button
      type="button"
      class="ozg-button ozg-button--secondary"
      part="other-button"
      @click=${this.#other}
    >
      ${m(this.uiLang, 'other')}
    </button>`;
  }

  #renderForm(): TemplateResult {
    const lang = this.uiLang;
    const { reference, accessCode } = this.errors;
    return html`${this.renderHeading(m(lang, 'heading'), 0, 'title')}
      ${
        this.notFound
          ? html`<div class="ozg-alert" role="alert" part="not-found" tabindex="-1">
              <p>${m(lang, 'notFound')}</p>
            </div>`
          : nothing
      }
      <form part="lookup-form" novalidate @submit=${this.#submit}>
        <p>${m(lang, 'intro')}</p>
        ${this.#renderInput('reference', 'reference', m(lang, 'reference'), m(lang, 'referenceHint'), reference)}
        ${this.#renderInput('access-code', 'accessCode', m(lang, 'accessCode'), m(lang, 'accessCodeHint'), accessCode)}
        <div class="actions">
          <button type="submit" class="ozg-button" part="submit-button">${m(lang, 'show')}</button>
        </div>
      </form>`;
  }

  /** A labelled text field with hint and error; the code field keeps its case and gets no suggestions. */
  #renderInput(
    id: string,
    name: string,
    label: string,
    hint: string,
    error: string | undefined,
  ): TemplateResult {
    const code = id === 'access-code';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <p class="hint" id=${`${id}-hint`}>${hint}</p>
      ${error ? html`<p class="error" id=${`${id}-error`}>${error}</p>` : nothing}
      <input
        id=${id}
        name=${name}
        class=${code ? 'code' : ''}
        required
        autocomplete="off"
        spellcheck="false"
        autocapitalize=${code ? 'off' : 'characters'}
        maxlength="64"
        .value=${code ? '' : this.#prefill}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? `${id}-error ${id}-hint` : `${id}-hint`}
      />
    </div>`;
  }

  #renderView(view: StatusView): TemplateResult {
    const lang = this.uiLang;
    const last = view.events[view.events.length - 1];
    // The citizen's own reply stands in the timeline; the box shows what the authority wrote.
    const message = last?.type === view.status && view.status !== 'info-received' ? last.message : undefined;
    const messageTitle =
      view.status === 'info-requested'
        ? m(lang, 'needed')
        : view.status === 'rejected'
          ? m(lang, 'reason')
          : m(lang, 'note');
    const authority = view.authority;
    const final = FINAL_STATUSES.includes(view.status);
    // Still as it arrived (or changed within the same minute): the time is said once.
    const since = formatDateTime(view.updatedAt, lang);
    const received = formatDateTime(view.createdAt, lang);
    return html`${this.renderHeading(m(lang, 'title', { reference: view.reference }), 0, 'title')}
      <p>${localize(view.serviceName, lang)}</p>
      <div class="current" part="current" data-status=${view.status}>
        <p class="muted">${m(lang, 'current')}</p>
        <p class="current-status">${statusLabel(view.status, lang)}</p>
        <p class="muted">
          ${since === received ? nothing : html`${m(lang, 'since', { time: since })} · `}${m(lang, 'submittedAt')}
          ${received}
        </p>
        <p>${m(lang, `explain_${view.status}`)}</p>
        ${
          message
            ? html`<p><strong>${messageTitle}:</strong></p>
                <p class="current-message" id="current-message">${message}</p>`
            : nothing
        }
      </div>
      ${this.#reply ? this.#reply.renderOutcome(lang) : nothing}
      ${this.refreshError ? this.#renderError(this.refreshError, () => void this.#load('manual')) : nothing}
      ${view.status === 'info-requested' ? this.#renderReply(message ? 'current-message' : undefined) : nothing}
      <div class="actions">
        <button
          type="button"
          class="ozg-button"
          part="refresh-button"
          aria-describedby="checked-at"
          aria-disabled=${this.refreshing ? 'true' : 'false'}
          @click=${() => {
            // Not `disabled`: a disabled button would drop the keyboard focus to the page.
            if (!this.refreshing) void this.#load('manual');
          }}
        >
          ${this.refreshing ? m(lang, 'refreshing') : m(lang, 'refresh')}
        </button>
        ${this.#renderOtherButton()}
      </div>
      <p class="muted" id="checked-at">
        ${this.checkedAt ? m(lang, 'checkedAt', { time: formatDateTime(this.checkedAt, lang) }) : nothing}
        ${!final && this.#interval > 0 ? m(lang, 'autoRefresh') : nothing}
      </p>
      <section part="authority">
        ${renderHeading(this.level + 1, m(lang, 'authority'))}
        <p><strong>${localize(authority.name, lang)}</strong></p>
        <p>${authority.address.street}<br />${authority.address.postalCode} ${authority.address.city}</p>
        ${
          authority.phone
            ? html`<p>
                ${m(lang, 'phone')}:
                <a href=${`tel:${authority.phone.replace(/[^\d+]/g, '')}`}>${authority.phone}</a>
              </p>`
            : nothing
        }
        ${
          authority.email
            ? html`<p>${m(lang, 'email')}: <a href=${`mailto:${authority.email}`}>${authority.email}</a></p>`
            : nothing
        }
      </section>
      ${renderTimeline(
        view.events.map((e) => ({
          type: e.type,
          at: e.at,
          authority: localize(e.authorityName, lang),
          message: e.message,
          messageLabel: e.type === 'info-received' ? m(lang, 'yourReply') : undefined,
          files: e.files,
        })),
        lang,
        renderHeading(this.level + 1, statusMessages(lang, 'timeline')),
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-submission-status': OzgSubmissionStatus;
  }
}
