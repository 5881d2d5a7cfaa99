/**
 * Routes of applying: the form definition, file uploads and the submission.
 */
import * as z from 'zod/mini';
import { Id } from './common.ts';
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
