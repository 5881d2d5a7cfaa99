/**
 * The HTTP API as data: one table of routes with their parameter, body and response schemas.
 * The browser client, the server and the OpenAPI document are all driven by this table.
 * Every path is relative to `<endpoint>/api/v1`.
 *
 * The routes live in one module per area (`routes-*.ts`) and are exported one by one, so a browser bundle
 * carries only the routes (and schemas) its elements call; `routes` collects them for the server, the
 * OpenAPI document and the tests.
 */
import type * as z from 'zod/mini';
import type { RouteDef } from './route-def.ts';
import {
  appendStatusEvent,
  getOwnAuthority,
  getSubmission,
  getSubmissionFile,
  listAuthorities,
  listSubmissions,
} from './routes-authority.ts';
import {
  getResponsible,
  getService,
  getTenant,
  listCategories,
  listServices,
  searchLocations,
} from './routes-catalog.ts';
import { createSubmission, getForm, getFormResponsible, uploadFile } from './routes-forms.ts';
import { getStatus, replyToRequest, uploadReplyFile } from './routes-status.ts';

export * from './route-def.ts';
export * from './routes-authority.ts';
export * from './routes-catalog.ts';
export * from './routes-forms.ts';
export * from './routes-status.ts';

export const routes = {
  getTenant,
  listServices,
  listCategories,
  getService,
  getResponsible,
  searchLocations,
  getForm,
  getFormResponsible,
  uploadFile,
  createSubmission,
  getStatus,
  uploadReplyFile,
  replyToRequest,
  getOwnAuthority,
  listAuthorities,
  listSubmissions,
  getSubmission,
  getSubmissionFile,
  appendStatusEvent,
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
