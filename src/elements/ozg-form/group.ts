/**
 * A group of fields in `<ozg-form>`: a fieldset with the group's label as legend, or, for a repeatable group, one
 * fieldset per entry named after the definition's `itemLabel` („Baum 1“, „Baum 2“) with buttons to add and remove
 * entries within the group's bounds. Only one level of border shows: the entries (or a plain group) are framed,
 * what they contain is not.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { localize, type Lang } from '../../contract/common.ts';
import type { GroupField } from '../../contract/form-definition.ts';
import { domId, type Path } from './answers.ts';
import { formMessages as m } from './ozg-form.messages.ts';

/** What one entry of a repeatable group is called: its `itemLabel`, else the group's label. */
export const itemName = (field: GroupField, lang: Lang): string =>
  localize(field.itemLabel ?? field.label, lang);

export interface GroupOptions {
  field: GroupField;
  path: Path;
  indices: readonly number[];
  lang: Lang;
  hint: string | undefined;
  error: string | undefined;
  describedBy: string | undefined;
  /** The group's answer now (an object, or the list of entries when repeatable). */
  value: () => unknown;
  /** The fields of the group (or of one entry). */
  children: (path: Path, indices: readonly number[]) => unknown;
  /** Stores a new list of entries; `focus` is the path of the entry (or group) to move the focus into. */
  setItems: (next: unknown[], focus: Path) => void;
}

export function renderGroup(o: GroupOptions): TemplateResult {
  const { field, path, indices, lang, hint, error, describedBy } = o;
  const id = domId(path);
  const head = html`<legend>${localize(field.label, lang)}</legend>
    ${hint ? html`<p class="hint" id="${id}.hint">${hint}</p>` : nothing}
    ${error !== undefined ? html`<p class="error" id="${id}.error">${error}</p>` : nothing}`;
  if (!field.repeatable) {
    return html`<div class="field">
      <fieldset class="group" id=${id} tabindex="-1" aria-describedby=${ifDefined(describedBy)}>
        ${head} ${o.children(path, indices)}
      </fieldset>
    </div>`;
  }
  const { min, max } = field.repeatable;
  // Read when a button is pressed: typing into an entry changes the answers without rendering the group again.
  const entries = () => {
    const value = o.value();
    return Array.isArray(value) ? [...(value as unknown[])] : [];
  };
  const count = Math.max(entries().length, min, min === 0 ? 0 : 1);
  const name = itemName(field, lang);
  return html`<div class="field${error !== undefined ? ' field--error' : ''}">
    <fieldset class="entries" id=${id} tabindex="-1" aria-describedby=${ifDefined(describedBy)}>
      ${head}
      ${Array.from({ length: count }, (_, i) => {
        const itemPath = [...path, i];
        const item = `${name} ${i + 1}`;
        return html`<fieldset class="group" id=${domId(itemPath)} tabindex="-1">
          <legend>${item}</legend>
          ${o.children(itemPath, [...indices, i])}
          ${
            count > min
              ? html`<button
                  type="button"
                  class="ozg-button ozg-button--secondary"
                  @click=${() => {
                    const list = entries();
                    list.splice(i, 1);
                    // The button is gone: the focus stays with the group, not on the page.
                    o.setItems(list, path);
                  }}
                >
                  ${m(lang, 'remove', { item })}
                </button>`
              : nothing
          }
        </fieldset>`;
      })}
      ${
        count < max
          ? html`<button
              type="button"
              class="ozg-button ozg-button--secondary"
              @click=${() => {
                const list = entries();
                while (list.length < count) list.push({});
                list.push({});
                o.setItems(list, [...path, count]);
              }}
            >
              ${m(lang, 'add', { item: lang === 'en' ? name.toLowerCase() : name })}
            </button>`
          : nothing
      }
    </fieldset>
  </div>`;
}
