/**
 * The date input of `<ozg-form>` (GOV.UK / KERN pattern): Tag, Monat and Jahr as three numeric text inputs, placed by
 * the element in a fieldset whose legend is the field's label. Whatever language the browser speaks, the order is
 * the page's, and nothing is guessed from a typed „04051984“. The answer is the parts joined (`1984-5-4`, see
 * `src/forms/dates.ts`); the form engine checks it like every other answer. The first wrong part carries the
 * field's id, so the links of the error summary lead there.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Lang } from '../../contract/common.ts';
import type { DateField } from '../../contract/form-definition.ts';
import { dateProblem, joinDate, splitDate, type DateParts } from '../../forms/dates.ts';
import { formMessages as m } from './ozg-form.messages.ts';

const PARTS = ['day', 'month', 'year'] as const;

/**
 * The three inputs of a date field with the DOM id `id`; `invalid` when the field shows an error. Sized for 2, 2 and
 * 4 digits; with `autocomplete: "bday"` they take `bday-day`, `bday-month` and `bday-year`.
 */
export function renderDateInputs(
  field: DateField,
  lang: Lang,
  id: string,
  value: unknown,
  invalid: boolean,
  onChange: (value: string | undefined) => void,
): TemplateResult {
  const parts: Partial<DateParts> = splitDate(value) ?? {};
  // Only the wrong part is marked; a day that does not exist, or one out of bounds, marks the whole date.
  const problem = invalid ? dateProblem(value) : undefined;
  const wrong = problem === 'date' ? undefined : problem;
  return html`<div
    class="date"
    @input=${(e: Event) => {
      // From all three inputs: typing re-renders the field only when its error changes, so the others may be newer.
      const [day, month, year] = [...(e.currentTarget as HTMLElement).querySelectorAll('input')].map(
        (input) => input.value,
      );
      onChange(joinDate({ day: day!, month: month!, year: year! }));
    }}
  >
    ${PARTS.map((part) => {
      const partId = part === (wrong ?? 'day') ? id : `${id}.${part}`;
      return html`<div>
        <label for=${partId}>${m(lang, part)}</label>
        <input
          id=${partId}
          class=${part}
          inputmode="numeric"
          spellcheck="false"
          .autocomplete=${(field.autocomplete === 'bday' ? `bday-${part}` : '') as AutoFill}
          .value=${live(parts[part] ?? '')}
          aria-invalid=${invalid && (!wrong || wrong === part) ? 'true' : 'false'}
        />
      </div>`;
    })}
  </div>`;
}
