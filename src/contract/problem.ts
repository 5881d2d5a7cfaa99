/**
 * Errors: RFC 9457 problem details (`application/problem+json`). Field errors carry JSON Pointers
 * (RFC 6901) into the request body, e.g. `/data/F60000236` or `/data/owners/1/name`.
 */
import * as z from 'zod/mini';
import { named } from './common.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types used by the API; `type` is `urn:ozg:problem:<kind>`. */
export const PROBLEM_KINDS = [
  'validation', // the request body or query is invalid (see `errors`)
  'not-found', // the resource does not exist (or is not visible to the caller)
  'unauthorized', // missing or wrong API key
  'forbidden', // origin or authority not allowed
  'conflict', // e.g. an Idempotency-Key reused with another body
  'rate-limited', // too many requests; see Retry-After
  'payload-too-large',
  'unsupported-media-type',
  'unavailable', // the backend cannot serve right now
  'internal', // unexpected error; never carries internals
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export function problemType(kind: ProblemKind): string {
  return `urn:ozg:problem:${kind}`;
}

export const FieldError = named(
  z.object({
    /** JSON Pointer into the request body (e.g. `/data/F60000236`). */
    pointer: z.string().check(z.regex(/^(\/([^/~]|~[01])*)*$/)),
    /** Human-readable message in the requested language. */
    detail: z.string(),
    /** Machine-readable reason (`required`, `too_short`, `pattern`, `iban_checksum` …). */
    code: z.optional(z.string()),
  }),
  'FieldError',
  'One invalid value, located by a JSON Pointer into the request body.',
);
export type FieldError = z.infer<typeof FieldError>;

export const Problem = named(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int().check(z.gte(400), z.lte(599)),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    errors: z.optional(z.array(FieldError)),
  }),
  'Problem',
  'RFC 9457 problem details. Never contains stack traces or internal messages.',
);
export type Problem = z.infer<typeof Problem>;
