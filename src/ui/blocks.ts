/**
 * Small building blocks shared by the elements: styles and lit templates for an error alert with a
 * retry button, a loading indicator / skeleton, a polite live region and the missing-config notice.
 * Templates (not elements) keep them inside each element's shadow root and styles.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { describeError, setupProblemOf, type ConfigField } from '../client/index.ts';
import type { Lang } from '../contract/index.ts';
import { isRetryable } from './events.ts';
import { uiMessages } from './messages.ts';

/** Styles of the building blocks; add after `tokens` to an element's `styles`. */
export const blockStyles = css`
  .ozg-visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  .ozg-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_ozg-space-s);
    min-block-size: 2.75rem;
    padding-block: var(--_ozg-space-s);
    padding-inline: var(--_ozg-space-m);
    border: 2px solid var(--_ozg-color-primary);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-primary);
    color: var(--_ozg-color-on-primary);
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    cursor: pointer;
    transition:
      background-color var(--_ozg-duration),
      border-color var(--_ozg-duration);
  }
  .ozg-button:hover {
    background: var(--_ozg-color-primary-hover);
    border-color: var(--_ozg-color-primary-hover);
  }
  .ozg-button--secondary {
    background: var(--_ozg-color-background);
    color: var(--_ozg-color-primary);
  }
  .ozg-button--secondary:hover {
    background: var(--_ozg-color-surface);
    color: var(--_ozg-color-primary-hover);
  }
  .ozg-button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  /* Busy but still focusable (a disabled button would drop the keyboard focus to the page). */
  .ozg-button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.6;
  }
  :focus-visible {
    outline: var(--_ozg-focus-ring-width) solid var(--_ozg-color-focus);
    outline-offset: 2px;
  }

  .ozg-alert {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_ozg-space-s);
    margin-block: var(--_ozg-space-m);
    padding: var(--_ozg-space-m);
    border-inline-start: 0.375rem solid var(--_ozg-color-error);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-error-background);
    color: var(--_ozg-color-text);
  }
  .ozg-alert p {
    margin: 0;
  }
  .ozg-alert--info {
    border-inline-start-color: var(--_ozg-color-primary);
    background: var(--_ozg-color-surface);
  }

  .ozg-loading {
    display: flex;
    flex-direction: column;
    gap: var(--_ozg-space-s);
    margin-block: var(--_ozg-space-m);
  }
  .ozg-skeleton-line {
    block-size: 1em;
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-surface);
    animation: ozg-pulse calc(var(--_ozg-duration) * 10) ease-in-out infinite alternate;
  }
  .ozg-skeleton-line:nth-child(3n + 2) {
    inline-size: 80%;
  }
  .ozg-skeleton-line:nth-child(3n + 3) {
    inline-size: 60%;
  }
  @keyframes ozg-pulse {
    to {
      opacity: 0.4;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .ozg-skeleton-line {
      animation: none;
    }
  }
`;

/** Options of {@link renderErrorAlert}. */
export interface ErrorAlertOptions {
  lang: Lang;
  /** The error to describe (an `ApiError` or anything else); never shown raw. */
  error: unknown;
  /** The element's own words for it, instead of the general description of `error` (not for a setup problem). */
  message?: string;
  /** Shows a retry button calling this, where trying again can help (see `isRetryable`). */
  onRetry?: () => void;
}

/**
 * An error message (role="alert") with a retry button where trying again can help: a lost connection, a timeout,
 * an overloaded backend. A request refused on its merits (a form that does not exist, a place no authority handles)
 * would fail the same way again, so it gets none. A failure that comes from how the page embeds the service (an
 * origin the backend refuses, an unknown tenant, a wrong endpoint) gets the neutral sentence of `describeError`
 * instead of the element's own words, and no retry unless it may also be an outage.
 */
export function renderErrorAlert({ lang, error, message, onRetry }: ErrorAlertOptions): TemplateResult {
  return html`<div class="ozg-alert" role="alert" part="error">
    <p>${(!setupProblemOf(error) && message) || describeError(error, lang)}</p>
    ${
      onRetry && isRetryable(error)
        ? html`<button
            type="button"
            class="ozg-button ozg-button--secondary"
            part="retry-button"
            @click=${onRetry}
          >
            ${uiMessages(lang, 'retry')}
          </button>`
        : nothing
    }
  </div>`;
}

/** Options of {@link renderLoading}. */
export interface LoadingOptions {
  lang: Lang;
  /** Accessible name; defaults to "Wird geladen …". */
  label?: string;
  /** Number of skeleton lines (default 3). */
  lines?: number;
}

/** A skeleton with an accessible name; screen readers hear the label once (role="status"). */
export function renderLoading({ lang, label, lines = 3 }: LoadingOptions): TemplateResult {
  const text = label ?? uiMessages(lang, 'loading');
  return html`<div class="ozg-loading" role="status" aria-busy="true" part="loading">
    <span class="ozg-visually-hidden">${text}</span>
    ${Array.from({ length: Math.max(0, lines) }, () => html`<div class="ozg-skeleton-line" aria-hidden="true"></div>`)}
  </div>`;
}

/**
 * A visually hidden polite live region. Render it from the first update on and change only its
 * text: screen readers announce changes of regions that already exist.
 */
export function renderLiveRegion(message: string): TemplateResult {
  return html`<div class="ozg-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
    ${message}
  </div>`;
}

/** The sentence naming missing settings, e.g. `… es fehlt die Angabe „endpoint“ (Adresse des Dienstes).` */
export function missingConfigText(missing: readonly ConfigField[], lang: Lang): string {
  const names = missing.map((field) =>
    uiMessages(lang, field === 'endpoint' ? 'fieldEndpoint' : 'fieldTenant'),
  );
  const fields =
    names.length <= 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} ${uiMessages(lang, 'and')} ${names[names.length - 1]}`;
  return uiMessages(lang, names.length > 1 ? 'missingMany' : 'missingOne', { fields });
}

/** A polite notice (role="status") that the element lacks settings, instead of throwing. */
export function renderMissingConfig(missing: readonly ConfigField[], lang: Lang): TemplateResult {
  return html`<div class="ozg-alert ozg-alert--info" role="status" part="missing-config">
    <p>${missingConfigText(missing, lang)}</p>
    <p>${uiMessages(lang, 'missingHint')}</p>
  </div>`;
}
