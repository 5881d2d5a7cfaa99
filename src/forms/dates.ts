/**
 * The answer of a date field asked as day, month and year (GOV.UK date input). Complete, it is an ISO date
 * `YYYY-MM-DD`; while the citizen types, the parts as entered joined year first (`1984-5-`, `-13-4`), so a draft keeps
 * them and the form shows them again. The form engine checks such a value part by part (day, then month, then year,
 * then whether the day exists) and turns a real day into `YYYY-MM-DD`.
 */
/** The three parts as entered (each trimmed). */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** What is wrong first: a part, or (`date`) the whole date, a day that does not exist (31.02.). */
export type DateProblem = keyof DateParts | 'date';

/** The parts of an answer; undefined when it is not three parts joined by `-` (then the whole date is wrong). */
export function splitDate(value: unknown): DateParts | undefined {
  const parts = typeof value === 'string' ? value.trim().split('-') : [];
  return parts.length === 3 ? { year: parts[0]!, month: parts[1]!, day: parts[2]! } : undefined;
}

/** The answer of the parts the citizen entered (a `-` they type is dropped); undefined when all are empty. */
export function joinDate(parts: DateParts): string | undefined {
  const clean = (s: string) => s.replace(/-/g, '').trim();
  const joined = `${clean(parts.year)}-${clean(parts.month)}-${clean(parts.day)}`;
  return joined === '--' ? undefined : joined;
}

const between = (s: string, max: number) => /^\d{1,2}$/.test(s) && +s >= 1 && +s <= max;

/** The first problem of a date answer, in the order the citizen reads the inputs; undefined for a real day. */
export function dateProblem(value: unknown): DateProblem | undefined {
  const p = splitDate(value);
  if (!p) return 'date';
  if (!between(p.day, 31)) return 'day';
  if (!between(p.month, 12)) return 'month';
  if (!/^\d{4}$/.test(p.year)) return 'year';
  // The day must exist in that month (a year 0–99 counts as 1900–1999: the same leap years).
  return new Date(Date.UTC(+p.year, +p.month - 1, +p.day)).getUTCDate() === +p.day ? undefined : 'date';
}

/** `YYYY-MM-DD` of parts that passed {@link dateProblem}. */
export const isoDate = (p: DateParts): string =>
  `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
