/**
 * Styles every element with text, headings and form controls shares: host display, headings, labels, hints,
 * field errors, inputs, choices, links and link-like buttons, and hiding buttons in print. Add after `tokens`
 * and `blockStyles`; an element's own styles follow and may refine them.
 */
import { css } from 'lit';

export const fieldStyles = css`
  :host {
    display: block;
    color: var(--_ozg-color-text);
    font-family: var(--_ozg-font-family);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin-block: var(--_ozg-space-m) var(--_ozg-space-s);
    line-height: 1.25;
  }
  label,
  legend {
    display: block;
    font-weight: 600;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .hint {
    margin: 0;
    color: var(--_ozg-color-text-muted);
  }
  .error {
    margin: 0;
    color: var(--_ozg-color-error);
    font-weight: 600;
  }
  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    max-inline-size: 32rem;
    min-block-size: 2.75rem;
    margin-block-start: var(--_ozg-space-xs);
    padding: var(--_ozg-space-s);
    border: 2px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-background);
    color: inherit;
    font: inherit;
  }
  textarea {
    min-block-size: 6rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_ozg-color-error) !important;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_ozg-space-s);
    margin-block: var(--_ozg-space-s);
  }
  .choice input {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    flex: none;
  }
  .choice label {
    font-weight: 400;
  }
  a,
  .link {
    color: var(--_ozg-color-primary);
    font-weight: 600;
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  @media print {
    .actions,
    .ozg-button {
      display: none;
    }
  }
`;
