/**
 * Routes of caseworkers (authority API key): their authority, their submissions and status events.
 */
import * as z from 'zod/mini';
import { named } from './common.ts';
import { Authority } from './catalog.ts';
import { StatusEvent, StatusEventRequest, Submission, SubmissionPage } from './submission.ts';
import { submissionParam, type RouteDef } from './route-def.ts';

export const AuthorityList = named(z.object({ authorities: z.array(Authority) }), 'AuthorityList');
export type AuthorityList = z.infer<typeof AuthorityList>;

export const getOwnAuthority = {
  method: 'GET',
  path: '/authority',
  summary: 'The authority the API key belongs to.',
  tag: 'authority',
  response: Authority,
  status: 200,
  auth: true,
  retry: true,
} as const satisfies RouteDef;

export const listAuthorities = {
  method: 'GET',
  path: '/authority/authorities',
  summary: 'All authorities (targets for forwarding).',
  tag: 'authority',
  response: AuthorityList,
  status: 200,
  auth: true,
  retry: true,
} as const satisfies RouteDef;

export const listSubmissions = {
  method: 'GET',
  path: '/authority/submissions',
  summary: "The authority's own submissions, newest first, paged.",
  tag: 'authority',
  query: z.object({
    page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,5}$/))),
    pageSize: z.optional(z.string().check(z.regex(/^([1-9]|[1-9]\d|100)$/))),
  }),
  response: SubmissionPage,
  status: 200,
  auth: true,
  retry: true,
} as const satisfies RouteDef;

export const getSubmission = {
  method: 'GET',
  path: '/authority/submissions/{id}',
  summary: 'One of the authority’s own submissions with answers, files and events.',
  tag: 'authority',
  params: submissionParam,
  response: Submission,
  status: 200,
  auth: true,
  retry: true,
} as const satisfies RouteDef;

export const getSubmissionFile = {
  method: 'GET',
  path: '/authority/submissions/{id}/files/{uploadId}',
  summary: 'Download a file of one of the authority’s own submissions.',
  tag: 'authority',
  params: z.object({ id: submissionParam.shape.id, uploadId: z.string() }),
  response: 'binary',
  status: 200,
  auth: true,
  retry: true,
} as const satisfies RouteDef;

export const appendStatusEvent = {
  method: 'POST',
  path: '/authority/submissions/{id}/events',
  summary:
    'Append a status event (in progress, information requested, forwarded, accepted, rejected, completed).',
  tag: 'authority',
  params: submissionParam,
  body: StatusEventRequest,
  response: StatusEvent,
  status: 201,
  auth: true,
  retry: false,
} as const satisfies RouteDef;
