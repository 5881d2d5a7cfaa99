/**
 * The HTTP API as data: one table of routes with their parameter, body and response schemas.
 * The browser client, the server and the OpenAPI document are all driven by this table.
 * Every path is relative to `<endpoint>/api/v1`.
 */
import * as z from 'zod/mini';
import { Ars, Id, Lang, LocalizedText, named } from './common.ts';
import { Authority, Category, Location, PublicTenant, Service, ServiceSummary } from './catalog.ts';
import { FileRef, FormDefinition } from './form-definition.ts';
import {
  StatusEvent,
  StatusEventRequest,
  StatusQuery,
  StatusView,
  Submission,
  SubmissionPage,
  SubmissionReceipt,
  SubmissionRequest,
} from './submission.ts';

export const API_BASE = '/api/v1';

export const CategoryCount = named(
  z.object({ id: Id, name: LocalizedText, count: z.int().check(z.gte(0)) }),
  'CategoryCount',
  'A category with the number of services in the current result.',
);
export type CategoryCount = z.infer<typeof CategoryCount>;

export const ServiceList = named(
  z.object({
    services: z.array(ServiceSummary),
    categories: z.array(CategoryCount),
    total: z.int().check(z.gte(0)),
  }),
  'ServiceList',
  'Services of a tenant matching the query, best match first, with category counts.',
);
export type ServiceList = z.infer<typeof ServiceList>;

export const CategoryList = named(z.object({ categories: z.array(Category) }), 'CategoryList');
export type CategoryList = z.infer<typeof CategoryList>;

export const Responsible = named(
  z.object({
    serviceId: Id,
    ars: Ars,
    /** The matching responsibility's ARS prefix (shows which level handles it: Gemeinde, Amt, Kreis). */
    arsPrefix: z.string(),
    authority: Authority,
  }),
  'Responsible',
  'The authority responsible for a service at a place.',
);
export type Responsible = z.infer<typeof Responsible>;

export const LocationList = named(z.object({ locations: z.array(Location) }), 'LocationList');
export type LocationList = z.infer<typeof LocationList>;

export const AuthorityList = named(z.object({ authorities: z.array(Authority) }), 'AuthorityList');
export type AuthorityList = z.infer<typeof AuthorityList>;

export type HttpMethod = 'GET' | 'POST';

export interface RouteDef {
  method: HttpMethod;
  /** OpenAPI-style path template, e.g. `/tenants/{tenant}/services/{serviceId}`. */
  path: string;
  summary: string;
  tag: 'catalog' | 'forms' | 'submissions' | 'status' | 'authority';
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  /** JSON request body; `raw` means the body is the bytes of a file. */
  body?: z.ZodMiniType | 'raw';
  /** JSON response body of the success status; `binary` for file downloads. */
  response: z.ZodMiniType | 'binary';
  /** Success status code. */
  status: 200 | 201;
  /** Needs `Authorization: Bearer <authority API key>`. */
  auth?: boolean;
  /** Needs an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** Safe to retry automatically (GET and idempotent POSTs). */
  retry: boolean;
}

const tenantParam = z.object({ tenant: Id });
const formIdParam = z.object({ formId: Id });
const submissionParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

export const routes = {
  getTenant: {
    method: 'GET',
    path: '/tenants/{tenant}',
    summary: 'Public settings of a tenant (name, privacy notice, status page, theme).',
    tag: 'catalog',
    params: tenantParam,
    response: PublicTenant,
    status: 200,
    retry: true,
  },
  listServices: {
    method: 'GET',
    path: '/tenants/{tenant}/services',
    summary: 'Services offered by a tenant; optional search (`q`) and category filter.',
    tag: 'catalog',
    params: tenantParam,
    query: z.object({
      q: z.optional(z.string().check(z.maxLength(200))),
      category: z.optional(Id),
      lang: z.optional(Lang),
    }),
    response: ServiceList,
    status: 200,
    retry: true,
  },
  listCategories: {
    method: 'GET',
    path: '/tenants/{tenant}/categories',
    summary: 'Categories and life situations used by the services of a tenant.',
    tag: 'catalog',
    params: tenantParam,
    response: CategoryList,
    status: 200,
    retry: true,
  },
  getService: {
    method: 'GET',
    path: '/tenants/{tenant}/services/{serviceId}',
    summary: 'One service in full.',
    tag: 'catalog',
    params: z.object({ tenant: Id, serviceId: Id }),
    response: Service,
    status: 200,
    retry: true,
  },
  getResponsible: {
    method: 'GET',
    path: '/tenants/{tenant}/services/{serviceId}/responsible',
    summary: 'The authority responsible for a service at a Gemeinde (most specific ARS prefix wins).',
    tag: 'catalog',
    params: z.object({ tenant: Id, serviceId: Id }),
    query: z.object({ ars: Ars }),
    response: Responsible,
    status: 200,
    retry: true,
  },
  searchLocations: {
    method: 'GET',
    path: '/tenants/{tenant}/locations',
    summary: "Places in the tenant's area by name or postal code.",
    tag: 'catalog',
    params: tenantParam,
    query: z.object({ q: z.string().check(z.minLength(1), z.maxLength(100)) }),
    response: LocationList,
    status: 200,
    retry: true,
  },
  getForm: {
    method: 'GET',
    path: '/forms/{formId}',
    summary: 'A form definition (current version). Answers carry an ETag.',
    tag: 'forms',
    params: formIdParam,
    response: FormDefinition,
    status: 200,
    retry: true,
  },
  uploadFile: {
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
  },
  createSubmission: {
    method: 'POST',
    path: '/submissions',
    summary: 'Submit an application. A retry with the same Idempotency-Key returns the same answer.',
    tag: 'submissions',
    body: SubmissionRequest,
    response: SubmissionReceipt,
    status: 201,
    idempotent: true,
    retry: true,
  },
  getStatus: {
    method: 'POST',
    path: '/status',
    summary:
      'Status of a submission for its id or reference plus access code. Unknown and wrong answer alike (404).',
    tag: 'status',
    body: StatusQuery,
    response: StatusView,
    status: 200,
    retry: true,
  },
  getOwnAuthority: {
    method: 'GET',
    path: '/authority',
    summary: 'The authority the API key belongs to.',
    tag: 'authority',
    response: Authority,
    status: 200,
    auth: true,
    retry: true,
  },
  listAuthorities: {
    method: 'GET',
    path: '/authority/authorities',
    summary: 'All authorities (targets for forwarding).',
    tag: 'authority',
    response: AuthorityList,
    status: 200,
    auth: true,
    retry: true,
  },
  listSubmissions: {
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
  },
  getSubmission: {
    method: 'GET',
    path: '/authority/submissions/{id}',
    summary: 'One of the authority’s own submissions with answers, files and events.',
    tag: 'authority',
    params: submissionParam,
    response: Submission,
    status: 200,
    auth: true,
    retry: true,
  },
  getSubmissionFile: {
    method: 'GET',
    path: '/authority/submissions/{id}/files/{uploadId}',
    summary: 'Download a file of one of the authority’s own submissions.',
    tag: 'authority',
    params: z.object({ id: submissionParam.shape.id, uploadId: z.string() }),
    response: 'binary',
    status: 200,
    auth: true,
    retry: true,
  },
  appendStatusEvent: {
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
  },
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

type Out<T> = T extends z.ZodMiniType ? z.infer<T> : T extends 'binary' ? Blob : never;
type In<T> = T extends z.ZodMiniType ? z.input<T> : T extends 'raw' ? Blob : never;

/** Typed response body of a route. */
export type ResponseOf<N extends RouteName> = Out<Routes[N]['response']>;
/** Typed path parameters of a route. */
export type ParamsOf<N extends RouteName> = Routes[N] extends { params: infer P } ? In<P> : undefined;
/** Typed query of a route. */
export type QueryOf<N extends RouteName> = Routes[N] extends { query: infer Q } ? In<Q> : undefined;
/** Typed body of a route. */
export type BodyOf<N extends RouteName> = Routes[N] extends { body: infer B } ? In<B> : undefined;

/** Fills a path template: `/tenants/{tenant}` + `{ tenant: 'heide' }` → `/tenants/heide`. */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}
