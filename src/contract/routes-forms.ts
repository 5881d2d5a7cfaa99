/**
 * Routes of applying: the form definition, file uploads and the submission.
 */
import * as z from 'zod/mini';
import { Ars, Id, Lang, named } from './common.ts';
import { Authority } from './catalog.ts';
import { FileRef, FormDefinition } from './form-definition.ts';
import { SubmissionReceipt, SubmissionRequest } from './submission.ts';
import { formIdParam, type RouteDef } from './route-def.ts';

export const getForm = {
  method: 'GET',
  path: '/forms/{formId}',
  summary: 'A form definition (current version). Answers carry an ETag.',
  tag: 'forms',
  params: formIdParam,
  response: FormDefinition,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const FormResponsible = named(
  z.object({
    /** The Gemeinde the answers name. */
    ars: Ars,
    /** Its name, as the catalog's places list it. */
    placeName: z.string(),
    /** The matching responsibility's ARS prefix (which level handles it: Gemeinde, Amt, Kreis). */
    arsPrefix: z.string(),
    authority: Authority,
  }),
  'FormResponsible',
  'Where an application of a form goes for the place of the matter its routing fields name.',
);
export type FormResponsible = z.infer<typeof FormResponsible>;

export const getFormResponsible = {
  method: 'GET',
  path: '/tenants/{tenant}/forms/{formId}/responsible',
  summary:
    "The authority an application of this form reaches for a place of the matter (the answers of the form's routing fields: postal code and town). Where none can be found the answer is a 400 problem whose field error points at the routing field (`/data/<field id>`) with code `unknown_place`, `no_authority` or `ambiguous_place` and a message in `lang`, exactly as the submission would answer.",
  tag: 'forms',
  params: z.object({ tenant: Id, formId: Id }),
  query: z.object({
    postalCode: z.string().check(z.regex(/^\d{5}$/)),
    place: z.optional(z.string().check(z.maxLength(200))),
    /** The service applied for, where several services share the form (default: the tenant's service of it). */
    serviceId: z.optional(Id),
    lang: z.optional(Lang),
  }),
  response: FormResponsible,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const uploadFile = {
  method: 'POST',
  path: '/tenants/{tenant}/forms/{formId}/fields/{fieldId}/uploads',
  summary:
    'Upload one file for a file field (body: the file; `Content-Type`: its type; `X-File-Name`: its URI-encoded name).',
  tag: 'submissions',
  params: z.object({ tenant: Id, formId: Id, fieldId: Id }),
  body: 'raw',
  response: FileRef,
  status: 201,
  retry: false,
} as const satisfies RouteDef;

export const createSubmission = {
  method: 'POST',
  path: '/submissions',
  summary: 'Submit an application. A retry with the same Idempotency-Key returns the same answer.',
  tag: 'submissions',
  body: SubmissionRequest,
  response: SubmissionReceipt,
  status: 201,
  idempotent: true,
  retry: true,
} as const satisfies RouteDef;
