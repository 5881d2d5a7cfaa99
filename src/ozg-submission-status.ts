/** Registers `<ozg-submission-status>`. */
import { OzgSubmissionStatus } from './elements/ozg-submission-status/ozg-submission-status.ts';
import { define } from './ui/define.ts';

export { OzgSubmissionStatus };
export type { OzgStatusChangeDetail } from './elements/ozg-submission-status/ozg-submission-status.ts';

define('ozg-submission-status', OzgSubmissionStatus);
