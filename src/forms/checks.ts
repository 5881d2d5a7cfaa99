/**
 * Value checks per field type, built once per field at compile time (patterns compiled, option sets built),
 * so validating one field on every keystroke allocates almost nothing.
 */
import { FileRef } from '../contract/form-definition.ts';
import * as z from 'zod/mini';
import { isFilled, toNumber } from './conditions.ts';
import { dateProblem, isoDate, splitDate } from './dates.ts';
import type { FieldNode } from './definition.ts';
import { isValidIban, isValidPostalCode, normalizeIban } from './iban.ts';
import type { ErrorCode } from './messages.ts';

/** Why a value was rejected, with the raw parameters the message needs. */
export interface Issue {
  code: ErrorCode;
  params?: {
    min?: number | string;
    max?: number | string;
    file?: string;
    accept?: readonly string[];
    maxSize?: number;
  };
}

/** Either the normalised value (`undefined` = not answered) or the first problem found. */
export type CheckResult = { value: unknown; issue?: undefined } | { value?: undefined; issue: Issue };

/** Checks one answer; `today` is `YYYY-MM-DD`. */
export type ValueCheck = (value: unknown, today: string) => CheckResult;

const ok = (value: unknown): CheckResult => ({ value });
const fail = (code: ErrorCode, params?: Issue['params']): CheckResult => ({ issue: { code, params } });

const EMAIL = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/;
const TEL = /^\+?[\d\s()/.-]+$/;

/** The local calendar date as `YYYY-MM-DD`. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function lengthCheck(s: string, minLength: number | undefined, maxLength: number | undefined): CheckResult {
  if (minLength !== undefined && s.length < minLength) return fail('too_short', { min: minLength });
  if (maxLength !== undefined && s.length > maxLength) return fail('too_long', { max: maxLength });
  return ok(s);
}

function acceptsType(accept: readonly string[], type: string): boolean {
  const t = type.toLowerCase();
  return accept.some((a) => (a.endsWith('/*') ? t.startsWith(a.slice(0, -1)) : a === t));
}

/**
 * The check of a field's value when it is filled (emptiness and `required` are decided by the caller).
 * Groups and info fields have none.
 */
export function buildCheck(node: FieldNode): ValueCheck | undefined {
  const f = node.field;
  switch (f.type) {
    case 'text':
    case 'textarea': {
      const pattern = f.type === 'text' ? node.pattern : undefined;
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        const s = v.trim();
        const r = lengthCheck(s, f.minLength, f.maxLength);
        if (r.issue) return r;
        if (pattern && !pattern.test(s)) return fail('pattern');
        return ok(s);
      };
    }
    case 'email':
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        const s = v.trim();
        if (f.maxLength !== undefined && s.length > f.maxLength)
          return fail('too_long', { max: f.maxLength });
        return EMAIL.test(s) && s.length <= 254 ? ok(s) : fail('invalid_email');
      };
    case 'tel':
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        const s = v.trim();
        if (f.maxLength !== undefined && s.length > f.maxLength)
          return fail('too_long', { max: f.maxLength });
        const digits = s.replace(/\D/g, '').length;
        return TEL.test(s) && digits >= 5 && digits <= 20 ? ok(s) : fail('invalid_tel');
      };
    case 'number':
      return (v) => {
        if (typeof v !== 'number' && typeof v !== 'string') return fail('invalid_type');
        const n = toNumber(v);
        if (!Number.isFinite(n)) return fail('not_a_number');
        if (f.integer && !Number.isInteger(n)) return fail('not_integer');
        if (f.min !== undefined && n < f.min) return fail('too_small', { min: f.min });
        if (f.max !== undefined && n > f.max) return fail('too_big', { max: f.max });
        return ok(n);
      };
    case 'date':
      return (v, today) => {
        if (typeof v !== 'string') return fail('invalid_type');
        const problem = dateProblem(v);
        if (problem) return fail(`invalid_${problem}`);
        const s = isoDate(splitDate(v)!);
        const min = f.min === 'today' ? today : f.min;
        const max = f.max === 'today' ? today : f.max;
        if (min !== undefined && s < min) return fail('date_too_early', { min });
        if (max !== undefined && s > max) return fail('date_too_late', { max });
        return ok(s);
      };
    case 'select':
    case 'radio': {
      const values = new Set(f.options.map((o) => o.value));
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        return values.has(v) ? ok(v) : fail('invalid_option');
      };
    }
    case 'checkbox':
      return (v) => (typeof v === 'boolean' ? ok(v) : fail('invalid_type'));
    case 'checkbox-group': {
      const values = new Set(f.options.map((o) => o.value));
      return (v) => {
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return fail('invalid_type');
        if (!v.every((x: string) => values.has(x))) return fail('invalid_option');
        const chosen = [...new Set(v as string[])];
        if (f.minSelected !== undefined && chosen.length < f.minSelected)
          return fail('too_few', { min: f.minSelected });
        if (f.maxSelected !== undefined && chosen.length > f.maxSelected)
          return fail('too_many', { max: f.maxSelected });
        return ok(chosen);
      };
    }
    case 'file': {
      const accept = f.accept;
      return (v) => {
        if (!Array.isArray(v)) return fail('invalid_type');
        const files: FileRef[] = [];
        for (const item of v) {
          const parsed = z.safeParse(FileRef, item);
          if (!parsed.success) return fail('invalid_type');
          files.push(parsed.data);
        }
        if (f.maxFiles !== undefined && files.length > f.maxFiles)
          return fail('too_many_files', { max: f.maxFiles });
        for (const file of files) {
          if (accept && accept.length && !acceptsType(accept, file.type)) {
            return fail('file_type', { file: file.name, accept });
          }
          if (f.maxSize !== undefined && file.size > f.maxSize) {
            return fail('file_too_large', { file: file.name, maxSize: f.maxSize });
          }
        }
        return ok(files);
      };
    }
    case 'iban':
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        return isValidIban(v) ? ok(normalizeIban(v)) : fail('iban_checksum');
      };
    case 'postal-code':
      return (v) => {
        if (typeof v !== 'string') return fail('invalid_type');
        return isValidPostalCode(v) ? ok(v.trim()) : fail('postal_code');
      };
    case 'info':
    case 'group':
      return undefined;
  }
}

/** Emptiness plus `required` plus the type check: the whole verdict on one (non-group) answer. */
export function checkAnswer(node: FieldNode, check: ValueCheck, value: unknown, today: string): CheckResult {
  const required = 'required' in node.field && node.field.required === true;
  if (!isFilled(value)) return required ? fail('required') : ok(undefined);
  const result = check(value, today);
  // A required checkbox is a declaration: it must be ticked, not merely answered.
  if (!result.issue && node.field.type === 'checkbox' && required && result.value === false)
    return fail('required');
  return result;
}

/** The checks of a group's own value (object, or array of objects when repeatable). */
export function checkGroup(node: FieldNode, value: unknown): CheckResult {
  const f = node.field;
  if (f.type !== 'group') return ok(value);
  if (!f.repeatable) {
    if (value === undefined || value === null) return ok({});
    return typeof value === 'object' && !Array.isArray(value) ? ok(value) : fail('invalid_type');
  }
  if (value === undefined || value === null) value = [];
  if (!Array.isArray(value)) return fail('invalid_type');
  if (value.length === 0 && f.required) return fail('required');
  if (value.length < f.repeatable.min) return fail('too_few', { min: f.repeatable.min });
  if (value.length > f.repeatable.max) return fail('too_many', { max: f.repeatable.max });
  return ok(value);
}
