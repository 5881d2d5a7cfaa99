/** The condition language: evaluated by walking the data structure, never with `eval`. */
import type { Condition, ConditionValue } from '../contract/form-definition.ts';

/** The emptiness rule: `undefined`, `null`, a blank string and an empty array count as not filled. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A number, or a numeric string (`"12"`, `"3.5"`, `"3,5"`); anything else is `NaN`. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const s = value.trim();
    if (/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return Number(s.replace(',', '.'));
  }
  return Number.NaN;
}

function sameValue(actual: unknown, expected: ConditionValue): boolean {
  if (actual === expected) return true;
  if (typeof expected === 'number' && typeof actual === 'string') return toNumber(actual) === expected;
  if (typeof expected === 'string' && typeof actual === 'number') {
    return expected.trim() !== '' && toNumber(expected) === actual;
  }
  return false;
}

/**
 * Evaluates a condition. `lookup` returns a field's current answer (`undefined` when not answered or hidden).
 * Comparisons with numbers accept numeric strings; a value that is not a number makes them false.
 */
export function evaluate(condition: Condition, lookup: (fieldId: string) => unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, lookup));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, lookup));
  if ('not' in condition) return !evaluate(condition.not, lookup);
  const value = lookup(condition.field);
  if ('equals' in condition) return sameValue(value, condition.equals);
  if ('notEquals' in condition) return !sameValue(value, condition.notEquals);
  if ('in' in condition) return condition.in.some((v) => sameValue(value, v));
  if ('filled' in condition) return isFilled(value) === condition.filled;
  if ('contains' in condition) {
    return Array.isArray(value) && value.some((v: unknown) => sameValue(v, condition.contains));
  }
  const n = toNumber(value);
  if (Number.isNaN(n)) return false;
  if ('gt' in condition) return n > condition.gt;
  if ('gte' in condition) return n >= condition.gte;
  if ('lt' in condition) return n < condition.lt;
  if ('lte' in condition) return n <= condition.lte;
  return false;
}

/** A field reference inside a condition, with its JSON Pointer relative to the condition. */
export interface ConditionRef {
  field: string;
  /** e.g. `/all/1/field` */
  path: string;
}

/** Every field a condition refers to, in document order. */
export function conditionRefs(condition: Condition, base = ''): ConditionRef[] {
  const out: ConditionRef[] = [];
  const walk = (c: Condition, path: string): void => {
    if ('all' in c) c.all.forEach((sub, i) => walk(sub, `${path}/all/${i}`));
    else if ('any' in c) c.any.forEach((sub, i) => walk(sub, `${path}/any/${i}`));
    else if ('not' in c) walk(c.not, `${path}/not`);
    else out.push({ field: c.field, path: `${path}/field` });
  };
  walk(condition, base);
  return out;
}
