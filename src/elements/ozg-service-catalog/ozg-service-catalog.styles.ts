import { css } from 'lit';

/** Styles of `<ozg-service-catalog>`; logical properties, fluid down to 320 px. */
export const catalogStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    line-height: 1.5;
    text-align: start;
    overflow-wrap: anywhere;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin-block: var(--_ozg-space-l) var(--_ozg-space-s);
    font-size: 1.125em;
    line-height: 1.3;
  }
  /* The view's main heading (at any heading-level) stands out from the section headings below it. */
  [part='heading'] {
    margin-block: 0 var(--_ozg-space-m);
    font-size: 1.75em;
    font-weight: 700;
    line-height: 1.2;
  }
  p,
  ul,
  dl {
    margin-block: 0 var(--_ozg-space-s);
  }
  a,
  .link {
    color: var(--_ozg-color-primary);
  }
  a:hover,
  .link:hover {
    color: var(--_ozg-color-primary-hover);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    font: inherit;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  a.ozg-button {
    text-decoration: none;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-m);
    align-items: flex-end;
    margin-block-end: var(--_ozg-space-m);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_ozg-space-xs);
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .field--grow {
    flex: 1 1 16rem;
  }
  label {
    font-weight: 600;
  }
  .hint {
    color: var(--_ozg-color-text-muted);
    font-size: 0.9375em;
  }
  input,
  select {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding-block: var(--_ozg-space-s);
    padding-inline: var(--_ozg-space-s);
    border: 2px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-background);
    color: var(--_ozg-color-text);
    font: inherit;
  }
  .count {
    color: var(--_ozg-color-text-muted);
  }
  .place-hint {
    padding-inline-start: var(--_ozg-space-s);
    border-inline-start: 4px solid var(--_ozg-color-primary);
  }
  .results,
  .chips {
    display: flex;
    margin: 0 0 var(--_ozg-space-m);
    padding: 0;
    list-style: none;
  }
  .results {
    flex-direction: column;
    gap: var(--_ozg-space-s);
  }
  .chips {
    flex-wrap: wrap;
    gap: var(--_ozg-space-s);
  }
  .result {
    padding: var(--_ozg-space-m);
    border: 1px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-background);
  }
  .result > :first-child {
    margin-block-start: 0;
  }
  .result p {
    margin: 0;
  }
  .back {
    display: inline-block;
    margin-block-end: var(--_ozg-space-m);
  }
  .summary {
    font-size: 1.125em;
  }
  .start {
    margin-block: var(--_ozg-space-m);
  }
  .start .hint {
    margin-block-start: var(--_ozg-space-s);
  }
  .place-form {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-s);
    align-items: flex-end;
    margin-block-end: var(--_ozg-space-s);
  }
  .authority {
    margin-block-end: var(--_ozg-space-m);
    padding: var(--_ozg-space-m);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-surface);
    font-style: normal;
  }
  .authority dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_ozg-space-xs) var(--_ozg-space-m);
    margin-block: var(--_ozg-space-s) 0;
  }
  .authority dd {
    margin: 0;
  }
  .pre {
    white-space: pre-line;
  }
  @container (max-width: 30rem) {
    .authority dl {
      grid-template-columns: 1fr;
    }
    .authority dt {
      font-weight: 600;
    }
    .ozg-button {
      inline-size: 100%;
    }
  }
`;
