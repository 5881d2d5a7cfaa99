/**
 * Styles of the reply to a request for information (after `statusStyles`). They stay in the element's static styles
 * while the reply's code loads on demand (`reply.ts`): a few hundred bytes, and constructed stylesheets keep working
 * under a strict CSP.
 */
import { css } from 'lit';

export const replyStyles = css`
  .reply {
    margin-block: var(--_ozg-space-m);
  }
  .reply-files {
    margin: 0;
    padding-inline-start: var(--_ozg-space-m);
  }
  .reply-files li {
    margin-block: var(--_ozg-space-xs);
  }
  .reply-files .link {
    margin-inline-start: var(--_ozg-space-s);
  }
  .reply-file-name,
  .reply-unsent {
    overflow-wrap: anywhere;
  }
  .reply-unsent {
    white-space: pre-wrap;
  }
  .ozg-alert--success {
    border-inline-start-color: var(--_ozg-color-success);
    background: var(--_ozg-color-success-background);
  }
  progress {
    inline-size: 100%;
    max-inline-size: 20rem;
  }
`;
