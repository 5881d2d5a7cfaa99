/** Registers `<ozg-submission-status>`. */
import { OzgSubmissionStatus } from './elements/ozg-submission-status/ozg-submission-status.ts';

export { OzgSubmissionStatus };
export type { OzgStatusChangeDetail } from './elements/ozg-submission-status/ozg-submission-status.ts';

if (!customElements.get('ozg-submission-status'))
  customElements.define('ozg-submission-status', OzgSubmissionStatus);
