import { css } from 'lit';

/** Styles of `<ozg-authority-inbox>` (after `tokens`, `blockStyles` and `statusStyles`). */
export const inboxStyles = css`
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_ozg-space-s) var(--_ozg-space-m);
    padding-block-end: var(--_ozg-space-s);
    border-block-end: 1px solid var(--_ozg-color-border);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: var(--_ozg-space-s);
  }
  th,
  td {
    padding: var(--_ozg-space-s);
    border-block-end: 1px solid var(--_ozg-color-border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--_ozg-color-surface);
  }
  tbody th {
    font-weight: 400;
  }
  .meta > div,
  .answers > div {
    display: grid;
    grid-template-columns: minmax(8rem, 1fr) 2fr;
    gap: var(--_ozg-space-s);
    padding-block: var(--_ozg-space-xs);
    border-block-end: 1px solid var(--_ozg-color-border);
  }
  /* The facts above the answers are single values: the template's own line breaks must not show (answers keep theirs). */
  .meta dd {
    white-space: normal;
  }
  .answers dd dl > div {
    display: grid;
    grid-template-columns: minmax(6rem, 1fr) 2fr;
    gap: var(--_ozg-space-s);
  }
  .files {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .files li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ozg-space-s) var(--_ozg-space-m);
    margin-block: var(--_ozg-space-s);
  }
  .files .ozg-button {
    overflow-wrap: anywhere;
    text-align: start;
  }
  /* A label, not a control: a tinted tag without a button's border, a little smaller than the text around it. */
  .badge {
    border: 0;
    border-radius: 1em;
    padding-inline: 0.625em;
    font-size: 0.875em;
    cursor: default;
  }
  /* Waiting for the caseworker: a new application or the applicant's reply. */
  .badge[data-status='submitted'],
  .badge[data-status='info-received'] {
    background: color-mix(in srgb, var(--_ozg-color-primary) 14%, var(--_ozg-color-background));
    font-weight: 600;
  }
  .badge[data-status='info-requested'] {
    background: var(--_ozg-color-warning-background);
  }
  .badge[data-status='accepted'],
  .badge[data-status='completed'] {
    background: var(--_ozg-color-success-background);
  }
  .badge[data-status='rejected'] {
    background: var(--_ozg-color-error-background);
  }
  .event[data-status='info-received'] {
    border-inline-start-color: var(--_ozg-color-primary);
  }
  .mail-failed {
    border-inline-start-color: var(--_ozg-color-warning);
    background: var(--_ozg-color-warning-background);
  }
  @media (max-width: 30rem) {
    .meta > div,
    .answers > div {
      grid-template-columns: 1fr;
    }
  }
`;
