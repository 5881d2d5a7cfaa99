/** Registers `<ozg-form>`. */
import { OzgForm } from './elements/ozg-form/ozg-form.ts';
import { define } from './ui/define.ts';

export { OzgForm };
export type { OzgStepChangeDetail, OzgSubmittedDetail } from './elements/ozg-form/ozg-form.ts';
export type { OzgErrorDetail } from './ui/events.ts';

define('ozg-form', OzgForm);
