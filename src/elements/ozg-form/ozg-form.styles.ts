import { css } from 'lit';

/** Styles of `<ozg-form>` (after `tokens` and `blockStyles`). */
export const formStyles = css`
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
  .progress {
    margin: 0;
    color: var(--_ozg-color-text-muted);
  }
  .field {
    margin-block: var(--_ozg-space-l);
  }
  /* Long steps: fields out of view skip layout and paint until scrolled to (a keystroke that shows or hides
     fields then lays out only what is on screen). */
  form > div:not(.actions) {
    content-visibility: auto;
    contain-intrinsic-size: auto 6rem;
  }
  .field--error {
    padding-inline-start: var(--_ozg-space-m);
    border-inline-start: 0.3rem solid var(--_ozg-color-error);
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
  fieldset.group {
    padding: var(--_ozg-space-m);
    border: 1px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
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
  .unit {
    display: flex;
    align-items: center;
    gap: var(--_ozg-space-s);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-m);
    margin-block-start: var(--_ozg-space-l);
  }
  .summary {
    margin-block: var(--_ozg-space-m);
    padding: var(--_ozg-space-m);
    border: 0.3rem solid var(--_ozg-color-error);
    border-radius: var(--_ozg-radius);
  }
  .summary ul {
    margin: 0;
    padding-inline-start: var(--_ozg-space-l);
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
  dl {
    margin: 0;
  }
  .answers > div {
    display: grid;
    grid-template-columns: minmax(8rem, 1fr) 2fr auto;
    gap: var(--_ozg-space-s);
    padding-block: var(--_ozg-space-s);
    border-block-end: 1px solid var(--_ozg-color-border);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .files {
    margin: var(--_ozg-space-s) 0 0;
    padding: 0;
    list-style: none;
  }
  .files li {
    display: flex;
    gap: var(--_ozg-space-m);
    align-items: center;
  }
  .done {
    padding: var(--_ozg-space-m);
    border: 0.3rem solid var(--_ozg-color-success);
    border-radius: var(--_ozg-radius);
    background: var(--_ozg-color-success-background);
  }
  .code {
    font-family: monospace;
    font-size: 1.25em;
  }
  @media print {
    .actions,
    .ozg-button {
      display: none;
    }
  }
`;
