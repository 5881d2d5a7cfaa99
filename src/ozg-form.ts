/** Registers `<ozg-form>`. */
import { OzgForm } from './elements/ozg-form/ozg-form.ts';

export { OzgForm };
export type {
  OzgErrorDetail,
  OzgStepChangeDetail,
  OzgSubmittedDetail,
} from './elements/ozg-form/ozg-form.ts';

if (!customElements.get('ozg-form')) customElements.define('ozg-form', OzgForm);
