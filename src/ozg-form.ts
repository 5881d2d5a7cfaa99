/** Registers `<ozg-form>`. */
import { OzgForm } from './elements/ozg-form/ozg-form.ts';

export { OzgForm };
export type { OzgStepChangeDetail, OzgSubmittedDetail } from './elements/ozg-form/ozg-form.ts';
export type { OzgErrorDetail } from './ui/events.ts';

if (!customElements.get('ozg-form')) customElements.define('ozg-form', OzgForm);
