/** What the route modules share: catalog, store, compiled forms, search, limits and origin rules. */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type * as z from 'zod/mini';
import { API_BASE, routes, type RouteName, type Routes } from '../contract/api.ts';
import type { Catalog } from './catalog.ts';
import type { FormCache } from './forms.ts';
import type { SearchFn } from './search.ts';
import type { MailDraft } from './mail/compose.ts';
import type { MailSubject } from './mail/notices.ts';
import type { StoredEvent, Store } from './store.ts';
import { refuseUnwieldyJson } from './json-limits.ts';
import { ProblemError } from './problem.ts';

export interface Limits {
  /** Status look-ups per IP and minute. */
  statusPerMinute: number;
  /** Submissions and uploads per IP and minute. */
  writesPerMinute: number;
  maxUploadBytes: number;
  /** What uploads no submission uses yet may hold in all, in bytes. */
  maxPendingUploadBytes: number;
}

export interface Ctx {
  catalog: Catalog;
  store: Store;
  forms: FormCache;
  search: SearchFn;
  limits: Limits;
  /** Origins allowed for every tenant (operators' tools), from `OZG_CORS_ORIGINS`. */
  operatorOrigins: Set<string>;
  now: () => Date;
  /** Mail, when the operator set up SMTP; otherwise nothing is mailed. */
  mail?: {
    /** The mails an event causes, to be written in the event's transaction. */
    drafts(submission: MailSubject, event: StoredEvent, fileCount?: number): MailDraft[];
    /** Tells the outbox worker that mail was written (after the commit). */
    wake(): void;
  };
}

type Part<R, K extends string> =
  R extends Record<K, infer S> ? (S extends z.ZodMiniType ? z.output<S> : unknown) : unknown;

/** The request type of a route of the contract table, with parsed params, query and body. */
export type RouteRequest<N extends RouteName> = FastifyRequest<{
  Params: Part<Routes[N], 'params'>;
  Querystring: Part<Routes[N], 'query'>;
  Body: Part<Routes[N], 'body'>;
}>;

/**
 * Registers a route of the contract table; the zod schemas validate params, query and body. A JSON body is first
 * checked for its depth and size ({@link refuseUnwieldyJson}), before the route's own `preValidation` hooks.
 */
export function on<N extends RouteName>(
  app: FastifyInstance,
  name: N,
  handler: (request: RouteRequest<N>, reply: FastifyReply) => Promise<unknown>,
  options: RouteShorthandOptions = {},
): void {
  const def = routes[name] as Routes[RouteName];
  const schema: Record<string, unknown> = {};
  if ('params' in def) schema.params = def.params;
  if ('query' in def) schema.querystring = def.query;
  const json = 'body' in def && def.body !== 'raw';
  if (json) schema.body = def.body;
  const own = options.preValidation;
  const preValidation = json ? [refuseUnwieldyJson, ...(own === undefined ? [] : [own].flat())] : own;
  app.route({
    ...options,
    preValidation,
    method: def.method,
    url: API_BASE + def.path.replace(/\{(\w+)\}/g, ':$1'),
    schema,
    handler: handler as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  });
}

/** The request's own origin (scheme and Host header), i.e. pages served by this server. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * A browser request from a page that is not one of the tenant's origins is refused. Requests without an
 * Origin (curl, server-to-server, same-origin GET) pass.
 */
export function assertOriginForTenant(ctx: Ctx, request: FastifyRequest, tenantId: string): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin === ownOrigin(request) || ctx.operatorOrigins.has(origin)) return;
  const tenant = ctx.catalog.tenants.get(tenantId);
  if (tenant && tenant.allowedOrigins.includes(origin)) return;
  throw new ProblemError(
    'forbidden',
    'Diese Website darf diesen Dienst nicht nutzen. / This website may not use this service.',
  );
}
