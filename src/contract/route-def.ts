/**
 * What every route of the HTTP API is made of: the route shape, shared path parameters and path filling.
 * Every path is relative to `<endpoint>/api/v1`.
 */
import * as z from 'zod/mini';
import { Id } from './common.ts';

export const API_BASE = '/api/v1';

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

export const tenantParam = z.object({ tenant: Id });
export const formIdParam = z.object({ formId: Id });
export const submissionParam = z.object({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

/** Fills a path template: `/tenants/{tenant}` + `{ tenant: 'heide' }` → `/tenants/heide`. */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}
