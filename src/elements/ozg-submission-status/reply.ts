/**
 * The citizen's answer to a request for information, inside `<ozg-submission-status>`: a message and files
 * (uploaded one after the other as soon as they are chosen), checked before sending, kept in this tab's
 * `sessionStorage` until sent. A controller keeps the state; `render()` draws the form and `renderOutcome()` the
 * confirmation (or the note that the request is no longer open).
 *
 * Most citizens never see this state, so the element imports this module on demand (`import()`), when it shows an
 * application with a request for information (or a reply kept from before). Import nothing but types from here into
 * the element: its styles are in `reply.styles.ts`, the draft's storage key in `reply-draft.ts`.
 */
import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { live } from 'lit/directives/live.js';
import * as z from 'zod/mini';
import { ApiError, describeError, isAbortError, type RouteClient } from '../../client/index.ts';
import type { Lang } from '../../contract/common.ts';
import { FileRef } from '../../contract/form-definition.ts';
import type { Routes } from '../../contract/api.ts';
import {
  MAX_REPLY_FILES,
  MAX_REPLY_LENGTH,
  REPLY_FILE_TYPES,
  type StatusView,
} from '../../contract/submission.ts';
import { renderErrorAlert } from '../../ui/blocks.ts';
import { isRetryable } from '../../ui/events.ts';
import { FocusAfterRender } from '../../ui/focus.ts';
import { renderHeading } from '../../ui/ozg-element.ts';
import { formatBytes } from '../../forms/messages.ts';
import { statusViewMessages } from './messages.ts';
import { replyMessages as m } from './reply.messages.ts';
import { dropReplyDraft, REPLY_DRAFT_PREFIX } from './reply-draft.ts';

/** The routes a reply needs. */
export type ReplyRoutes = Pick<Routes, 'uploadReplyFile' | 'replyToRequest'>;

/** What the reply needs from the element that shows it. */
export interface ReplyContext {
  /** Reference and access code of the open application. */
  credentials(): { reference: string; accessCode: string } | undefined;
  api(): RouteClient<ReplyRoutes> | undefined;
  lang(): Lang;
  /** Whether the draft may be kept in `sessionStorage` (the element's `routing` allows keeping things). */
  keeps(): boolean;
  announce(text: string): void;
  reportError(code: string, error: unknown, message: string): void;
  /** The reply arrived; `view` is the application's new state. */
  sent(view: StatusView): void;
  /** The request is no longer open (409): look the status up again. */
  closed(): Promise<void>;
}

/** A refused or failed upload: what the citizen is told and, where trying again can help, the files to retry. */
interface Failure {
  message: string;
  files: readonly File[];
}

type Outcome = { kind: 'sent' } | { kind: 'closed'; unsent: string };

const Draft = z.object({ message: z.string(), files: z.array(FileRef) });
type Draft = z.infer<typeof Draft>;

function readDraft(reference: string): Draft | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(REPLY_DRAFT_PREFIX + reference);
    const parsed = raw ? z.safeParse(Draft, JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function writeDraft(reference: string, draft: Draft | undefined): void {
  try {
    if (draft && (draft.message !== '' || draft.files.length > 0))
      globalThis.sessionStorage?.setItem(REPLY_DRAFT_PREFIX + reference, JSON.stringify(draft));
    else dropReplyDraft(reference);
  } catch {
    // Storage blocked or full: the reply simply does not survive a reload.
  }
}

const numberFormat = (n: number, lang: Lang) => n.toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE');

/** The answer to a request for information: state, uploads, sending. */
export class ReplyController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #ctx: ReplyContext;
  readonly #focus: FocusAfterRender;

  message = '';
  files: FileRef[] = [];
  uploading: { name: string; percent: number } | undefined;
  failures: Failure[] = [];
  /** A problem found before sending, shown at its field. */
  error: { field: 'message' | 'files'; text: string } | undefined;
  sending = false;
  sendError: unknown;
  outcome: Outcome | undefined;

  #reference: string | undefined;
  #queue: File[] = [];
  #current: File | undefined;
  #running = false;
  #abort = new AbortController();

  constructor(host: ReactiveElement, ctx: ReplyContext) {
    this.#host = host;
    this.#ctx = ctx;
    this.#focus = new FocusAfterRender(host);
    host.addController(this);
  }

  hostDisconnected(): void {
    // The element's client ends its requests: files not uploaded yet are offered again.
    const waiting = [this.#current, ...this.#queue].filter((f): f is File => f !== undefined);
    this.#stopUploads();
    if (waiting.length > 0)
      this.#fail(m(this.#ctx.lang(), 'notUploaded', { name: waiting[0]!.name }), waiting);
  }

  /** The element shows `view` (opened, refreshed or after sending). */
  viewShown(view: StatusView): void {
    if (view.reference !== this.#reference) {
      this.#clear();
      this.outcome = undefined;
      this.#reference = view.reference;
      const draft = this.#ctx.keeps() ? readDraft(view.reference) : undefined;
      if (draft) {
        this.message = draft.message;
        this.files = draft.files;
      }
    } else if (view.status === 'info-requested') {
      // Asked again after a reply: the old confirmation no longer fits.
      if (this.outcome?.kind === 'sent') this.outcome = undefined;
    } else if (this.message.trim() !== '' || this.files.length > 0) {
      // Answered elsewhere (another tab) or closed meanwhile: the typed text stays readable.
      this.outcome = { kind: 'closed', unsent: this.message.trim() };
      this.#clear();
      writeDraft(view.reference, undefined);
    }
    this.#host.requestUpdate();
  }

  /** The citizen leaves this application: nothing of the reply stays, in memory or in storage. */
  forget(): void {
    if (this.#reference) writeDraft(this.#reference, undefined);
    this.#clear();
    this.outcome = undefined;
    this.#reference = undefined;
    this.#host.requestUpdate();
  }

  #clear(): void {
    this.#stopUploads();
    this.message = '';
    this.files = [];
    this.failures = [];
    this.error = undefined;
    this.sendError = undefined;
  }

  #stopUploads(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#queue = [];
    this.#current = undefined;
    this.uploading = undefined;
  }

  #save(): void {
    if (this.#reference && this.#ctx.keeps())
      writeDraft(this.#reference, { message: this.message, files: this.files });
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  // ---- the message --------------------------------------------------------------------------------------------

  #onInput = (event: InputEvent): void => {
    this.message = (event.target as HTMLTextAreaElement).value;
    if (this.error?.field === 'message' && this.message.trim() !== '') this.error = undefined;
    this.#save();
    this.#update();
  };

  // ---- files --------------------------------------------------------------------------------------------------

  #onChoose = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (chosen.length === 0) return;
    const lang = this.#ctx.lang();
    // Newly chosen files replace the messages about earlier ones.
    this.failures = [];
    if (this.error?.field === 'files') this.error = undefined;
    let room = this.#room;
    for (const file of chosen) {
      let problem: string | undefined;
      if (!(REPLY_FILE_TYPES as readonly string[]).includes(file.type))
        problem = `${m(lang, 'notUploaded', { name: file.name })} ${m(lang, 'wrongType')}`;
      else if (file.size === 0)
        problem = `${m(lang, 'notUploaded', { name: file.name })} ${m(lang, 'empty')}`;
      else if (room <= 0) problem = m(lang, 'tooMany', { name: file.name, max: MAX_REPLY_FILES });
      if (problem) this.#fail(problem, []);
      else {
        room -= 1;
        this.#queue.push(file);
      }
    }
    this.#update();
    void this.#uploadQueue();
  };

  /** How many more files the reply may take. */
  get #room(): number {
    return MAX_REPLY_FILES - this.files.length - this.#queue.length - (this.uploading ? 1 : 0);
  }

  #fail(message: string, files: readonly File[]): void {
    this.failures = [...this.failures, { message, files }];
  }

  /** Uploads the waiting files one after the other; a failure that may pass keeps its file for a retry. */
  async #uploadQueue(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const signal = this.#abort.signal;
    try {
      for (let file = this.#queue.shift(); file; file = this.#queue.shift()) {
        const api = this.#ctx.api();
        const credentials = this.#ctx.credentials();
        if (!api || !credentials || signal.aborted) return;
        const lang = this.#ctx.lang();
        const name = file.name;
        this.#current = file;
        this.uploading = { name, percent: 0 };
        this.#update();
        try {
          const ref = await api.uploadReplyFile(
            { reference: credentials.reference },
            credentials.accessCode,
            file,
            {
              signal,
              onProgress: ({ loaded, total }) => {
                this.uploading = { name, percent: total > 0 ? Math.round((loaded / total) * 100) : 0 };
                this.#update();
              },
            },
          );
          if (signal.aborted) return;
          this.files = [...this.files, ref];
          this.#save();
          this.#ctx.announce(m(lang, 'uploaded', { name }));
        } catch (error) {
          if (isAbortError(error) || signal.aborted) return;
          if (error instanceof ApiError && error.status === 409) {
            this.uploading = undefined;
            await this.#closed();
            return;
          }
          const message = `${m(lang, 'notUploaded', { name })} ${this.#reason(error, lang)}`;
          this.#ctx.reportError('upload', error, message);
          this.#fail(message, isRetryable(error) ? [file] : []);
        }
      }
    } finally {
      this.#running = false;
      if (!signal.aborted) {
        this.#current = undefined;
        this.uploading = undefined;
      }
      this.#update();
      // Files chosen again while a stopped round was ending.
      if (this.#queue.length > 0) void this.#uploadQueue();
    }
  }

  /** Why an upload failed, in words. The type was checked before, so a refused type is content that lies. */
  #reason(error: unknown, lang: Lang): string {
    const status = error instanceof ApiError && error.kind === 'http' ? error.status : undefined;
    if (status === 413) return m(lang, 'tooLarge');
    if (status === 415) return m(lang, 'mismatch');
    if (status === 400 && error instanceof ApiError && error.fieldErrors.some((e) => e.code === 'empty'))
      return m(lang, 'empty');
    return describeError(error, lang);
  }

  #retry(failure: Failure): void {
    if (failure.files.length === 0) return;
    this.failures = this.failures.filter((f) => f !== failure);
    const room = Math.max(0, this.#room);
    this.#queue.push(...failure.files.slice(0, room));
    for (const file of failure.files.slice(room))
      this.#fail(m(this.#ctx.lang(), 'tooMany', { name: file.name, max: MAX_REPLY_FILES }), []);
    // The retry button is gone: keep the keyboard user at the field.
    this.#focus.request('#reply-files');
    void this.#uploadQueue();
  }

  #remove(ref: FileRef): void {
    // What is being sent stays as it is.
    if (this.sending) return;
    this.files = this.files.filter((f) => f.uploadId !== ref.uploadId);
    this.#save();
    this.#ctx.announce(m(this.#ctx.lang(), 'removed', { name: ref.name }));
    // Its button is gone: the focus goes back to where files are chosen.
    this.#focus.request('#reply-files');
  }

  // ---- sending ------------------------------------------------------------------------------------------------

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.send();
  };

  /** Checks the reply and sends it (as the send button does). */
  async send(): Promise<void> {
    const api = this.#ctx.api();
    const credentials = this.#ctx.credentials();
    if (this.sending || !api || !credentials) return;
    const lang = this.#ctx.lang();
    const message = this.message.trim();
    this.error =
      this.uploading || this.#queue.length > 0
        ? { field: 'files', text: m(lang, 'stillUploading') }
        : message === '' && this.files.length === 0
          ? { field: 'message', text: m(lang, 'replyMissing') }
          : message.length > MAX_REPLY_LENGTH
            ? {
                field: 'message',
                text: m(lang, 'replyTooLong', { max: numberFormat(MAX_REPLY_LENGTH, lang) }),
              }
            : undefined;
    if (this.error) {
      this.#focus.request(this.error.field === 'message' ? '#reply-message' : '#reply-files');
      return;
    }
    this.sending = true;
    this.sendError = undefined;
    this.#update();
    try {
      const view = await api.request('replyToRequest', {
        body: {
          idOrReference: credentials.reference,
          accessCode: credentials.accessCode,
          ...(message ? { message } : {}),
          ...(this.files.length > 0 ? { files: this.files.map((f) => f.uploadId) } : {}),
        },
      });
      writeDraft(credentials.reference, undefined);
      this.#clear();
      this.outcome = { kind: 'sent' };
      this.#focus.request('[part="reply-confirmation"]');
      this.#ctx.sent(view);
      this.#ctx.announce(m(lang, 'replySent'));
    } catch (error) {
      if (isAbortError(error)) return;
      if (error instanceof ApiError && error.status === 409) {
        this.sending = false;
        await this.#closed();
        return;
      }
      if (this.#fieldErrors(error, lang)) return;
      this.sendError = error;
      this.#ctx.reportError('reply', error, `${m(lang, 'notSent')} ${describeError(error, lang)}`);
    } finally {
      this.sending = false;
      this.#update();
    }
  }

  /** A 400 about the reply's own parts, shown at the field: files no longer there are taken off the list. */
  #fieldErrors(error: unknown, lang: Lang): boolean {
    if (!(error instanceof ApiError) || error.status !== 400) return false;
    const pointers = error.fieldErrors.map((e) => e.pointer);
    if (error.fieldErrors.some((e) => e.code === 'unknown_file')) {
      // Which one is not said: the list starts again, naming the files to upload once more.
      const name = this.files.map((f) => f.name).join(', ');
      this.files = [];
      this.#save();
      this.error = { field: 'files', text: m(lang, 'fileGone', { name }) };
      this.#focus.request('#reply-files');
      return true;
    }
    if (pointers.includes('/message')) {
      this.error = {
        field: 'message',
        text: m(lang, 'replyTooLong', { max: numberFormat(MAX_REPLY_LENGTH, lang) }),
      };
      this.#focus.request('#reply-message');
      return true;
    }
    return false;
  }

  /** The request was answered or closed meanwhile: the current state, and what was typed, stay visible. */
  async #closed(): Promise<void> {
    const unsent = this.message.trim();
    if (this.#reference) writeDraft(this.#reference, undefined);
    this.#clear();
    await this.#ctx.closed();
    this.outcome = { kind: 'closed', unsent };
    this.#ctx.announce(m(this.#ctx.lang(), 'replyClosed'));
    this.#focus.request('[part="reply-closed"]');
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  /** The confirmation after sending, or the note that the request is no longer open. */
  renderOutcome(lang: Lang) {
    const outcome = this.outcome;
    if (!outcome) return nothing;
    if (outcome.kind === 'sent')
      return html`<div class="ozg-alert ozg-alert--success" part="reply-confirmation" tabindex="-1">
        <p>${m(lang, 'replySent')}</p>
      </div>`;
    return html`<div class="ozg-alert ozg-alert--info" part="reply-closed" tabindex="-1">
      <p>${m(lang, 'replyClosed')}</p>
      ${
        outcome.unsent
          ? html`<p>${m(lang, 'unsent')}</p>
              <p class="reply-unsent">${outcome.unsent}</p>`
          : nothing
      }
    </div>`;
  }

  /** The form: message, files, send button. `requestId` is the element showing what the authority asked for. */
  render(lang: Lang, headingLevel: number, requestId: string | undefined) {
    const error = this.error;
    const messageError = error?.field === 'message' ? error.text : undefined;
    const filesError = error?.field === 'files' ? error.text : undefined;
    const describe = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ');
    const uploading = this.uploading;
    return html`<section class="reply" part="reply" aria-labelledby="reply-heading">
      ${renderHeading(headingLevel, statusViewMessages(lang, 'replyHeading'), 'reply-heading')}
      <p>${m(lang, 'replyIntro')}</p>
      <form
        part="reply-form"
        novalidate
        aria-busy=${this.sending ? 'true' : 'false'}
        @submit=${this.#onSubmit}
      >
        <div class="field">
          <label for="reply-message">${statusViewMessages(lang, 'yourReply')}</label>
          <p class="hint" id="reply-message-hint">
            ${m(lang, 'messageCount', {
              count: numberFormat(this.message.length, lang),
              max: numberFormat(MAX_REPLY_LENGTH, lang),
            })}
          </p>
          ${messageError ? html`<p class="error" id="reply-message-error">${messageError}</p>` : nothing}
          <textarea
            id="reply-message"
            name="message"
            rows="6"
            maxlength=${MAX_REPLY_LENGTH}
            .value=${live(this.message)}
            ?readonly=${this.sending}
            aria-invalid=${messageError ? 'true' : 'false'}
            aria-describedby=${describe(messageError && 'reply-message-error', 'reply-message-hint', requestId)}
            @input=${this.#onInput}
          ></textarea>
        </div>
        <div class="field">
          <label for="reply-files">${m(lang, 'filesLabel')}</label>
          <p class="hint" id="reply-files-hint">${m(lang, 'filesHint', { max: MAX_REPLY_FILES })}</p>
          ${filesError ? html`<p class="error" id="reply-files-error">${filesError}</p>` : nothing}
          <input
            id="reply-files"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,${REPLY_FILE_TYPES.join(',')}"
            aria-invalid=${filesError ? 'true' : 'false'}
            aria-describedby=${describe(filesError && 'reply-files-error', 'reply-files-hint')}
            ?disabled=${this.sending}
            @change=${this.#onChoose}
          />
          ${this.failures.map(
            (failure) =>
              html`<div class="ozg-alert" role="alert" part="upload-error">
                <p>${failure.message}</p>
                ${
                  failure.files.length > 0
                    ? html`<button
                        type="button"
                        class="ozg-button ozg-button--secondary"
                        part="retry-button"
                        @click=${() => this.#retry(failure)}
                      >
                        ${m(lang, 'retryFile', { name: failure.files[0]!.name })}
                      </button>`
                    : nothing
                }
              </div>`,
          )}
          ${
            uploading
              ? html`<p part="upload-progress">
                  <progress max="100" .value=${uploading.percent} aria-label=${uploading.name}></progress>
                  ${m(lang, 'uploading', { name: uploading.name, percent: uploading.percent })}
                </p>`
              : nothing
          }
          ${
            this.files.length > 0
              ? html`<p id="reply-files-list">${m(lang, 'uploadedFiles')}:</p>
                  <ul class="reply-files" part="reply-files" aria-labelledby="reply-files-list">
                    ${this.files.map(
                      (f) =>
                        html`<li>
                          <span class="reply-file-name">${f.name}</span> (${formatBytes(f.size, lang)})
                          <button
                            type="button"
                            class="link"
                            part="remove-button"
                            @click=${() => this.#remove(f)}
                          >
                            ${m(lang, 'remove', { name: f.name })}
                          </button>
                        </li>`,
                    )}
                  </ul>`
              : nothing
          }
        </div>
        ${
          this.sendError
            ? renderErrorAlert({
                lang,
                error: this.sendError,
                message: `${m(lang, 'notSent')} ${describeError(this.sendError, lang)} ${m(lang, 'kept')}`,
                onRetry: () => void this.send(),
              })
            : nothing
        }
        <div class="actions">
          <button
            type="submit"
            class="ozg-button"
            part="send-button"
            aria-disabled=${this.sending ? 'true' : 'false'}
          >
            ${this.sending ? m(lang, 'sending') : m(lang, 'send')}
          </button>
        </div>
      </form>
    </section>`;
  }
}
