/** Problem details (RFC 9457) for every error the server answers with. */
import type { FieldError, Problem, ProblemKind } from '../contract/problem.ts';
import { problemType } from '../contract/problem.ts';

const TITLES: Record<ProblemKind, string> = {
  validation: 'Ungültige Angaben / Invalid request',
  'not-found': 'Nicht gefunden / Not found',
  unauthorized: 'Nicht angemeldet / Unauthorized',
  forbidden: 'Nicht erlaubt / Forbidden',
  conflict: 'Konflikt / Conflict',
  'rate-limited': 'Zu viele Anfragen / Too many requests',
  'payload-too-large': 'Zu groß / Payload too large',
  'unsupported-media-type': 'Dateityp nicht unterstützt / Unsupported media type',
  unavailable: 'Vorübergehend nicht verfügbar / Unavailable',
  internal: 'Interner Fehler / Internal error',
};

const STATUS: Record<ProblemKind, number> = {
  validation: 400,
  'not-found': 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  'rate-limited': 429,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  unavailable: 503,
  internal: 500,
};

/** An error the handlers throw on purpose; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(kind: ProblemKind, detail?: string, errors?: FieldError[], status?: number) {
    super(detail ?? kind);
    this.kind = kind;
    this.status = status ?? STATUS[kind];
    this.detail = detail;
    this.errors = errors;
  }

  toProblem(instance?: string): Problem {
    return problemBody(this.kind, this.detail, this.errors, this.status, instance);
  }
}

/** Builds a problem body; only the fields of the contract, never internals. */
export function problemBody(
  kind: ProblemKind,
  detail?: string,
  errors?: FieldError[],
  status?: number,
  instance?: string,
): Problem {
  const body: Problem = { type: problemType(kind), title: TITLES[kind], status: status ?? STATUS[kind] };
  if (detail !== undefined) body.detail = detail;
  if (instance !== undefined) body.instance = instance;
  if (errors !== undefined && errors.length > 0) body.errors = errors;
  return body;
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns zod issues into field errors under a pointer prefix (`/query`, `/params`, '' for the body). */
export function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[],
  prefix: string,
): FieldError[] {
  return issues.map((issue) => {
    const error: FieldError = {
      pointer: prefix + issue.path.map((s) => `/${pointerSegment(s)}`).join(''),
      detail: issue.message,
    };
    if (issue.code !== undefined) error.code = issue.code;
    return error;
  });
}
