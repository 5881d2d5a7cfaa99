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
  /* Waiting for the caseworker: a new application or the applicant's reply. */
  .badge[data-status='submitted'],
  .badge[data-status='info-received'] {
    border-color: var(--_ozg-color-primary);
    font-weight: 600;
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
