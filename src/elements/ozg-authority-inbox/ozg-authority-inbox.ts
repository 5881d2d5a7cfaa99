import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  ApiError,
  describeError,
  isAbortError,
  type ApiClientOptions,
  type ConfigField,
  type RouteTable,
} from '../../client/index.ts';
import {
  appendStatusEvent,
  getForm,
  getOwnAuthority,
  getSubmission,
  getSubmissionFile,
  listAuthorities,
  listSubmissions,
} from '../../contract/api.ts';
import type { Authority } from '../../contract/catalog.ts';
import { localize } from '../../contract/common.ts';
import type { FileRef, FormDefinition } from '../../contract/form-definition.ts';
import {
  FINAL_STATUSES,
  type StatusEventRequest,
  type Submission,
  type SubmissionPage,
} from '../../contract/submission.ts';
import { blockStyles, renderErrorAlert, renderLiveRegion, renderLoading } from '../../ui/blocks.ts';
import { BASE_ROUTES, OzgElement, renderHeading } from '../../ui/ozg-element.ts';
import { formatDateTime, statusLabel, statusMessages, statusStyles } from '../../ui/status.ts';
import { fieldStyles } from '../../ui/fields.ts';
import { FocusAfterRender } from '../../ui/focus.ts';
import { tokens } from '../../ui/tokens.ts';
import { answerSections, type AnswerRow } from './answers.ts';
import { renderFileList, type Download, type FileContext } from './files.ts';
import { renderHistory, renderMailState } from './history.ts';
import { inboxMessages as m } from './messages.ts';
import { inboxStyles } from './ozg-authority-inbox.styles.ts';

/** Detail of `ozg-status-event`. */
export interface OzgStatusEventDetail {
  submissionId: string;
  reference: string;
  type: StatusEventRequest['type'];
  /** For `forwarded`: the authority that handles the application now. */
  toAuthorityId?: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-status-event': CustomEvent<OzgStatusEventDetail>;
  }
}

/** File types a browser shows without running anything; others are handed out as bytes to save. */
const INERT_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
]);

type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

interface Detail {
  submission: Submission;
  /** The form for labels; undefined when it could not be loaded. */
  form: FormDefinition | undefined;
}

type Action = StatusEventRequest['type'];
const ACTIONS: readonly Action[] = [
  'in-progress',
  'info-requested',
  'accepted',
  'rejected',
  'completed',
  'forwarded',
];

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;
const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The API routes this element calls. */
const routes = {
  ...BASE_ROUTES,
  getOwnAuthority,
  listAuthorities,
  listSubmissions,
  getSubmission,
  getForm,
  getSubmissionFile,
  appendStatusEvent,
};

/**
 * The inbox of a caseworker: sign in with the authority's API key, see the authority's applications (newest
 * first, paged), open one to read its answers under the form's labels and download its files, read the
 * applicant's replies to a request for information (with their files), see whether the mails to the applicant
 * went out, and move it along: in progress, information requested, accepted, rejected, completed, each with a
 * message to the citizen, or forward it to another authority.
 *
 * The key is held in a private field of the element only: never in storage, the URL or an attribute. It is
 * forgotten on sign-out, when the element leaves the page, and when the page is closed or reloaded.
 *
 * ```html
 * <ozg-authority-inbox endpoint="https://ozg.example.de" heading-level="1"></ozg-authority-inbox>
 * ```
 *
 * @summary Caseworkers' inbox: read applications, change their status, forward them.
 * @tag ozg-authority-inbox
 * @csspart heading - The main heading of the current view (and the sub-headings).
 * @csspart sign-in-form - The sign-in form.
 * @csspart sign-in-button - "Anmelden".
 * @csspart sign-out-button - "Abmelden".
 * @csspart account - The line naming the signed-in authority.
 * @csspart list - The table of applications.
 * @csspart open-button - The reference of an application in the list (opens it).
 * @csspart pagination - Previous / next page.
 * @csspart refresh-button - Reloads the list.
 * @csspart back-button - Back from an application to the list.
 * @csspart answers - The answers of the open application.
 * @csspart files - Its files.
 * @csspart download-button - Downloads one file (of the form or of a reply).
 * @csspart status - The status badge of the open application.
 * @csspart mail-warning - The warning that a mail to the applicant could not be delivered.
 * @csspart mail-pending - The line naming mails to the applicant still being delivered.
 * @csspart timeline - Its history, with the applicant's replies and their files.
 * @csspart event - One entry of the history.
 * @csspart action-form - The form that changes the status.
 * @csspart save-button - "Stand speichern".
 * @csspart action-error - The message when saving a status change failed.
 * @csspart notice - A confirmation (e.g. after forwarding).
 * @csspart loading - The loading skeleton.
 * @csspart error - An error message; `retry-button` its retry button.
 * @csspart retry-button - The retry button of an error message.
 * @csspart missing-config - The notice shown while `endpoint` is missing.
 * @cssproperty --ozg-color-primary - Buttons and links.
 * @cssproperty --ozg-color-border - Table rules and input borders.
 * @cssproperty --ozg-color-surface - Table header and status badges.
 * @cssproperty --ozg-font-family - Text (default: the page's font or the KERN token).
 * @event ozg-error - Work failed (`detail: { code, message, retryable }`, `code` `sign-in`, `list`, `open`,
 *   `download`, `save` or `authorities`).
 * @event ozg-status-event - `{ submissionId, reference, type, toAuthorityId? }` after the caseworker changed the
 *   status of an application (the backend accepted it).
 */
export class OzgAuthorityInbox extends OzgElement<typeof routes> {
  /** @internal */
  static override routes: RouteTable & typeof BASE_ROUTES = routes;
  static override styles = [tokens, blockStyles, fieldStyles, statusStyles, inboxStyles];
  /** @internal */
  static override configNeeds: readonly ConfigField[] = ['endpoint'];

  /** Applications per page (1–100, default 20). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() private authority: Authority | undefined;
  @state() private signingIn = false;
  @state() private signInError = '';
  @state() private keyError = '';
  @state() private page = 1;
  @state() private list: Loadable<SubmissionPage> = { status: 'idle' };
  @state() private detail: Loadable<Detail> = { status: 'idle' };
  /** The list of authorities to forward to could not be loaded. */
  /** Why the list of authorities (forwarding targets) could not be loaded, while it could not. */
  @state() private authoritiesError: unknown;
  @state() private authorities: Authority[] = [];
  @state() private downloads = new Map<string, Download>();
  @state() private action: Action | '' = '';
  @state() private message = '';
  @state() private target = '';
  @state() private actionErrors: { type?: string; message?: string; target?: string } = {};
  @state() private saving = false;
  @state() private saveError: unknown;
  @state() private notice = '';
  @state() private announcement = '';

  /** The API key: memory only. */
  #key: string | undefined;
  #abort: AbortController | undefined;
  /** Ends downloads still running when the caseworker signs out or leaves. */
  #downloads = new AbortController();
  /** The application shown (or being opened), for "Erneut versuchen". */
  #openId = '';
  #urls: string[] = [];
  #focus = new FocusAfterRender(this);

  get #pageSize(): number {
    const n = Math.round(Number(this.pageSize));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : 20;
  }

  protected override apiOptions(): Omit<ApiClientOptions, 'signal'> {
    return this.#key ? { apiKey: this.#key } : {};
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leaving the page signs out: the key must not outlive the element's presence.
    this.#reset();
  }

  // ---- session -------------------------------------------------------------------------------------------

  #reset(): void {
    this.#key = undefined;
    this.#abort?.abort();
    this.#downloads.abort();
    this.#downloads = new AbortController();
    this.#revokeDownloads();
    this.authority = undefined;
    this.authorities = [];
    this.authoritiesError = undefined;
    this.list = { status: 'idle' };
    this.detail = { status: 'idle' };
    this.page = 1;
    this.notice = '';
    this.#resetAction();
  }

  #resetAction(): void {
    this.action = '';
    this.message = '';
    this.target = '';
    this.actionErrors = {};
    this.saveError = undefined;
  }

  #revokeDownloads(): void {
    for (const url of this.#urls) URL.revokeObjectURL(url);
    this.#urls = [];
    this.downloads = new Map();
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.signingIn) return;
    const lang = this.uiLang;
    const input = (event.target as HTMLFormElement).elements.namedItem('apiKey') as HTMLInputElement;
    const key = input.value.trim();
    this.signInError = '';
    if (!key) {
      this.keyError = m(lang, 'keyMissing');
      this.#focus.request('#api-key');
      return;
    }
    this.keyError = '';
    this.#key = key;
    const api = this.api;
    if (!api) return;
    this.signingIn = true;
    try {
      const [authority, all] = await Promise.all([
        api.request('getOwnAuthority'),
        // Without the list only forwarding is impossible; the form says so and offers to load it again.
        api.request('listAuthorities').catch((error: unknown) => ({ failed: error })),
      ]);
      if (this.#key !== key) return;
      input.value = '';
      this.authority = authority;
      const failed = 'failed' in all;
      this.authorities = failed ? [] : all.authorities;
      this.authoritiesError = failed ? all.failed : undefined;
      if (failed && !isAbortError(all.failed)) this.reportError('authorities', all.failed);
      this.page = 1;
      this.announcement = m(lang, 'signedInAs', { authority: localize(authority.name, lang) });
      this.#focus.request('#title');
      void this.#loadList();
    } catch (error) {
      if (isAbortError(error)) return;
      this.#key = undefined;
      this.signInError = isUnauthorized(error) ? m(lang, 'keyWrong') : describeError(error, lang);
      this.reportError('sign-in', error, this.signInError);
      this.#focus.request('#sign-in-error');
    } finally {
      this.signingIn = false;
    }
  }

  async #loadAuthorities(): Promise<void> {
    const api = this.api;
    if (!api || !this.#key) return;
    try {
      this.authorities = (await api.request('listAuthorities')).authorities;
      this.authoritiesError = undefined;
    } catch (error) {
      if (isAbortError(error) || this.#handleAuthError(error)) return;
      this.authoritiesError = error;
      this.reportError('authorities', error);
    }
  }

  #signOut(message = m(this.uiLang, 'signedOut')): void {
    this.#reset();
    this.signInError = '';
    this.announcement = message;
    this.notice = message === m(this.uiLang, 'signedOut') ? '' : message;
    this.#focus.request('#title');
  }

  /** A 401 after signing in means the key was withdrawn: sign out and say so. */
  #handleAuthError(error: unknown): boolean {
    if (!isUnauthorized(error)) return false;
    this.#signOut(m(this.uiLang, 'keyExpired'));
    return true;
  }

  // ---- list and detail -----------------------------------------------------------------------------------

  async #loadList(): Promise<void> {
    const api = this.api;
    if (!api || !this.#key) return;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.list = { status: 'loading' };
    try {
      const value = await api.request('listSubmissions', {
        query: { page: String(this.page), pageSize: String(this.#pageSize) },
        signal: abort.signal,
      });
      if (value.items.length === 0 && value.total > 0 && this.page > 1) {
        // The list shrank (forwarded, handled elsewhere) and this page is past its end: show the last one.
        this.page = Math.max(1, Math.ceil(value.total / value.pageSize));
        void this.#loadList();
        return;
      }
      this.list = { status: 'ready', value };
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted || this.#handleAuthError(error)) return;
      this.list = { status: 'error', error };
      this.reportError('list', error);
    }
  }

  #goToPage(page: number): void {
    this.page = page;
    this.notice = '';
    this.#focus.request('#title');
    void this.#loadList();
  }

  async #open(id: string, focus = true): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.#openId = id;
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    if (focus) {
      this.notice = '';
      this.#resetAction();
      this.#revokeDownloads();
      this.detail = { status: 'loading' };
      this.#focus.request('#title');
    }
    try {
      const submission = await api.request('getSubmission', { params: { id }, signal: abort.signal });
      const form = await api
        .request('getForm', { params: { formId: submission.formId }, signal: abort.signal })
        .catch((error: unknown) => {
          if (isAbortError(error)) throw error;
          return undefined;
        });
      this.detail = { status: 'ready', value: { submission, form } };
      // The loading view had its own heading: move focus to the application's.
      if (focus) this.#focus.request('#title');
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted || this.#handleAuthError(error)) return;
      if (isNotFound(error)) {
        this.#backToList(m(this.uiLang, 'gone'));
        return;
      }
      this.detail = { status: 'error', error };
      this.reportError('open', error);
    }
  }

  /** Whether the application `id` is what the caseworker sees now. */
  #showing(id: string): boolean {
    return this.detail.status === 'ready' && this.detail.value.submission.id === id;
  }

  #backToList(notice = ''): void {
    this.#revokeDownloads();
    this.#resetAction();
    this.detail = { status: 'idle' };
    this.notice = notice;
    if (notice) this.announcement = notice;
    this.#focus.request('#title');
    void this.#loadList();
  }

  async #download(submission: Submission, file: FileRef): Promise<void> {
    const api = this.api;
    if (!api) return;
    const downloads = new Map(this.downloads);
    downloads.set(file.uploadId, { state: 'loading' });
    this.downloads = downloads;
    let next: Download;
    const session = this.#downloads.signal;
    try {
      const blob = await api.request('getSubmissionFile', {
        params: { id: submission.id, uploadId: file.uploadId },
        signal: session,
      });
      // Signed out or moved on meanwhile: the file is not handed out any more.
      if (session.aborted || !this.#showing(submission.id)) return;
      // The file needs the key header, so it is fetched here and handed over as an object URL. Its type is
      // the citizen's claim: only inert types keep it, anything else (HTML, SVG …) is offered as plain bytes.
      const type = INERT_TYPES.has(file.type) ? file.type : 'application/octet-stream';
      const url = URL.createObjectURL(new File([blob], file.name, { type }));
      this.#urls.push(url);
      next = { state: 'ready', url };
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.hidden = true;
      this.renderRoot.appendChild(link);
      link.click();
      link.remove();
    } catch (error) {
      if (isAbortError(error) || this.#handleAuthError(error)) return;
      next = { state: 'error' };
      this.reportError('download', error);
    }
    this.downloads = new Map(this.downloads).set(file.uploadId, next);
  }

  // ---- status change -------------------------------------------------------------------------------------

  async #save(event: SubmitEvent, submission: Submission): Promise<void> {
    event.preventDefault();
    // The button stays focusable while saving (aria-disabled), so a second press must do nothing.
    if (this.saving) return;
    const lang = this.uiLang;
    const errors: { type?: string; message?: string; target?: string } = {};
    const message = this.message.trim();
    if (!this.action) errors.type = m(lang, 'typeMissing');
    if ((this.action === 'info-requested' || this.action === 'rejected') && !message)
      errors.message = m(lang, 'messageMissing');
    if (this.action === 'forwarded' && !this.target) errors.target = m(lang, 'targetMissing');
    this.actionErrors = errors;
    this.saveError = undefined;
    if (errors.type || errors.message || errors.target) {
      this.#focus.request(errors.type ? 'input[name="action"]' : errors.target ? '#target' : '#message');
      return;
    }
    const api = this.api;
    if (!api || !this.action) return;
    const type = this.action;
    const body: StatusEventRequest = { type };
    if (message) body.message = message;
    if (type === 'forwarded') body.toAuthorityId = this.target;
    this.saving = true;
    try {
      await api.request('appendStatusEvent', { params: { id: submission.id }, body });
      const detail: OzgStatusEventDetail = {
        submissionId: submission.id,
        reference: submission.reference,
        type,
      };
      if (type === 'forwarded') detail.toAuthorityId = this.target;
      this.emit('ozg-status-event', detail);
      if (type === 'forwarded') {
        const to = this.authorities.find((a) => a.id === this.target);
        this.#backToList(
          m(lang, 'forwarded', {
            reference: submission.reference,
            authority: to ? localize(to.name, lang) : this.target,
          }),
        );
        return;
      }
      this.announcement = m(lang, 'saved', { status: statusLabel(type, lang) });
      // The caseworker went back to the list meanwhile: say it was saved, stay where they are.
      if (!this.#showing(submission.id)) return;
      this.#resetAction();
      this.notice = this.announcement;
      await this.#open(submission.id, false);
      this.#focus.request('[part="notice"]');
    } catch (error) {
      if (isAbortError(error) || this.#handleAuthError(error)) return;
      if (isNotFound(error)) {
        this.#backToList(m(lang, 'gone'));
        return;
      }
      this.reportError('save', error);
      if (!this.#showing(submission.id)) return;
      this.saveError = error;
      if (error instanceof ApiError && error.status === 409) await this.#open(submission.id, false);
      this.#focus.request('[part="action-error"]');
    } finally {
      this.saving = false;
    }
  }

  // ---- rendering -----------------------------------------------------------------------------------------

  override render(): TemplateResult {
    if (!this.config.ok) return this.renderMissingConfig();
    const lang = this.uiLang;
    let body: TemplateResult;
    if (!this.authority) body = this.#renderSignIn();
    else if (this.detail.status !== 'idle') body = this.#renderDetail();
    else body = this.#renderList();
    return html`<div translate="no" lang=${lang}>
      ${this.authority ? this.#renderAccount(this.authority) : nothing} ${body}
      ${renderLiveRegion(this.announcement)}
    </div>`;
  }

  #renderNotice(): TemplateResult | typeof nothing {
    return this.notice
      ? html`<div class="ozg-alert ozg-alert--info" part="notice" tabindex="-1"><p>${this.notice}</p></div>`
      : nothing;
  }

  #renderAccount(authority: Authority): TemplateResult {
    const lang = this.uiLang;
    return html`<div class="account" part="account">
      <p>${m(lang, 'signedInAs', { authority: localize(authority.name, lang) })}</p>
      <button
        type="button"
        class="ozg-button ozg-button--secondary"
        part="sign-out-button"
        @click=${() => this.#signOut()}
      >
        ${m(lang, 'signOut')}
      </button>
    </div>`;
  }

  #renderSignIn(): TemplateResult {
    const lang = this.uiLang;
    return html`${this.renderHeading(m(lang, 'signInHeading'), 0, 'title')} ${this.#renderNotice()}
      ${
        this.signInError
          ? html`<div class="ozg-alert" role="alert" part="error" id="sign-in-error" tabindex="-1">
              <p>${this.signInError}</p>
            </div>`
          : nothing
      }
      <form part="sign-in-form" novalidate @submit=${(e: SubmitEvent) => void this.#signIn(e)}>
        <p>${m(lang, 'signInIntro')}</p>
        <div class="field">
          <label for="api-key">${m(lang, 'key')}</label>
          ${this.keyError ? html`<p class="error" id="api-key-error">${this.keyError}</p>` : nothing}
          <input
            id="api-key"
            name="apiKey"
            type="password"
            required
            autocomplete="off"
            spellcheck="false"
            autocapitalize="off"
            maxlength="200"
            aria-invalid=${this.keyError ? 'true' : 'false'}
            aria-describedby=${this.keyError ? 'api-key-error' : nothing}
          />
        </div>
        <div class="actions">
          <button
            type="submit"
            class="ozg-button"
            part="sign-in-button"
            aria-disabled=${this.signingIn ? 'true' : 'false'}
          >
            ${this.signingIn ? m(lang, 'signingIn') : m(lang, 'signIn')}
          </button>
        </div>
      </form>`;
  }

  #renderList(): TemplateResult {
    const lang = this.uiLang;
    const list = this.list;
    let content: TemplateResult | typeof nothing = nothing;
    if (list.status === 'loading' || list.status === 'idle')
      content = renderLoading({ lang, label: m(lang, 'loadingList') });
    else if (list.status === 'error')
      content = renderErrorAlert({ lang, error: list.error, onRetry: () => void this.#loadList() });
    else content = this.#renderTable(list.value);
    return html`${this.renderHeading(m(lang, 'heading'), 0, 'title')} ${this.#renderNotice()}
      <div class="actions">
        <button
          type="button"
          class="ozg-button ozg-button--secondary"
          part="refresh-button"
          @click=${() => void this.#loadList()}
        >
          ${m(lang, 'refresh')}
        </button>
      </div>
      ${content}`;
  }

  #renderTable(page: SubmissionPage): TemplateResult {
    const lang = this.uiLang;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const count = page.total === 1 ? m(lang, 'countOne') : m(lang, 'count', { count: page.total });
    if (page.total === 0) return html`<p class="empty">${m(lang, 'empty')}</p>`;
    return html`<div class="table-wrap">
        <table part="list">
          <caption>
            ${count}
          </caption>
          <thead>
            <tr>
              <th scope="col">${m(lang, 'colReference')}</th>
              <th scope="col">${m(lang, 'colService')}</th>
              <th scope="col">${m(lang, 'colPlace')}</th>
              <th scope="col">${m(lang, 'colReceived')}</th>
              <th scope="col">${m(lang, 'colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            ${page.items.map(
              (item) =>
                html`<tr data-id=${item.id}>
                  <th scope="row">
                    <button
                      type="button"
                      class="link code"
                      part="open-button"
                      aria-label=${m(lang, 'open', { reference: item.reference })}
                      @click=${() => void this.#open(item.id)}
                    >
                      ${item.reference}
                    </button>
                  </th>
                  <td>${localize(item.serviceName, lang)}</td>
                  <td>${item.placeName ?? item.ars}</td>
                  <td><time datetime=${item.createdAt}>${formatDateTime(item.createdAt, lang)}</time></td>
                  <td>
                    <span class="badge" data-status=${item.status}>${statusLabel(item.status, lang)}</span>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        pages > 1 || page.page > 1
          ? html`<nav class="actions" part="pagination" aria-label=${m(lang, 'pages')}>
              <button
                type="button"
                class="ozg-button ozg-button--secondary"
                ?disabled=${page.page <= 1}
                @click=${() => this.#goToPage(page.page - 1)}
              >
                ${m(lang, 'previous')}
              </button>
              <span>${m(lang, 'page', { page: page.page, pages })}</span>
              <button
                type="button"
                class="ozg-button ozg-button--secondary"
                ?disabled=${page.page >= pages}
                @click=${() => this.#goToPage(page.page + 1)}
              >
                ${m(lang, 'next')}
              </button>
            </nav>`
          : nothing
      }`;
  }

  #renderBack(): TemplateResult {
    return html`<button
      type="button"
      class="ozg-button ozg-button--secondary"
      part="back-button"
      @click=${() => this.#backToList()}
    >
      ${m(this.uiLang, 'back')}
    </button>`;
  }

  #renderDetail(): TemplateResult {
    const lang = this.uiLang;
    const detail = this.detail;
    if (detail.status !== 'ready') {
      return html`${this.renderHeading(m(lang, 'heading'), 0, 'title')}
        ${
          detail.status === 'error'
            ? renderErrorAlert({ lang, error: detail.error, onRetry: () => void this.#open(this.#openId) })
            : renderLoading({ lang, label: m(lang, 'loadingDetail') })
        }
        <div class="actions">${this.#renderBack()}</div>`;
    }
    const { submission, form } = detail.value;
    const nameOf = (id: string) => {
      const found =
        this.authorities.find((a) => a.id === id) ?? (this.authority?.id === id ? this.authority : undefined);
      return found ? localize(found.name, lang) : id;
    };
    return html`<div class="actions">${this.#renderBack()}</div>
      ${this.renderHeading(m(lang, 'detailHeading', { reference: submission.reference }), 0, 'title')}
      ${this.#renderNotice()} ${renderMailState(submission.notices, lang)}
      <dl class="meta">
        <div>
          <dt>${m(lang, 'service')}</dt>
          <dd>${localize(submission.serviceName, lang)}</dd>
        </div>
        <div>
          <dt>${m(lang, 'received')}</dt>
          <dd><time datetime=${submission.createdAt}>${formatDateTime(submission.createdAt, lang)}</time></dd>
        </div>
        <div>
          <dt>${m(lang, 'status')}</dt>
          <dd>
            <span class="badge" part="status" data-status=${submission.status}
              >${statusLabel(submission.status, lang)}</span
            >
          </dd>
        </div>
        <div>
          <dt>${m(lang, 'place')}</dt>
          <dd>
            ${
              submission.placeName
                ? m(lang, 'placeName', { place: submission.placeName, ars: submission.ars })
                : submission.ars
            }
          </dd>
        </div>
        <div>
          <dt>${m(lang, 'language')}</dt>
          <dd>${m(lang, `lang_${submission.lang}`)}</dd>
        </div>
      </dl>
      ${this.#renderAnswers(submission, form)}
      <section part="files">
        ${renderHeading(this.level + 1, m(lang, 'files'))}
        ${
          submission.files.length === 0
            ? html`<p>${m(lang, 'noFiles')}</p>`
            : renderFileList(submission.files, this.#files(submission))
        }
      </section>
      ${renderHistory(submission.events, {
        ...this.#files(submission),
        nameOf,
        heading: renderHeading(this.level + 1, statusMessages(lang, 'timeline')),
      })}
      ${this.#renderActionForm(submission)}`;
  }

  #renderRows(rows: readonly AnswerRow[]): TemplateResult {
    const lang = this.uiLang;
    return html`${rows.map((row) =>
      row.kind === 'value'
        ? html`<div>
            <dt>${row.label}</dt>
            <dd>${row.text || m(lang, 'noAnswer')}</dd>
          </div>`
        : html`<div class="group">
            <dt>${row.label}</dt>
            <dd>
              ${row.entries.map(
                (entry, i) =>
                  html`${row.repeatable ? html`<p><strong>${m(lang, 'entry', { n: i + 1 })}</strong></p>` : nothing}
                    <dl>${this.#renderRows(entry)}</dl>`,
              )}
            </dd>
          </div>`,
    )}`;
  }

  #renderAnswers(submission: Submission, form: FormDefinition | undefined): TemplateResult {
    const lang = this.uiLang;
    const sections = answerSections(
      submission.data,
      form,
      lang,
      { yes: m(lang, 'yes'), no: m(lang, 'no') },
      m(lang, 'otherAnswers'),
    );
    return html`<section part="answers">
      ${renderHeading(this.level + 1, m(lang, 'answers'))}
      ${form ? nothing : html`<p class="muted">${m(lang, 'formMissing')}</p>`}
      ${sections.map(
        (section) =>
          html`${renderHeading(this.level + 2, section.title)}
            <dl class="answers">${this.#renderRows(section.rows)}</dl>`,
      )}
    </section>`;
  }

  /** What the file lists of `submission` need: the downloads so far and how to fetch one. */
  #files(submission: Submission): FileContext {
    return {
      lang: this.uiLang,
      downloads: this.downloads,
      download: (file) => void this.#download(submission, file),
    };
  }

  #renderActionForm(submission: Submission): TemplateResult {
    const lang = this.uiLang;
    if (FINAL_STATUSES.includes(submission.status)) return html`<p class="muted">${m(lang, 'closed')}</p>`;
    const errors = this.actionErrors;
    const targets = this.authorities.filter((a) => a.id !== this.authority?.id);
    return html`<section>
      ${renderHeading(this.level + 1, m(lang, 'change'))}
      ${
        this.saveError
          ? html`<div part="action-error" tabindex="-1">
              ${renderErrorAlert({ lang, error: this.saveError })}
            </div>`
          : nothing
      }
      <form part="action-form" novalidate @submit=${(e: SubmitEvent) => void this.#save(e, submission)}>
        <fieldset class="field" aria-describedby=${errors.type ? 'action-error' : nothing}>
          <legend>${m(lang, 'newStatus')}</legend>
          ${errors.type ? html`<p class="error" id="action-error">${errors.type}</p>` : nothing}
          ${ACTIONS.map(
            (action) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id=${`action-${action}`}
                  name="action"
                  .value=${action}
                  .checked=${this.action === action}
                  @change=${() => {
                    this.action = action;
                  }}
                />
                <label for=${`action-${action}`}
                  >${action === 'forwarded' ? m(lang, 'forward') : statusLabel(action, lang)}</label
                >
              </div>`,
          )}
        </fieldset>
        ${
          this.action === 'forwarded' && targets.length === 0 && this.authoritiesError !== undefined
            ? renderErrorAlert({
                lang,
                error: this.authoritiesError,
                message: m(lang, 'authoritiesFailed'),
                onRetry: () => void this.#loadAuthorities(),
              })
            : this.action === 'forwarded'
              ? html`<div class="field">
                  <label for="target">${m(lang, 'target')}</label>
                  ${errors.target ? html`<p class="error" id="target-error">${errors.target}</p>` : nothing}
                  <select
                    id="target"
                    aria-invalid=${errors.target ? 'true' : 'false'}
                    aria-describedby=${errors.target ? 'target-error' : nothing}
                    @change=${(e: Event) => {
                      this.target = (e.target as HTMLSelectElement).value;
                    }}
                  >
                    <option value="" ?selected=${this.target === ''}>${m(lang, 'chooseTarget')}</option>
                    ${targets.map(
                      (a) =>
                        html`<option value=${a.id} ?selected=${this.target === a.id}>
                          ${localize(a.name, lang)}
                        </option>`,
                    )}
                  </select>
                </div>`
              : nothing
        }
        <div class="field">
          <label for="message">${m(lang, 'message')}</label>
          <p class="hint" id="message-hint">${m(lang, 'messageHint')}</p>
          ${errors.message ? html`<p class="error" id="message-error">${errors.message}</p>` : nothing}
          <textarea
            id="message"
            maxlength="4000"
            .value=${this.message}
            aria-invalid=${errors.message ? 'true' : 'false'}
            aria-describedby=${errors.message ? 'message-error message-hint' : 'message-hint'}
            @input=${(e: Event) => {
              this.message = (e.target as HTMLTextAreaElement).value;
            }}
          ></textarea>
        </div>
        <div class="actions">
          <button
            type="submit"
            class="ozg-button"
            part="save-button"
            aria-disabled=${this.saving ? 'true' : 'false'}
          >
            ${this.saving ? m(lang, 'saving') : m(lang, 'save')}
          </button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-authority-inbox': OzgAuthorityInbox;
  }
}
