/**
 * The reference backend: `buildApp(options)` returns a ready Fastify instance (not yet listening), so tests
 * and the benchmark run the real server on a random port with their own data directory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import * as z from 'zod/mini';
import { API_BASE } from '../contract/api.ts';
import { buildOpenApi } from '../contract/openapi.ts';
import { PROBLEM_CONTENT_TYPE, type ProblemKind } from '../contract/problem.ts';
import { loadCatalog, refuseDemoKeys, type Catalog } from './catalog.ts';
import { ownOrigin, type Ctx, type Limits } from './context.ts';
import { openDatabase, ping } from './db.ts';
import { FormCache } from './forms.ts';
import { ProblemError, issuesToFieldErrors, problemBody } from './problem.ts';
import { authorityRoutes } from './routes/authority.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { createSearch } from './search.ts';
import { Store } from './store.ts';

/** The bundled sample catalog (Kreis Dithmarschen). */
export const SAMPLE_CATALOG_DIR = fileURLToPath(new URL('./sample-catalog/', import.meta.url));
const ROOT = new URL('../../', import.meta.url);

/** Sent with the demo pages: the widgets must work without inline code, eval or HTML injection. */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; object-src 'none'; base-uri 'none'";

export interface AppOptions {
  /** Directory of the SQLite file (created if missing). */
  dataDir: string;
  /** Catalog directory; default: the bundled sample. */
  catalogDir?: string;
  /**
   * Accept the public `demo-<authorityId>` keys in a catalog other than the bundled sample (test and training
   * copies of it). Default `false`: such a catalog does not start.
   */
  allowDemoKeys?: boolean;
  /** Extra origins allowed for every tenant (operators' tools). */
  corsOrigins?: string[];
  /** Status look-ups per IP and minute (default 10). */
  statusPerMinute?: number;
  /** Submissions and uploads per IP and minute (default 60). */
  writesPerMinute?: number;
  /** All API requests per IP and minute (default 1200; `false` disables the global limit). */
  requestsPerMinute?: number | false;
  /** Largest upload in bytes (default 10 MB); a field's `maxSize` can only lower it. */
  maxUploadBytes?: number;
  /**
   * What uploads no submission uses yet may hold in all, in bytes (default 2 GiB): anybody may upload, so this
   * bounds what abandoned or malicious uploads can take of the disk until they are purged a day later.
   */
  maxPendingUploadBytes?: number;
  /** pino level (`info`, `warn`, `silent` …); default `info`. */
  logLevel?: string;
  /** Directory of the built widgets served at `/widgets/` (default `dist/`). */
  widgetsDir?: string;
  /** Directory of the demo pages served at `/` (default `demo/`). */
  demoDir?: string;
  /**
   * The reverse proxies to believe about the client (`X-Forwarded-For`, `-Proto`, `-Host`), as read by
   * {@link parseTrustProxy}; default none: the socket's peer is the client. Behind a proxy, rate limits count each
   * citizen only when the proxy is trusted; otherwise all citizens share its budget.
   */
  trustProxy?: string[];
  /** Clock, for tests. */
  now?: () => Date;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `OZG_TRUST_PROXY`: the proxies' addresses and CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`),
 * comma-separated. There is no "trust everyone": most proxies append to an `X-Forwarded-For` the client sent,
 * so its first entry is the client's to choose, and every made-up address would get a rate limit of its own.
 * Throws on anything else (a hop count such as `1` would silently mean the address 0.0.0.1).
 */
export function parseTrustProxy(value: string | undefined): string[] | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 4 ? 32 : 128;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!PROXY_NAMES.has(entry) && (family === 0 || !validBits || extra !== undefined)) {
      throw new Error(
        `OZG_TRUST_PROXY: "${entry}" is no proxy address, CIDR range or loopback/linklocal/uniquelocal`,
      );
    }
  }
  return entries.length > 0 ? entries : undefined;
}

/** Uploads no submission uses are deleted after this long: long enough to finish a form. */
const STALE_UPLOAD_MS = 24 * 3600 * 1000;
const PURGE_INTERVAL_MS = 3600 * 1000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The loaded catalog (read-only). */
    catalog: Catalog;
    /** Settles when the latest purge of unused uploads (at start, then hourly) has finished. */
    uploadsPurged(): Promise<void>;
  }
}

const STATUS_KIND: Record<number, ProblemKind> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

/** Builds the app: loads and checks the catalog (throws `CatalogError`), opens the store, registers routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const forms = new FormCache();
  const catalogDir = resolve(options.catalogDir ?? SAMPLE_CATALOG_DIR);
  const catalog = await loadCatalog(catalogDir, (form) => void forms.get(form));
  if (catalogDir !== resolve(SAMPLE_CATALOG_DIR) && !options.allowDemoKeys) refuseDemoKeys(catalog);
  const db = await openDatabase(options.dataDir);
  const limits: Limits = {
    statusPerMinute: options.statusPerMinute ?? 10,
    writesPerMinute: options.writesPerMinute ?? 60,
    maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
    maxPendingUploadBytes: options.maxPendingUploadBytes ?? 2 * 1024 ** 3,
  };
  const operatorOrigins = new Set(options.corsOrigins ?? []);
  const allOrigins = new Set([
    ...operatorOrigins,
    ...[...catalog.tenants.values()].flatMap((t) => t.allowedOrigins),
  ]);
  const ctx: Ctx = {
    catalog,
    store: new Store(db),
    forms,
    search: createSearch(),
    limits,
    operatorOrigins,
    now: options.now ?? (() => new Date()),
  };

  const serverOptions: FastifyServerOptions = {
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers["idempotency-key"]'],
    },
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustProxy ? options.trustProxy.join(',') : false,
  };
  const app = Fastify(serverOptions);
  app.decorate('catalog', catalog);
  // Uploads of abandoned forms are deleted a day after they came, at start and every hour while running.
  const purge = async () => {
    try {
      await ctx.store.purgeStaleUploads(new Date(ctx.now().getTime() - STALE_UPLOAD_MS));
    } catch (error) {
      app.log.error({ err: error }, 'purging stale uploads failed');
    }
  };
  let purging = purge();
  await purging;
  const purgeTimer = setInterval(() => {
    purging = purge();
  }, PURGE_INTERVAL_MS);
  app.decorate('uploadsPurged', () => purging);
  purgeTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
    await db.destroy();
  });

  // Validation with the contract's zod schemas; issues become field errors with JSON Pointers.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const prefix = httpPart === 'querystring' ? '/query' : httpPart === 'params' ? '/params' : '';
    return (data: unknown) => {
      const result = z.safeParse(schema as z.ZodMiniType, data ?? undefined);
      if (result.success) return { value: result.data };
      return {
        error: new ProblemError(
          'validation',
          'Die Anfrage ist ungültig. / The request is invalid.',
          issuesToFieldErrors(result.error.issues, prefix),
        ),
      };
    };
  });

  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    let problem;
    if (error instanceof ProblemError) {
      problem = error.toProblem();
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    } else {
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      const kind = STATUS_KIND[status];
      if (status < 500 && kind) {
        // Fastify's own 4xx (bad JSON, too large, wrong media type): generic text, never its message.
        const detail =
          error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'Der Inhalt ist kein gültiges JSON. / The body is not valid JSON.'
            : undefined;
        problem = problemBody(kind, detail, undefined, status);
        request.log.info({ code: error.code, status }, 'request rejected');
      } else {
        request.log.error({ err: error }, 'request failed');
        problem = problemBody('internal', 'Bitte später erneut versuchen. / Please try again later.');
      }
    }
    if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problemBody('not-found', 'Diese Adresse gibt es nicht. / No such address.');
    return reply.status(404).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Request-Id', request.id);
  });

  // Browsers may only call the API from the tenants' homepages (and operators' origins).
  const originAllowed = (origin: string | undefined, request: { protocol: string; host: string }) =>
    origin === undefined || allOrigins.has(origin) || origin === `${request.protocol}://${request.host}`;
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request, callback) => {
      const allowed = originAllowed(
        request.headers.origin,
        request as unknown as { protocol: string; host: string },
      );
      callback(null, {
        origin: allowed && request.headers.origin !== undefined ? request.headers.origin : false,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-File-Name', 'If-None-Match'],
        exposedHeaders: ['Retry-After', 'ETag', 'Idempotent-Replayed', 'X-Request-Id'],
        maxAge: 600,
        strictPreflight: false,
      });
    },
  });
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(`${API_BASE}/`)) return;
    const origin = request.headers.origin;
    if (!originAllowed(origin, request) && origin !== ownOrigin(request)) {
      throw new ProblemError(
        'forbidden',
        'Diese Website darf diesen Dienst nicht nutzen. / This website may not use this service.',
      );
    }
  });

  await app.register(rateLimit, {
    global: options.requestsPerMinute !== false,
    max: options.requestsPerMinute === false ? 1_000_000 : (options.requestsPerMinute ?? 1200),
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        'rate-limited',
        `Zu viele Anfragen. Bitte in ${context.after} erneut versuchen. / Too many requests. Please retry in ${context.after}.`,
      ),
  });

  const openApi = JSON.stringify(buildOpenApi());
  app.get(`${API_BASE}/openapi.json`, async (_request, reply) =>
    reply.type('application/json').header('Cache-Control', 'public, max-age=300').send(openApi),
  );
  // For the proxy's or orchestrator's health check: healthy while the database answers.
  app.get('/healthz', async (request, reply) => {
    try {
      await ping(db);
      return { status: 'ok' };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database does not answer');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  catalogRoutes(app, ctx);
  submissionRoutes(app, ctx);
  authorityRoutes(app, ctx);

  const widgetsDir = options.widgetsDir ?? fileURLToPath(new URL('dist/', ROOT));
  if (existsSync(widgetsDir)) {
    await app.register(fastifyStatic, {
      root: widgetsDir,
      prefix: '/widgets/',
      decorateReply: false,
      index: false,
      // Public files: any homepage may load the bundle from here (module scripts are fetched with CORS).
      setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*'),
    });
  }
  const demoDir = options.demoDir ?? fileURLToPath(new URL('demo/', ROOT));
  if (existsSync(demoDir)) {
    await app.register(fastifyStatic, {
      root: demoDir,
      prefix: '/',
      decorateReply: false,
      setHeaders: (res) => res.setHeader('Content-Security-Policy', DEMO_CSP),
    });
  }

  await app.ready();
  return app;
}
