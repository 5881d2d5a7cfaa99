/**
 * What the citizen's status view and the authority inbox share about a submission's status: the names of the
 * states, localized times, the timeline of events and their styles.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Lang } from '../contract/index.ts';
import type { Status } from '../contract/submission.ts';
import { formatBytes } from '../forms/messages.ts';
import { defineMessages } from './i18n.ts';

export const statusMessages = defineMessages({
  de: {
    submitted: 'Eingegangen',
    forwarded: 'Weitergeleitet',
    'in-progress': 'In Bearbeitung',
    'info-requested': 'Angaben nachgefordert',
    'info-received': 'Angaben eingegangen',
    accepted: 'Angenommen',
    rejected: 'Abgelehnt',
    completed: 'Abgeschlossen',
    timeline: 'Verlauf',
    by: 'Zuständig: {authority}',
    message: 'Nachricht',
    reply: 'Antwort',
    files: 'Dateien',
  },
  en: {
    submitted: 'Received',
    forwarded: 'Forwarded',
    'in-progress': 'In progress',
    'info-requested': 'Information requested',
    'info-received': 'Information received',
    accepted: 'Accepted',
    rejected: 'Rejected',
    completed: 'Completed',
    timeline: 'History',
    by: 'Handled by: {authority}',
    message: 'Message',
    reply: 'Reply',
    files: 'Files',
  },
});

/** The name of a state for people. */
export const statusLabel = (status: Status, lang: Lang): string => statusMessages(lang, status);

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as local date and time (`29.11.2026, 14:05` / `29 Nov 2026, 14:05`). */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    dateTimeFormats.set(lang, format);
  }
  return format.format(date);
}

/** A file sent with an event (a citizen's reply): its name and size. */
export interface TimelineFile {
  name: string;
  size: number;
}

/** One entry of a timeline. */
export interface TimelineEntry {
  type: Status;
  at: string;
  /** The handling authority after this event, already localized. */
  authority: string;
  message?: string | undefined;
  /**
   * The visible label of the message, e.g. „Ihre Antwort“ in the citizen's view. Default: „Antwort“ for
   * `info-received`, otherwise a label only screen readers hear („Nachricht“).
   */
  messageLabel?: string | undefined;
  /** For `info-received`: the files sent with the reply, listed by name and size. */
  files?: readonly TimelineFile[] | undefined;
}

function renderMessage(e: TimelineEntry, lang: Lang): TemplateResult | typeof nothing {
  if (!e.message) return nothing;
  const label = e.messageLabel ?? (e.type === 'info-received' ? statusMessages(lang, 'reply') : undefined);
  return label
    ? html`<p class="event-message">
        <strong>${label}: </strong><span class="event-text">${e.message}</span>
      </p>`
    : html`<p class="event-message">
        <span class="ozg-visually-hidden">${statusMessages(lang, 'message')}: </span
        ><span class="event-text">${e.message}</span>
      </p>`;
}

function renderFiles(e: TimelineEntry, lang: Lang): TemplateResult | typeof nothing {
  if (!e.files || e.files.length === 0) return nothing;
  return html`<p class="event-files-label">${statusMessages(lang, 'files')}:</p>
    <ul class="event-files">
      ${e.files.map(
        (f) => html`<li><span class="event-file-name">${f.name}</span> (${formatBytes(f.size, lang)})</li>`,
      )}
    </ul>`;
}

/** The events of a submission, newest first, as an ordered list with times and messages. */
export function renderTimeline(
  entries: readonly TimelineEntry[],
  lang: Lang,
  heading: unknown,
): TemplateResult {
  const newestFirst = [...entries].reverse();
  return html`<section class="timeline" part="timeline">
    ${heading}
    <ol reversed>
      ${newestFirst.map(
        (e) =>
          html`<li class="event" part="event" data-status=${e.type}>
            <p class="event-head">
              <strong>${statusLabel(e.type, lang)}</strong>
              <time datetime=${e.at}>${formatDateTime(e.at, lang)}</time>
            </p>
            <p class="event-authority">${statusMessages(lang, 'by', { authority: e.authority })}</p>
            ${renderMessage(e, lang)} ${renderFiles(e, lang)}
          </li>`,
      )}
    </ol>
  </section>`;
}

/** Styles of the status box, badges and the timeline (after `tokens`, `blockStyles` and `fieldStyles`). */
export const statusStyles = css`
  p {
    margin-block: var(--_ozg-space-s);
  }
  .field {
    margin-block: var(--_ozg-space-m);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ozg-space-m);
    margin-block: var(--_ozg-space-m);
  }
  .code {
    font-family: monospace;
  }
  dl {
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0 0 var(--_ozg-space-s);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* A group's answers are a nested list, not text: its template whitespace must not show. */
  .group > dd {
    white-space: normal;
  }
  .current {
    margin-block: var(--_ozg-space-m);
    padding: var(--_ozg-space-m);
    border-inline-start: 0.375rem solid var(--_ozg-color-primary);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-surface);
  }
  .current[data-status='accepted'],
  .current[data-status='completed'] {
    border-inline-start-color: var(--_ozg-color-success);
    background: var(--_ozg-color-success-background);
  }
  .current[data-status='info-requested'] {
    border-inline-start-color: var(--_ozg-color-warning);
    background: var(--_ozg-color-warning-background);
  }
  .current[data-status='rejected'] {
    border-inline-start-color: var(--_ozg-color-error);
    background: var(--_ozg-color-error-background);
  }
  .current-status {
    margin: 0;
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.25;
  }
  .current-message {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding-inline: var(--_ozg-space-s);
    border: 1px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-surface);
    white-space: nowrap;
  }
  .timeline ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .event {
    padding-block: var(--_ozg-space-s);
    padding-inline-start: var(--_ozg-space-m);
    border-inline-start: 0.25rem solid var(--_ozg-color-border);
  }
  .event + .event {
    margin-block-start: var(--_ozg-space-s);
  }
  .event p {
    margin: 0;
  }
  .event-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-s) var(--_ozg-space-m);
  }
  .event-authority,
  .event time,
  .muted {
    color: var(--_ozg-color-text-muted);
  }
  /* Only the message itself keeps its line breaks; the template's own whitespace around it collapses. */
  .event-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .event-files {
    margin: 0;
    padding-inline-start: var(--_ozg-space-m);
  }
  .event-file-name {
    overflow-wrap: anywhere;
  }
`;
