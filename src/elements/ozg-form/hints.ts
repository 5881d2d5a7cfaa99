/**
 * What `<ozg-form>` says about its fields beyond their definition: the hints (the author's, and what the element
 * adds: what a file may be, and where the backend mails the applicant (the tenant's `notifiesByEmail`), that it mails
 * the answer of the form's contact field (`contact.email`)), and what is wrong with a chosen file.
 */
import type { PublicTenant } from '../../contract/catalog.ts';
import { localize, type Lang } from '../../contract/common.ts';
import type { Field, FileField, FormAnswers, FormDefinition } from '../../contract/form-definition.ts';
import { typeAccepted, type CompiledForm } from '../../forms/index.ts';
import { fileTypeNames, formatBytes, formatMessage, messageFor, orList } from '../../forms/messages.ts';
import { hasAnswer } from './answers.ts';
import { formMessages as m } from './ozg-form.messages.ts';

/**
 * The hint of a field: the author's, then the element's own, in one sentence each (field ids are unique in a form,
 * and the contact field is one directly in a step).
 *
 * A file field says which types it takes and how large a file may be („Erlaubt: PDF, JPG oder PNG. Höchstens 10 MB
 * je Datei.“), unless the author's hint says so already: the types sentence is left out when the author's hint names
 * every type (in any case: „als PDF oder JPG“), the size sentence when it contains the size as written here
 * („10 MB“).
 */
export function fieldHint(
  field: Field,
  definition: FormDefinition | undefined,
  tenant: PublicTenant | undefined,
  lang: Lang,
): string | undefined {
  const own = 'hint' in field ? localize(field.hint, lang) : undefined;
  const says = (words: readonly string[]) => words.every((w) => own?.toUpperCase().includes(w.toUpperCase()));
  const added: (string | false | undefined)[] = [];
  if (field.type === 'file') {
    const types = fileTypeNames(field.accept ?? [], lang);
    const size = field.maxSize !== undefined && formatBytes(field.maxSize, lang);
    added.push(
      types.length > 0 && !says(types) && m(lang, 'fileTypes', { types: orList(types, lang) }),
      size && !own?.includes(size) && m(lang, 'fileSize', { size }),
    );
  } else if (tenant?.notifiesByEmail && field.id === definition?.contact?.email)
    added.push(m(lang, 'mailHint'));
  return [own, ...added].filter(Boolean).join(' ') || undefined;
}

/** Why a chosen file is not uploaded (a type or size the field does not take), in the words of the form engine. */
export function fileProblem(field: FileField, file: File, lang: Lang): string | undefined {
  const say = (code: 'file_type' | 'file_too_large', params: Record<string, string>) =>
    formatMessage(messageFor(code, 'file', lang), { file: file.name, ...params });
  if (!typeAccepted(file.type, field.accept))
    return say('file_type', { accept: orList(fileTypeNames(field.accept!, lang), lang) });
  if (field.maxSize !== undefined && file.size > field.maxSize)
    return say('file_too_large', { maxSize: formatBytes(field.maxSize, lang) });
  return undefined;
}

/**
 * What to say when the backend refused an uploaded file as an unsupported type (415): the element checked the type
 * before, so the content is not what the type says (a renamed file). „… eine echte PDF-, JPG- oder PNG-Datei.“
 */
export function contentMismatch(field: FileField, file: File, lang: Lang): string {
  const names = fileTypeNames(field.accept ?? [file.type], lang);
  const types = orList(lang === 'en' ? names : names.map((t) => `${t}-`), lang);
  return m(lang, 'fileMismatch', { types: types.replace(/-$/, '') });
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
