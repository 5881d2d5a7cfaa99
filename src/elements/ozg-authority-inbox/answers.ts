/** An application's answers laid out by its form: steps, groups and repetitions, with the form's labels. */
import { localize } from '../../contract/common.ts';
import type { Lang } from '../../contract/index.ts';
import type { Field, FormAnswers, FormDefinition } from '../../contract/form-definition.ts';

/** One labelled answer, or a group of them. */
export type AnswerRow =
  | { kind: 'value'; label: string; text: string }
  | { kind: 'group'; label: string; entries: AnswerRow[][]; repeatable: boolean };

/** The answers of one step (or the answers no step of the form knows). */
export interface AnswerSection {
  title: string;
  rows: AnswerRow[];
}

/** Words the layout needs, in the reader's language. */
export interface AnswerWords {
  yes: string;
  no: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const has = (container: unknown, key: string): boolean =>
  isRecord(container) && Object.hasOwn(container, key);

/** Any answer as plain text: what a form does not describe is still shown, never dropped. */
function plain(value: unknown, words: AnswerWords): string {
  if (value === true) return words.yes;
  if (value === false) return words.no;
  if (Array.isArray(value)) return value.map((v) => plain(v, words)).join(', ');
  if (isRecord(value)) {
    if (typeof value['name'] === 'string') return value['name'];
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${plain(v, words)}`)
      .join('; ');
  }
  return value === undefined || value === null ? '' : String(value);
}

/** The answer of a field as text, with option labels, local dates and file names. */
export function answerText(field: Field, value: unknown, lang: Lang, words: AnswerWords): string {
  switch (field.type) {
    case 'select':
    case 'radio':
      return localize(field.options.find((o) => o.value === value)?.label, lang) ?? plain(value, words);
    case 'checkbox-group':
      return (Array.isArray(value) ? value : [value])
        .map((v) => localize(field.options.find((o) => o.value === v)?.label, lang) ?? plain(v, words))
        .join(', ');
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      if (!match) return plain(value, words);
      const [, y, mo, d] = match;
      return lang === 'en' ? `${d}/${mo}/${y}` : `${d}.${mo}.${y}`;
    }
    case 'number':
      return field.unit ? `${plain(value, words)} ${field.unit}` : plain(value, words);
    default:
      return plain(value, words);
  }
}

function rowsOf(fields: readonly Field[], container: unknown, lang: Lang, words: AnswerWords): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const field of fields) {
    if (field.type === 'info' || !has(container, field.id)) continue;
    const value = (container as Record<string, unknown>)[field.id];
    const label = localize(field.label, lang);
    if (field.type === 'group') {
      const items = field.repeatable ? (Array.isArray(value) ? value : []) : [value];
      rows.push({
        kind: 'group',
        label,
        repeatable: field.repeatable !== undefined,
        entries: items.map((item) => rowsOf(field.fields, item, lang, words)),
      });
    } else {
      rows.push({ kind: 'value', label, text: answerText(field, value, lang, words) });
    }
  }
  return rows;
}

function fieldIds(fields: readonly Field[], into: Set<string>): Set<string> {
  for (const field of fields) into.add(field.id);
  return into;
}

/**
 * The answers per step of the form, in the form's order; answers the form (or another version of it) does
 * not name follow under `otherTitle` with their keys as labels. Without a form every answer is "other".
 */
export function answerSections(
  answers: FormAnswers,
  form: FormDefinition | undefined,
  lang: Lang,
  words: AnswerWords,
  otherTitle: string,
): AnswerSection[] {
  const sections: AnswerSection[] = [];
  const known = new Set<string>();
  for (const step of form?.steps ?? []) {
    fieldIds(step.fields, known);
    const rows = rowsOf(step.fields, answers, lang, words);
    if (rows.length > 0) sections.push({ title: localize(step.title, lang), rows });
  }
  const other = Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key): AnswerRow => ({ kind: 'value', label: key, text: plain(answers[key], words) }));
  if (other.length > 0) sections.push({ title: otherTitle, rows: other });
  return sections;
}
