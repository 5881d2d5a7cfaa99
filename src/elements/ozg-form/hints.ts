/**
 * What `<ozg-form>` adds to a field's own hint: what a file may be, and where the backend mails the applicant
 * (the tenant's `notifiesByEmail`), that it mails the answer of the form's contact field (`contact.email`).
 */
import type { PublicTenant } from '../../contract/catalog.ts';
import type { Lang } from '../../contract/common.ts';
import type { Field, FormAnswers, FormDefinition } from '../../contract/form-definition.ts';
import type { CompiledForm } from '../../forms/index.ts';
import { formatBytes } from '../../forms/messages.ts';
import { hasAnswer } from './answers.ts';
import { formMessages as m } from './ozg-form.messages.ts';

/**
 * The element's own hint for a field, shown after the author's. (Field ids are unique in a form, and the contact
 * field is one directly in a step.)
 */
export function builtInHint(
  field: Field,
  definition: FormDefinition | undefined,
  tenant: PublicTenant | undefined,
  lang: Lang,
): string | undefined {
  if (field.type === 'file') {
    // „Erlaubt: image/png. Höchstens 5 MB je Datei.“, either sentence alone, or nothing.
    const types = field.accept?.join(', ');
    const limits = [
      types && m(lang, 'fileTypes', { types }),
      field.maxSize !== undefined && m(lang, 'fileSize', { size: formatBytes(field.maxSize, lang) }),
    ];
    return limits.filter(Boolean).join(' ') || undefined;
  }
  return tenant?.notifiesByEmail && field.id === definition?.contact?.email ? m(lang, 'mailHint') : undefined;
}

/** Whether the receipt goes out by mail: the backend mails and the contact field was answered (and sent). */
export function mailsReceipt(
  compiled: CompiledForm | undefined,
  tenant: PublicTenant | undefined,
  answers: FormAnswers,
): boolean {
  const id = compiled?.definition.contact?.email;
  return !!id && !!tenant?.notifiesByEmail && hasAnswer(compiled.prune(answers)[id]);
}
