/**
 * The citizen's route: the status of a submission, with reference and access code.
 */
import * as z from 'zod/mini';
import { FileRef } from './form-definition.ts';
import { Reference, ReplyRequest, StatusQuery, StatusView } from './submission.ts';
import type { RouteDef } from './route-def.ts';

export const getStatus = {
  method: 'POST',
  path: '/status',
  summary:
    'Status of a submission for its id or reference plus access code. Unknown and wrong answer alike (404).',
  tag: 'status',
  body: StatusQuery,
  response: StatusView,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const uploadReplyFile = {
  method: 'POST',
  path: '/status/{reference}/files',
  summary:
    'Upload one file for a reply while information is requested (body: the file; `Content-Type`: PDF, JPEG or PNG; `X-File-Name`: its URI-encoded name; `X-Access-Code`: the access code).',
  tag: 'status',
  params: z.object({ reference: Reference }),
  body: 'raw',
  response: FileRef,
  status: 201,
  retry: false,
} as const satisfies RouteDef;

export const replyToRequest = {
  method: 'POST',
  path: '/status/reply',
  summary:
    'Answer a request for information with a message and uploaded files; the status becomes `info-received`. Only while `info-requested` (else 409).',
  tag: 'status',
  body: ReplyRequest,
  response: StatusView,
  status: 201,
  retry: false,
} as const satisfies RouteDef;
