import { css } from 'lit';

/** Styles of `<ozg-form>` (after `tokens`, `blockStyles` and `fieldStyles`). */
export const formStyles = css`
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
  /* One level of border: a group or each entry of a repeatable group is framed, nothing inside it. */
  fieldset.group {
    padding: var(--_ozg-space-m);
    border: 1px solid var(--_ozg-color-border);
    border-radius: var(--_ozg-radius);
  }
  .entries > .group {
    margin-block: var(--_ozg-space-m);
  }
  .group .group {
    padding: 0;
    border: 0;
  }
  /* Tag, Monat, Jahr side by side, sized for 2, 2 and 4 digits. */
  .date {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-m);
  }
  .date label {
    font-weight: 400;
  }
  .date input {
    box-sizing: content-box;
    inline-size: 3ch;
  }
  .date .year {
    inline-size: 5ch;
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
  /* A group's answers are a nested list, not text: its template whitespace must not show. */
  .group > dd {
    white-space: normal;
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
  .caption {
    margin: 0;
    color: var(--_ozg-color-text-muted);
    font-weight: 600;
  }
  .codes {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ozg-space-m) var(--_ozg-space-l);
    margin-block: var(--_ozg-space-m);
  }
  .code {
    font-family: monospace;
    font-size: 1.75em;
    font-weight: 700;
    letter-spacing: 0.05em;
    /* Breaks between the groups of four rather than running off a narrow screen. */
    overflow-wrap: anywhere;
  }
  .facts > div {
    padding-block: var(--_ozg-space-s);
    border-block-end: 1px solid var(--_ozg-color-border);
  }
  /* An address of lines (<br>), not pre-formatted text: template whitespace must not show. */
  .facts dd {
    white-space: normal;
  }
  /* The confirmation prints as a receipt: no buttons or links to press, no colour to waste, one page. */
  @media print {
    .done {
      border: 1px solid;
      background: none;
      break-inside: avoid;
    }
    .done .actions {
      display: none;
    }
  }
`;
