/**
 * Bounds on the shape of JSON bodies, checked without recursion right after parsing, before anything else
 * (the contract's schemas, hashing, the form engine) walks a body: no legitimate request comes near them.
 */
import type { preValidationHookHandler } from 'fastify';
import { ProblemError, pointerSegment } from './problem.ts';

/** Levels of objects and arrays, the body itself being the first (a submission's answers are the second). */
export const MAX_JSON_DEPTH = 64;
/** Members of objects and items of arrays in one body, all levels together. */
export const MAX_JSON_VALUES = 10_000;

export type JsonShapeIssue = { code: 'too_deep'; pointer: string } | { code: 'too_many_values' };

interface Frame {
  value: object;
  depth: number;
  parent: Frame | undefined;
  token: string | number | undefined;
}

function pointerOf(frame: Frame): string {
  const tokens: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.token !== undefined; f = f.parent) tokens.push(f.token);
  return tokens.reverse().reduce<string>((out, token) => `${out}/${pointerSegment(token)}`, '');
}

/** What is wrong with the shape of a parsed JSON value, if anything; visits each value at most once. */
export function jsonShapeIssue(
  value: unknown,
  maxDepth = MAX_JSON_DEPTH,
  maxValues = MAX_JSON_VALUES,
): JsonShapeIssue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, token: undefined }];
  let values = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { code: 'too_deep', pointer: pointerOf(frame) };
    const visit = (child: unknown, token: string | number) => {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth: frame.depth + 1, parent: frame, token });
      }
    };
    if (Array.isArray(frame.value)) {
      values += frame.value.length;
      if (values > maxValues) return { code: 'too_many_values' };
      frame.value.forEach(visit);
    } else {
      const record = frame.value as Record<string, unknown>;
      const keys = Object.keys(record);
      values += keys.length;
      if (values > maxValues) return { code: 'too_many_values' };
      for (const key of keys) visit(record[key], key);
    }
  }
  return undefined;
}

/** Refuses a JSON body nested deeper than {@link MAX_JSON_DEPTH} or with more than {@link MAX_JSON_VALUES} values. */
export const refuseUnwieldyJson: preValidationHookHandler = (request, _reply, done) => {
  const issue = jsonShapeIssue(request.body);
  if (issue?.code === 'too_deep') {
    const detail = `Die Anfrage ist zu tief verschachtelt (höchstens ${MAX_JSON_DEPTH} Ebenen). / The request is nested too deeply (at most ${MAX_JSON_DEPTH} levels).`;
    done(new ProblemError('validation', detail, [{ pointer: issue.pointer, detail, code: issue.code }]));
  } else if (issue?.code === 'too_many_values') {
    const detail = `Die Anfrage enthält zu viele Werte (höchstens ${MAX_JSON_VALUES}). / The request holds too many values (at most ${MAX_JSON_VALUES}).`;
    done(new ProblemError('validation', detail, [{ pointer: '', detail, code: issue.code }]));
  } else {
    done();
  }
};
