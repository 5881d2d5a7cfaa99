/**
 * What happened to an application, as `<ozg-authority-inbox>` shows it: the timeline (with the citizen's replies
 * to a request for information and their files) and whether the mails to the applicant went out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../../contract/common.ts';
import type { Notice, StatusEvent } from '../../contract/submission.ts';
import { formatDateTime, statusLabel, statusMessages } from '../../ui/status.ts';
import { renderFileList, type FileContext } from './files.ts';
import { inboxMessages as m } from './messages.ts';

export interface HistoryContext extends FileContext {
  /** The name of an authority by id, localized. */
  nameOf: (authorityId: string) => string;
  /** The heading above the timeline. */
  heading: unknown;
}

/** One event: a caseworker's step with its message, or the citizen's reply with its text and files. */
function renderEvent(event: StatusEvent, ctx: HistoryContext): TemplateResult {
  const { lang } = ctx;
  const reply = event.type === 'info-received';
  return html`<li class="event" part="event" data-status=${event.type}>
    <p class="event-head">
      <strong>${reply ? m(lang, 'reply') : statusLabel(event.type, lang)}</strong>
      <time datetime=${event.at}>${formatDateTime(event.at, lang)}</time>
    </p>
    ${
      reply
        ? nothing
        : html`<p class="event-authority">
            ${statusMessages(lang, 'by', { authority: ctx.nameOf(event.authorityId) })}
          </p>`
    }
    ${
      event.message
        ? html`<p class="event-message">
            <span class="ozg-visually-hidden">${statusMessages(lang, reply ? 'reply' : 'message')}: </span
            ><span class="event-text">${event.message}</span>
          </p>`
        : nothing
    }
    ${event.files?.length ? renderFileList(event.files, ctx) : nothing}
  </li>`;
}

/** The events of an application, newest first. */
export function renderHistory(events: readonly StatusEvent[], ctx: HistoryContext): TemplateResult {
  return html`<section class="timeline" part="timeline">
    ${ctx.heading}
    <ol reversed>
      ${[...events].reverse().map((event) => renderEvent(event, ctx))}
    </ol>
  </section>`;
}

/** The names of the mails to the applicant in a state, oldest first, each once: „Eingangsbestätigung“ or a state. */
function mailsIn(notices: readonly Notice[], state: Notice['state'], lang: Lang): string {
  const names = notices
    .filter((n) => n.audience === 'citizen' && n.state === state)
    .map((n) => (n.about === 'submitted' ? m(lang, 'receiptMail') : statusLabel(n.about, lang)));
  return [...new Set(names)].join(', ');
}

/**
 * Whether the applicant was told by mail: a warning when a mail to them failed for good (the caseworker must reach
 * them some other way), a quiet line while one is still being delivered; nothing when all went out or none is sent.
 */
export function renderMailState(notices: readonly Notice[] | undefined, lang: Lang): TemplateResult {
  const failed = mailsIn(notices ?? [], 'failed', lang);
  const pending = mailsIn(notices ?? [], 'pending', lang);
  return html`${
    failed
      ? html`<p class="ozg-alert mail-failed" part="mail-warning">
          <span class="ozg-visually-hidden">${m(lang, 'warning')} </span
          >${m(lang, 'mailFailed', { mails: failed })}
        </p>`
      : nothing
  }
  ${pending ? html`<p class="muted" part="mail-pending">${m(lang, 'mailPending', { mails: pending })}</p>` : nothing}`;
}
