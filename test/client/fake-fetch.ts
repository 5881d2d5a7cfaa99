import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/client/index.ts';

/** A scripted `fetch` for client tests: each call takes the next handler and is recorded. */
export interface Call {
  url: string;
  init: RequestInit;
  headers: Headers;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function problem(
  status: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return new Response(JSON.stringify({ type: 'urn:ozg:problem:x', title: 'Problem', status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** A fetch that never answers but honours its abort signal, like a hanging server. */
export const hang: Handler = (call) =>
  new Promise((_, reject) => {
    const signal = call.init.signal!;
    signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
  });

export const networkDown: Handler = () => Promise.reject(new TypeError('Failed to fetch'));

export function fakeFetch(...handlers: Handler[]) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init, headers: new Headers(init.headers) };
    calls.push(call);
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    if (!handler) throw new Error('no handler');
    return handler(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export const tenant = {
  id: 'kreis-dithmarschen',
  name: { de: 'Kreis Dithmarschen' },
  ars: '01051',
  privacyNoticeUrl: 'https://www.dithmarschen.de/datenschutz',
};

export const authority = {
  id: 'kreis-dithmarschen-ordnung',
  name: { de: 'Kreis Dithmarschen, Ordnungsamt' },
  address: { street: 'Stettiner Str. 30', postalCode: '25746', city: 'Heide' },
};

/** The ApiError a request failed with (the test fails if it succeeded or failed otherwise). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}
