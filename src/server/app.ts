/**
 * The reference backend: `buildApp(options)` returns a ready Fastify instance (not yet listening), so tests
 * and the benchmark run the real server on a random port with their own data directory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { API_BASE } from '../contract/api.ts';
import { buildOpenApi } from '../contract/openapi.ts';
import { PROBLEM_CONTENT_TYPE, type ProblemKind } from '../contract/problem.ts';
import { loadCatalog, refuseDemoKeys, type Catalog } from './catalog.ts';
import { clientOf } from './client-key.ts';
import { ownOrigin, type Ctx, type Limits } from './context.ts';
import { DatabaseError, openDatabase, type Database } from './db.ts';
import { FormCache } from './forms.ts';
import { ProblemError, issuesToFieldErrors, problemBody } from './problem.ts';
import { authorityRoutes } from './routes/authority.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { statusRoutes } from './routes/status.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { OutboxWorker, createTransport, type MailSettings, type OutboxTimings } from './mail/outbox.ts';
import { mailsFor } from './mail/notices.ts';
import { createSearch } from './search.ts';
import { Store } from './store.ts';

/** The bundled sample catalog (Kreis Dithmarschen). */
export const SAMPLE_CATALOG_DIR = fileURLToPath(new URL('./sample-catalog/', import.meta.url));
const ROOT = new URL('../../', import.meta.url);

/**
 * Sent with the demo pages: the widgets must work without inline code, eval or HTML injection. Trusted Types allow
 * only lit's policy (`lit-html`, once per bundle on the page); no other site may frame the pages (the caseworker
 * page least of all).
 */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * How long a client may take to send a whole request, headers and body, before it is answered 408 and cut off: long
 * enough for the largest upload on a slow mobile line, short enough that a client trickling bytes cannot hold a
 * connection for ever.
 */
export const REQUEST_TIMEOUT_MS = 120_000;

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
  /** Longest time to receive a whole request in milliseconds (default {@link REQUEST_TIMEOUT_MS}). */
  requestTimeoutMs?: number;
  /**
   * Mail through SMTP (`OZG_SMTP_URL`, `OZG_MAIL_FROM`, `OZG_INBOX_URL`): the applicant's receipt and notices, the
   * authorities' notices of new applications and replies. Without it nothing is mailed. `timings` for tests.
   */
  mail?: MailSettings & { timings?: OutboxTimings };
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
/** /healthz answers 503 when the database has not committed its test write by then. */
const HEALTH_TIMEOUT_MS = 2000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The store's database (for tests and tools; the routes use it through `Store`). */
    database: Database;
    /** The loaded catalog (read-only). */
    catalog: Catalog;
    /** Settles when the latest purge of unused uploads (at start, then hourly) has finished. */
    uploadsPurged(): Promise<void>;
    /** The mail outbox worker, when mail is set up. */
    outbox: OutboxWorker | undefined;
  }
}

/**
 * Files whose name carries a hash of their content (`chunks/fields-Sm5Z5b0c.js`) never change: cached for a year.
 * The stable names (`ozg-widgets.js`) change with every release: fresh for five minutes, then revalidated by ETag,
 * so a new version reaches every page within minutes and a page whose snippet pins the bundle's integrity is never
 * served a copy older than that.
 */
export function widgetCacheControl(path: string): string {
  return /[\\/]chunks[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.js(\.map|\.br|\.gz)?$/.test(path)
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=300, must-revalidate';
}

/** API answers that carry personal data: the authority's, a citizen's status, receipts and uploads. */
const PERSONAL = new RegExp(`^${API_BASE}/(authority|status|submissions|tenants/[^/]+/forms/[^/]+/fields/)`);

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
  // Throws MailSettingsError for a setting that cannot work, before anything else is opened.
  const transport = options.mail ? createTransport(options.mail) : undefined;
  const forms = new FormCache();
  const catalogDir = resolve(options.catalogDir ?? SAMPLE_CATALOG_DIR);
  const catalog = await loadCatalog(catalogDir, (form) => void forms.get(form));
  if (catalogDir !== resolve(SAMPLE_CATALOG_DIR) && !options.allowDemoKeys) refuseDemoKeys(catalog);
  // Throws DataDirError naming the directory: not a directory, not writable, not a database, already in use.
  const database = await openDatabase(options.dataDir);
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
    store: new Store(database.db),
    forms,
    search: createSearch(catalog.locations),
    limits,
    operatorOrigins,
    now: options.now ?? (() => new Date()),
  };

  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const serverOptions: FastifyHttpOptions<Server> = {
    logger: {
      level: options.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers["idempotency-key"]', 'req.headers["x-access-code"]'],
    },
    bodyLimit: 1024 * 1024,
    requestTimeout: requestTimeoutMs,
    // Node enforces the request timeout only when it is given when the server is made (setting it later, as Fastify
    // does, leaves it unchecked), and checks running requests only every so often (30 s by default).
    http: {
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, requestTimeoutMs / 4)),
    },
    // An idle connection (nothing sent at all) is closed too.
    connectionTimeout: requestTimeoutMs,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: options.trustProxy ? options.trustProxy.join(',') : false,
  };
  const app = Fastify(serverOptions);
  let outbox: OutboxWorker | undefined;
  if (options.mail && transport) {
    const worker = new OutboxWorker(ctx.store, transport, app.log, ctx.now, options.mail.timings);
    const inboxUrl = options.mail.inboxUrl;
    ctx.mail = {
      drafts: (submission, event, fileCount) => mailsFor(catalog, inboxUrl, submission, event, fileCount),
      wake: () => worker.wake(),
    };
    outbox = worker;
  }
  app.decorate('outbox', outbox);
  app.decorate('catalog', catalog);
  app.decorate('database', database);
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
    await outbox?.stop();
    await database.close();
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
    if (error instanceof DatabaseError && error.unavailable) {
      // A full disk, an I/O error or a lock held longer than the busy timeout: nothing was stored, a retry may work.
      request.log.error({ err: error, code: error.code }, `database unavailable: ${error.message}`);
      reply.header('Retry-After', error.locked ? '5' : '30');
      problem = problemBody(
        'unavailable',
        'Der Dienst kann gerade nichts speichern. Bitte in einer Minute erneut versuchen. / The service cannot store anything right now. Please try again in a minute.',
      );
    } else if (error instanceof ProblemError) {
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
    if (problem.status === 503 && !reply.hasHeader('Retry-After')) reply.header('Retry-After', '30');
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
    // Applications, receipts with access codes and status views are personal: no cache, shared or private, keeps them.
    // The route's own path, not the raw URL: `/api/v1/%61uthority/…` reaches the authority's routes too.
    if (PERSONAL.test(request.routeOptions.url ?? request.url)) reply.header('Cache-Control', 'no-store');
    // The widget files differ by Accept-Encoding (precompressed copies); caches must keep them apart.
    if (request.url.startsWith('/widgets/')) {
      const vary = reply.getHeader('vary');
      if (!/accept-encoding/i.test(String(vary ?? ''))) {
        reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
      }
    }
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
        allowedHeaders: [
          'Content-Type',
          'Authorization',
          'Idempotency-Key',
          'X-File-Name',
          'X-Access-Code',
          'If-None-Match',
        ],
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

  // Every limit counts a client as the upload budget does: an IPv4 address however written, an IPv6 /64.
  await app.register(rateLimit, {
    keyGenerator: (request) => clientOf(request.ip),
    global: options.requestsPerMinute !== false,
    max: options.requestsPerMinute === false ? 1_000_000 : (options.requestsPerMinute ?? 1200),
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        'rate-limited',
        `Zu viele Anfragen. Bitte in ${context.after} erneut versuchen. / Too many requests. Please retry in ${context.after}.`,
      ),
  });

  // JSON answers (catalog lists, forms) and the demo pages travel compressed from 1 KB on; brotli at a level quick
  // enough for every request. The widget files come precompressed (see below).
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });

  const openApi = JSON.stringify(buildOpenApi());
  app.get(`${API_BASE}/openapi.json`, async (_request, reply) =>
    reply.type('application/json').header('Cache-Control', 'public, max-age=300').send(openApi),
  );
  // For the proxy's or orchestrator's health check: healthy while the database can commit a write, answered
  // within about 2 s even when the lock is held or the disk stalls (the database runs in its own thread).
  // Each check commits a write (checks at the same time share one); the global per-client limit bounds how many.
  app.get('/healthz', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const check = await database.checkWrite(HEALTH_TIMEOUT_MS);
    // Mail is a detail: a mail server that is down delays mail, the service itself still works.
    const mail = outbox && check.ok ? { mail: await ctx.store.outboxHealth() } : {};
    if (check.ok) return { status: 'ok', ...mail };
    request.log.error({ reason: check.reason }, `health check: database cannot write: ${check.reason}`);
    return reply.status(503).send({ status: 'unavailable', reason: check.reason });
  });

  catalogRoutes(app, ctx);
  submissionRoutes(app, ctx);
  statusRoutes(app, ctx);
  authorityRoutes(app, ctx);

  const widgetsDir = options.widgetsDir ?? fileURLToPath(new URL('dist/', ROOT));
  if (existsSync(widgetsDir)) {
    await app.register(fastifyStatic, {
      root: widgetsDir,
      prefix: '/widgets/',
      decorateReply: false,
      index: false,
      // The build wrote brotli and gzip copies beside every file; they go to browsers that accept them.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        // Public files: any homepage may load the bundle from here (module scripts are fetched with CORS).
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Cache-Control', widgetCacheControl(path));
      },
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
  // Mail left from before a restart goes out now.
  outbox?.start();
  return app;
}
