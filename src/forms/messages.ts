/**
 * Error messages for citizens, German first, English second. Plain data: no DOM, no markup.
 * Placeholders in braces are filled by `formatMessage`; `{label}` is the field's label in the same language, without
 * a full stop at its end (a message quoting „Ich versichere die Richtigkeit meiner Angaben.“ would end in „.“.).
 */
import type { FieldType } from '../contract/form-definition.ts';

/** Machine-readable reasons a value is rejected. */
export const ERROR_CODES = [
  'required',
  'too_short',
  'too_long',
  'pattern',
  'not_a_number',
  'not_integer',
  'too_small',
  'too_big',
  'invalid_day',
  'invalid_month',
  'invalid_year',
  'invalid_date',
  'date_too_early',
  'date_too_late',
  'invalid_email',
  'invalid_tel',
  'invalid_option',
  'too_few',
  'too_many',
  'iban_checksum',
  'postal_code',
  'file_type',
  'file_too_large',
  'too_many_files',
  'invalid_type',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One message in both languages. */
export interface MessageText {
  de: string;
  en: string;
}

/** A message per code, with more fitting wording for some field types. */
export type MessageTable = Record<
  ErrorCode,
  { default: MessageText } & Partial<Record<FieldType, MessageText>>
>;

export const MESSAGES: MessageTable = {
  required: {
    default: { de: 'Bitte füllen Sie „{label}“ aus.', en: 'Enter “{label}”.' },
    select: { de: 'Bitte wählen Sie bei „{label}“ eine Antwort aus.', en: 'Select an answer for “{label}”.' },
    radio: { de: 'Bitte wählen Sie bei „{label}“ eine Antwort aus.', en: 'Select an answer for “{label}”.' },
    checkbox: { de: 'Bitte bestätigen Sie „{label}“.', en: 'Tick the box to confirm “{label}”.' },
    'checkbox-group': {
      de: 'Bitte wählen Sie bei „{label}“ mindestens eine Möglichkeit aus.',
      en: 'Select at least one option for “{label}”.',
    },
    file: { de: 'Bitte laden Sie eine Datei für „{label}“ hoch.', en: 'Upload a file for “{label}”.' },
    iban: { de: 'Bitte geben Sie Ihre IBAN ein.', en: 'Enter your IBAN.' },
    'postal-code': { de: 'Bitte geben Sie die Postleitzahl ein.', en: 'Enter the postcode.' },
    email: { de: 'Bitte geben Sie Ihre E-Mail-Adresse ein.', en: 'Enter your email address.' },
    tel: { de: 'Bitte geben Sie Ihre Telefonnummer ein.', en: 'Enter your phone number.' },
    date: { de: 'Bitte geben Sie ein Datum bei „{label}“ ein.', en: 'Enter a date for “{label}”.' },
    number: { de: 'Bitte geben Sie eine Zahl bei „{label}“ ein.', en: 'Enter a number for “{label}”.' },
    group: {
      de: 'Bitte fügen Sie bei „{label}“ mindestens einen Eintrag hinzu.',
      en: 'Add at least one entry for “{label}”.',
    },
  },
  too_short: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ mindestens {min} Zeichen ein.',
      en: '“{label}” must be {min} characters or more.',
    },
  },
  too_long: {
    default: {
      de: '„{label}“ darf höchstens {max} Zeichen lang sein. Bitte kürzen Sie Ihre Eingabe.',
      en: '“{label}” must be {max} characters or fewer. Shorten your answer.',
    },
  },
  pattern: {
    default: {
      de: '„{label}“ hat nicht das erwartete Format. Bitte prüfen Sie Ihre Eingabe.',
      en: '“{label}” is not in the expected format. Check your answer.',
    },
  },
  not_a_number: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ eine Zahl ein, zum Beispiel 12 oder 3,5.',
      en: '“{label}” must be a number, like 12 or 3.5.',
    },
  },
  not_integer: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ eine ganze Zahl ohne Komma ein.',
      en: '“{label}” must be a whole number.',
    },
  },
  too_small: {
    default: { de: '„{label}“ muss mindestens {min} sein.', en: '“{label}” must be {min} or more.' },
  },
  too_big: {
    default: { de: '„{label}“ darf höchstens {max} sein.', en: '“{label}” must be {max} or less.' },
  },
  invalid_day: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ einen Tag zwischen 1 und 31 ein.',
      en: 'Enter a day between 1 and 31 for “{label}”.',
    },
  },
  invalid_month: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ einen Monat zwischen 1 und 12 ein.',
      en: 'Enter a month between 1 and 12 for “{label}”.',
    },
  },
  invalid_year: {
    default: {
      de: 'Bitte geben Sie bei „{label}“ das Jahr mit vier Ziffern ein.',
      en: 'Enter the year of “{label}” with 4 digits.',
    },
  },
  invalid_date: {
    default: {
      de: 'Bei „{label}“ gibt es diesen Tag nicht. Bitte prüfen Sie Tag und Monat.',
      en: '“{label}” must be a real date. Check the day and the month.',
    },
  },
  date_too_early: {
    default: {
      de: '„{label}“ darf nicht vor dem {min} liegen.',
      en: '“{label}” must be on or after {min}.',
    },
  },
  date_too_late: {
    default: {
      de: '„{label}“ darf nicht nach dem {max} liegen.',
      en: '“{label}” must be on or before {max}.',
    },
  },
  invalid_email: {
    default: {
      de: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.',
      en: 'Enter an email address in the correct format, like name@example.com.',
    },
  },
  invalid_tel: {
    default: {
      de: 'Bitte geben Sie eine gültige Telefonnummer ein, zum Beispiel 0481 123456.',
      en: 'Enter a phone number, like 0481 123456 or +49 481 123456.',
    },
  },
  invalid_option: {
    default: {
      de: 'Bitte wählen Sie bei „{label}“ eine der angebotenen Möglichkeiten aus.',
      en: 'Select one of the options offered for “{label}”.',
    },
  },
  too_few: {
    default: {
      de: 'Bitte wählen Sie bei „{label}“ mindestens {min} Möglichkeiten aus.',
      en: 'Select at least {min} options for “{label}”.',
    },
    group: {
      de: 'Bitte geben Sie bei „{label}“ mindestens {min} Einträge an.',
      en: 'Add at least {min} entries for “{label}”.',
    },
  },
  too_many: {
    default: {
      de: 'Bitte wählen Sie bei „{label}“ höchstens {max} Möglichkeiten aus.',
      en: 'Select no more than {max} options for “{label}”.',
    },
    group: {
      de: 'Bei „{label}“ sind höchstens {max} Einträge möglich. Bitte entfernen Sie überzählige Einträge.',
      en: '“{label}” allows no more than {max} entries. Remove the extra entries.',
    },
  },
  iban_checksum: {
    default: {
      de: 'Die IBAN ist nicht gültig. Bitte prüfen Sie sie auf Tippfehler.',
      en: 'This IBAN is not valid. Check it for typos.',
    },
  },
  postal_code: {
    default: {
      de: 'Bitte geben Sie eine Postleitzahl mit 5 Ziffern ein, zum Beispiel 25746.',
      en: 'Enter a German postcode with 5 digits, like 25746.',
    },
  },
  file_type: {
    default: {
      de: 'Die Datei „{file}“ hat ein nicht erlaubtes Format. Bitte laden Sie eine Datei im Format {accept} hoch.',
      en: 'The file “{file}” is not in an allowed format. Upload a {accept} file.',
    },
  },
  file_too_large: {
    default: {
      de: 'Die Datei „{file}“ ist zu groß. Sie darf höchstens {maxSize} groß sein.',
      en: 'The file “{file}” is too large. It must be {maxSize} or smaller.',
    },
  },
  too_many_files: {
    default: {
      de: 'Bitte laden Sie bei „{label}“ höchstens {max} Dateien hoch.',
      en: 'Upload no more than {max} files for “{label}”.',
    },
  },
  invalid_type: {
    default: {
      de: 'Die Angabe bei „{label}“ ist ungültig. Bitte geben Sie sie erneut ein.',
      en: 'The answer for “{label}” is not valid. Enter it again.',
    },
  },
};

/** Picks the message of a code for a field type and language. */
export function messageFor(code: ErrorCode, type: FieldType, lang: 'de' | 'en'): string {
  const entry = MESSAGES[code];
  return (entry[type] ?? entry.default)[lang];
}

/** Fills `{name}` placeholders; unknown placeholders stay as they are. Output is plain text. */
export function formatMessage(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? (params[name] as string) : whole,
  );
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-03-27` → de `27.03.2026`, en `27 March 2026`. */
export function formatDate(iso: string, lang: 'de' | 'en'): string {
  const [y, m, d] = iso.split('-');
  if (lang === 'de') return `${d}.${m}.${y}`;
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`;
}

/** A number as people of that language write it (`3,5` / `3.5`). */
export function formatNumber(n: number, lang: 'de' | 'en'): string {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 10 }).format(n);
}

/** A file size in KB / MB, rounded for reading. */
export function formatBytes(bytes: number, lang: 'de' | 'en'): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lang)} MB`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024), lang)} KB`;
  return lang === 'de' ? `${bytes} Byte` : `${bytes} bytes`;
}

/** „PDF, JPG oder PNG“ / “PDF, JPG or PNG”. */
export function orList(items: readonly string[], lang: 'de' | 'en'): string {
  const last = items.length - 1;
  return last < 1
    ? (items[0] ?? '')
    : `${items.slice(0, last).join(', ')} ${lang === 'en' ? 'or' : 'oder'} ${items[last]}`;
}

/**
 * What people call the file types of an `accept` list: `image/jpeg` → JPG, `image/*` → Bilder / images, otherwise
 * the subtype's last part in capitals (`application/pdf` → PDF, `image/png` → PNG, `image/svg+xml` → SVG).
 */
export function fileTypeNames(accept: readonly string[], lang: 'de' | 'en'): string[] {
  const names = accept.map((type) => {
    const sub = type.split('/')[1]!.split('+')[0]!.split('.').pop()!;
    if (sub === '*') return type.startsWith('image/') ? (lang === 'en' ? 'images' : 'Bilder') : type;
    return sub === 'jpeg' ? 'JPG' : sub.toUpperCase();
  });
  return [...new Set(names)];
}
