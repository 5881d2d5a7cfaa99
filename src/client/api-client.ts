/**
 * The browser API client: one instance per element and endpoint. Every request and answer is typed
 * and validated from the route table in `src/contract/api.ts`; every failure becomes an `ApiError`.
 */
import {
  API_BASE,
  FileRef,
  PROBLEM_CONTENT_TYPE,
  Problem,
  fillPath,
  routes,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteDef,
  type RouteName,
  type Routes,
} from '../contract/index.ts';
import { ApiError, type SetupProblem } from './api-error.ts';

/** Retry policy for routes marked `retry: true`. */
export interface RetryOptions {
  /** Attempts in total, including the first (default 3; 1 disables retries). */
  attempts?: number;
  /** Delay before the first retry in ms; doubles each time, with jitter (default 400). */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay in ms (default 5000). */
  maxDelayMs?: number;
  /** A longer `Retry-After` than this (seconds) is not waited for: the error goes to the caller (default 30). */
  maxRetryAfterSeconds?: number;
}

/** Options of an {@link ApiClient} (and a {@link RouteClient}). */
export interface ApiClientOptions {
  /** The `fetch` to use (tests inject a fake); defaults to the global one. */
  fetch?: typeof fetch;
  /** Creates the XMLHttpRequest used for uploads (tests inject a fake). */
  xhr?: () => XMLHttpRequest;
  /** Timeout per attempt in ms (default 15000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Aborts every request of this client (e.g. when the element leaves the DOM). */
  signal?: AbortSignal;
  /** Authority API key, sent as `Authorization: Bearer …` on routes with `auth: true`. */
  apiKey?: string;
  /**
   * Called when a failed request turns out to fail because of how the page embeds the service; the error then
   * carries the problem as `setup`. Given, the client looks closer at failures before it reports them: a 403
   * refusing the origin needs no request, a 404 of a tenant's route one or two small requests (remembered), a
   * network error towards another origin two `HEAD` requests (see {@link SetupProblem}).
   */
  onSetupProblem?: (problem: SetupProblem) => void;
  /** The tenant the page names, checked after a 404 of a route without tenant (a wrong endpoint fails both). */
  tenant?: () => string | undefined;
}

/** The routes a {@link RouteClient} may call, by name (a part of the table in `src/contract/api.ts`). */
export type RouteTable = Partial<Routes>;

type RouteOf<N extends RouteName> = Routes[N];
/** Optional when every key is optional, required otherwise, forbidden when the route has none. */
type Slot<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : Partial<T> extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

/** Options of {@link ApiClient.request}, typed from the route table. */
export type RequestOptions<N extends RouteName> = Slot<'params', ParamsOf<N>> &
  Slot<'query', QueryOf<N>> &
  Slot<'body', BodyOf<N>> &
  (RouteOf<N> extends { idempotent: true } ? { idempotencyKey: string } : { idempotencyKey?: undefined }) & {
    /** Cancels this request (→ `ApiError` kind `aborted`). */
    signal?: AbortSignal;
    /** Overrides the client's timeout for this request. */
    timeoutMs?: number;
  };

type RequestArgs<N extends RouteName> =
  Partial<RequestOptions<N>> extends RequestOptions<N>
    ? [options?: RequestOptions<N>]
    : [options: RequestOptions<N>];

/** Upload progress in bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Options of {@link ApiClient.upload}. */
export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Timeout of the whole upload in ms (default: 10 × the client timeout). */
  timeoutMs?: number;
}

/** A fresh key for the `Idempotency-Key` header; keep it with the draft so a retry reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const ACCEPT = `application/json, ${PROBLEM_CONTENT_TYPE}`;

interface HeaderSource {
  get(name: string): string | null;
}

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isJson(contentType: string | null, allowProblem: boolean): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || (allowProblem && type === PROBLEM_CONTENT_TYPE);
}

/**
 * Turns an HTTP answer into the validated response body or an `ApiError`.
 * Shared by `fetch` requests and XHR uploads.
 */
function interpret(
  route: RouteDef,
  status: number,
  headers: HeaderSource,
  text: string,
): { value: unknown } | ApiError {
  if (status < 200 || status > 299) {
    let problem: Problem | undefined;
    if (isJson(headers.get('content-type'), true)) {
      try {
        const parsed = Problem.safeParse(JSON.parse(text));
        if (parsed.success) problem = parsed.data;
      } catch {
        // A broken error body still is an HTTP error; the status tells enough.
      }
    }
    const retryAfter = parseRetryAfter(headers.get('retry-after'));
    return new ApiError('http', `HTTP ${status}`, {
      status,
      ...(problem ? { problem } : {}),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
  }
  if (route.response === 'binary') {
    return new ApiError('malformed', 'Binary answer where JSON was expected');
  }
  if (!isJson(headers.get('content-type'), false)) {
    return new ApiError('malformed', 'Unexpected content type', { status });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    return new ApiError('malformed', 'Answer is not JSON', { status, cause });
  }
  const parsed = route.response.safeParse(data);
  if (!parsed.success) {
    return new ApiError('malformed', 'Answer does not match the contract', { status, cause: parsed.error });
  }
  return { value: parsed.data };
}

function race<T>(work: Promise<T>, stopped: Promise<never>): Promise<T> {
  return Promise.race([work, stopped]);
}

/** Sleeps `ms`, rejecting with an `aborted` ApiError as soon as one of the signals aborts. */
function sleep(ms: number, signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
      reject(new ApiError('aborted', 'Request aborted'));
    };
    const timer = setTimeout(() => {
      for (const s of signals) s.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    for (const s of signals) {
      if (s.aborted) return onAbort();
      s.addEventListener('abort', onAbort, { once: true });
    }
  });
}

/**
 * Client for one backend endpoint (`<endpoint>/api/v1`) and the routes in its table (`T`): requests to
 * other routes do not type-check, and throw if forced. {@link ApiClient} is the one for every route.
 *
 * ```ts
 * const api = new RouteClient('https://ozg.example.de', { signal, routes: { listServices } });
 * const list = await api.request('listServices', { params: { tenant }, query: { q: 'Hund' } });
 * ```
 */
export class RouteClient<T extends RouteTable = Routes> {
  /** The endpoint without trailing slash. */
  readonly endpoint: string;
  readonly #fetch: typeof fetch;
  readonly #xhr: () => XMLHttpRequest;
  readonly #timeoutMs: number;
  readonly #retry: Required<RetryOptions>;
  readonly #apiKey: string | undefined;
  readonly #disposer = new AbortController();
  readonly #signals: AbortSignal[];
  readonly #routes: T;
  readonly #onSetupProblem: ((problem: SetupProblem) => void) | undefined;
  /** Answers of the checks after a 404 (the tenant, the API description), by URL. */
  readonly #checked = new Map<string, Promise<number | undefined>>();
  /** Once a tenant was not found: whether the API description is missing too (then the endpoint is wrong). */
  #endpointWrong: Promise<boolean> | undefined;
  readonly #tenant: (() => string | undefined) | undefined;

  /** `routes`: the routes this client may call; an element passes the ones it uses, so it bundles no others. */
  constructor(endpoint: string, options: ApiClientOptions & { routes: T }) {
    this.#routes = options.routes;
    this.endpoint = endpoint.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#xhr = options.xhr ?? (() => new XMLHttpRequest());
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retry = {
      attempts: Math.max(1, options.retry?.attempts ?? 3),
      baseDelayMs: options.retry?.baseDelayMs ?? 400,
      maxDelayMs: options.retry?.maxDelayMs ?? 5_000,
      maxRetryAfterSeconds: options.retry?.maxRetryAfterSeconds ?? 30,
    };
    this.#apiKey = options.apiKey;
    this.#onSetupProblem = options.onSetupProblem;
    this.#tenant = options.tenant;
    this.#signals = options.signal ? [this.#disposer.signal, options.signal] : [this.#disposer.signal];
  }

  /** Aborts every pending and future request of this client. */
  dispose(): void {
    this.#disposer.abort();
  }

  /** True once {@link dispose} was called or the client-level signal aborted. */
  get disposed(): boolean {
    return this.#signals.some((s) => s.aborted);
  }

  #route(name: RouteName): RouteDef {
    const table = this.#routes as RouteTable;
    const route: RouteDef | undefined = Object.hasOwn(table, name) ? table[name] : undefined;
    // A programming error: the element's route table lacks a route it calls.
    if (!route) throw new TypeError(`Route "${name}" is not in this client's route table`);
    return route;
  }

  /** The full URL of a route. */
  url<N extends keyof T & RouteName>(name: N, params?: ParamsOf<N>, query?: QueryOf<N>): string {
    return this.#url(this.#route(name), params, query);
  }

  #url(route: RouteDef, params: unknown, query: unknown): string {
    let url = this.endpoint + API_BASE + fillPath(route.path, params as Record<string, string> | undefined);
    if (query) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
        if (value !== undefined && value !== null) search.set(key, String(value));
      }
      const qs = search.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  /**
   * Calls a route and returns its validated answer. Rejects only with `ApiError`; `aborted` errors
   * mean the request was cancelled on purpose and should be ignored.
   */
  async request<N extends keyof T & RouteName>(
    name: N,
    ...[options]: RequestArgs<N>
  ): Promise<ResponseOf<N>> {
    const route = this.#route(name);
    const opts = (options ?? {}) as {
      params?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      idempotencyKey?: string;
      signal?: AbortSignal;
      timeoutMs?: number;
    };
    if (route.idempotent && !opts.idempotencyKey) {
      // A programming error, not a runtime condition: the types already demand the key.
      throw new TypeError(`Route "${name}" needs an idempotencyKey`);
    }
    if (route.body === 'raw') throw new TypeError(`Route "${name}" takes a file: use upload()`);
    let url: string;
    try {
      url = this.url(name, opts.params as ParamsOf<N>, opts.query as QueryOf<N>);
    } catch (cause) {
      throw new TypeError(`Route "${name}": ${(cause as Error).message}`);
    }
    const headers: Record<string, string> = { Accept: ACCEPT };
    if (route.auth && this.#apiKey) headers['Authorization'] = `Bearer ${this.#apiKey}`;
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    let body: string | undefined;
    if (route.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const signals = opts.signal ? [...this.#signals, opts.signal] : this.#signals;
    const attempts = route.retry ? this.#retry.attempts : 1;
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(
        route,
        url,
        { method: route.method, headers, body },
        signals,
        timeoutMs,
      );
      if (!(outcome instanceof ApiError)) return outcome.value as ResponseOf<N>;
      const delay = this.#retryDelay(outcome, attempt, attempts);
      if (delay === undefined) throw await this.#diagnose(outcome, opts.params?.tenant);
      await sleep(delay, signals);
    }
  }

  /**
   * The error, with the setup problem behind it when there is one (reported to `onSetupProblem`). A 403 of the
   * origin check tells it at once. A 404 is the endpoint's fault when the tenant (the route's, else the page's) is
   * not found either and neither is the API's description (`/openapi.json`); else, on a tenant's route, the
   * tenant's fault when it is not found. A network error towards another
   * origin is worth a look when the server answers a request the page may not read (`no-cors`) but not one it may
   * (`cors`): CORS refuses this origin, or a proxy in front of the backend fails, which scripts cannot tell apart.
   */
  async #diagnose(error: ApiError, tenant: string | undefined): Promise<ApiError> {
    const report = this.#onSetupProblem;
    if (!report || error.kind === 'aborted') return error;
    const origin = globalThis.location?.origin;
    const api = this.endpoint + API_BASE;
    let kind: SetupProblem['kind'] | undefined;
    if (error.status === 403 && error.problem?.type === 'urn:ozg:problem:forbidden') kind = 'origin';
    else if (error.status === 404) {
      const probe = tenant ?? this.#tenant?.();
      if (probe && (await this.#check(`${api}/tenants/${encodeURIComponent(probe)}`, 'GET')) === 404) {
        this.#endpointWrong ??= this.#check(`${api}/openapi.json`, 'HEAD').then((status) => status === 404);
        kind = (await this.#endpointWrong) ? 'endpoint' : tenant ? 'tenant' : undefined;
      }
    } else if (
      error.kind === 'network' &&
      origin &&
      new URL(this.endpoint).origin !== origin &&
      globalThis.navigator?.onLine !== false &&
      (await this.#check(`${api}/openapi.json`, 'HEAD', 'cors')) === undefined &&
      (await this.#check(`${api}/openapi.json`, 'HEAD', 'no-cors')) !== undefined
    )
      kind = 'blocked';
    if (!kind || this.disposed) return error;
    const setup: SetupProblem = {
      kind,
      endpoint: this.endpoint,
      ...(origin && (kind === 'origin' || kind === 'blocked') ? { origin } : {}),
      ...(tenant ? { tenant } : {}),
    };
    error.setup = setup;
    report(setup);
    return error;
  }

  /**
   * The status of a check (0 when opaque), undefined when no answer came within 5 s. Checks after a 404 (`cors`) are
   * remembered; those after a network error are not, as the network may come back.
   */
  #check(url: string, method: 'GET' | 'HEAD', mode?: RequestMode): Promise<number | undefined> {
    let found = mode ? undefined : this.#checked.get(url);
    if (!found) {
      const signal = AbortSignal.timeout(5_000);
      found = this.#fetch(url, { method, mode: mode ?? 'cors', credentials: 'omit', signal }).then(
        (response) => response.status,
        () => undefined,
      );
      if (!mode) {
        this.#checked.set(url, found);
        // A check that got no answer may get one next time.
        void found.then((status) => status === undefined && this.#checked.delete(url));
      }
    }
    return found;
  }

  /** Delay before the next attempt, or undefined when the error goes to the caller. */
  #retryDelay(error: ApiError, attempt: number, attempts: number): number | undefined {
    if (attempt >= attempts) return undefined;
    const retryable =
      error.kind === 'network' ||
      error.kind === 'timeout' ||
      (error.kind === 'http' && RETRY_STATUSES.has(error.status ?? 0));
    if (!retryable) return undefined;
    if (error.retryAfter !== undefined) {
      if (error.retryAfter > this.#retry.maxRetryAfterSeconds) return undefined;
      return error.retryAfter * 1000;
    }
    const exp = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    // Jitter spreads the retries of many browsers after an outage.
    return exp / 2 + Math.random() * (exp / 2);
  }

  /** One HTTP attempt; resolves with `{ value }` or an `ApiError` (never rejects). */
  async #attempt(
    route: RouteDef,
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | undefined },
    signals: AbortSignal[],
    timeoutMs: number,
  ): Promise<{ value: unknown } | ApiError> {
    if (signals.some((s) => s.aborted)) return new ApiError('aborted', 'Request aborted');
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    // A custom `fetch` or a synthetic Response may ignore the signal; racing keeps the timeout honest.
    const stopped = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
    });
    stopped.catch(() => undefined);
    try {
      const response = await race(
        this.#fetch(url, {
          method: init.method,
          headers: init.headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal: controller.signal,
          credentials: 'omit',
          mode: 'cors',
        }),
        stopped,
      );
      if (route.response === 'binary' && response.ok) {
        return { value: await race(response.blob(), stopped) };
      }
      const text = await race(response.text(), stopped);
      return interpret(route, response.status, response.headers, text);
    } catch (cause) {
      if (signals.some((s) => s.aborted)) return new ApiError('aborted', 'Request aborted', { cause });
      if (timedOut) return new ApiError('timeout', `No answer within ${timeoutMs} ms`, { cause });
      return new ApiError('network', 'Network error', { cause });
    } finally {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Uploads one file for a file field (route `uploadFile`) with progress events. Not retried
   * automatically: the caller offers a retry button instead.
   */
  upload(
    this: RouteClient<Pick<Routes, 'uploadFile'>>,
    params: ParamsOf<'uploadFile'>,
    file: Blob & { name?: string },
    options: UploadOptions = {},
  ): Promise<FileRef> {
    return this.#sendFile(this.#route('uploadFile'), params, file, options, {});
  }

  /**
   * Uploads one file for the reply to a request for information (route `uploadReplyFile`), authorised by the
   * access code; otherwise like {@link upload}.
   */
  uploadReplyFile(
    this: RouteClient<Pick<Routes, 'uploadReplyFile'>>,
    params: ParamsOf<'uploadReplyFile'>,
    accessCode: string,
    file: Blob & { name?: string },
    options: UploadOptions = {},
  ): Promise<FileRef> {
    return this.#sendFile(this.#route('uploadReplyFile'), params, file, options, {
      'X-Access-Code': accessCode,
    });
  }

  #sendFile(
    route: RouteDef,
    params: Record<string, string>,
    file: Blob & { name?: string },
    options: UploadOptions,
    headers: Record<string, string>,
  ): Promise<FileRef> {
    const signals = options.signal ? [...this.#signals, options.signal] : this.#signals;
    const url = this.#url(route, params, undefined);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs * 10;
    return new Promise<FileRef>((resolve, reject) => {
      if (signals.some((s) => s.aborted)) return reject(new ApiError('aborted', 'Upload aborted'));
      const xhr = this.#xhr();
      let settled = false;
      const onAbort = () => xhr.abort();
      const finish = (outcome: { value: unknown } | ApiError) => {
        if (settled) return;
        settled = true;
        for (const s of signals) s.removeEventListener('abort', onAbort);
        if (outcome instanceof ApiError) reject(outcome);
        else resolve(outcome.value as FileRef);
      };
      xhr.open('POST', url);
      xhr.timeout = timeoutMs;
      xhr.setRequestHeader('Accept', ACCEPT);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name ?? 'datei'));
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      if (options.onProgress) {
        const onProgress = options.onProgress;
        xhr.upload.addEventListener('progress', (event) => {
          onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
        });
      }
      xhr.addEventListener('load', () => {
        const responseHeaders: HeaderSource = { get: (name) => xhr.getResponseHeader(name) };
        finish(interpret(route, xhr.status, responseHeaders, xhr.responseText));
      });
      xhr.addEventListener('error', () => finish(new ApiError('network', 'Network error')));
      xhr.addEventListener('timeout', () =>
        finish(new ApiError('timeout', `No answer within ${timeoutMs} ms`)),
      );
      xhr.addEventListener('abort', () => finish(new ApiError('aborted', 'Upload aborted')));
      for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
      xhr.send(file);
    });
  }
}

/** A client for every route of the API (scripts, tests and pages that call many routes). */
export class ApiClient extends RouteClient<Routes> {
  constructor(endpoint: string, options: ApiClientOptions = {}) {
    super(endpoint, { ...options, routes });
  }
}
