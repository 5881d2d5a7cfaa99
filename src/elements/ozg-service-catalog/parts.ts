/** Small templates and helpers of `<ozg-service-catalog>`, shared by its views. */
import { html, type TemplateResult } from 'lit';

/** What a request has brought so far. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; value: T };

/** A sub-heading, level clamped to 2–6 (the element's own heading may be 1). */
export function subHeading(level: number, content: unknown): TemplateResult {
  switch (Math.min(6, Math.max(2, level))) {
    case 2:
      return html`<h2>${content}</h2>`;
    case 3:
      return html`<h3>${content}</h3>`;
    case 4:
      return html`<h4>${content}</h4>`;
    case 5:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}

/** Plain text with blank-line paragraphs as `<p>`s (text only: markup in the source stays inert). */
export function paragraphs(text: string): TemplateResult[] {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p}</p>`);
}

/**
 * Space starts a link that looks like a button, as it starts a button (GOV.UK's start button), instead of
 * scrolling the page. It stays a link: Enter, middle click and "open in new tab" work as ever.
 */
export function clickOnSpace(event: KeyboardEvent): void {
  if (event.key !== ' ' || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  if (!event.repeat) (event.currentTarget as HTMLElement).click();
}
