/** Starts the real server on 127.0.0.1 with a random port, a temp data dir and a catalog directory. */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { after, before } from 'node:test';
import { buildApp, type AppOptions } from '../../src/server/app.ts';

export const FIXTURE_CATALOG = fileURLToPath(new URL('./fixtures/catalog/', import.meta.url));

export interface Running {
  app: FastifyInstance;
  url: string;
  api: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'ozg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A writable copy of a catalog directory (to break one file in a test). */
export function copyCatalog(from = FIXTURE_CATALOG): string {
  const dir = tempDir('ozg-catalog-');
  cpSync(from, dir, { recursive: true });
  return dir;
}

export async function start(options: Partial<AppOptions> = {}): Promise<Running> {
  const dataDir = options.dataDir ?? tempDir();
  // The fixture catalog signs authorities in with the public demo keys, like the sample.
  const app = await buildApp({
    catalogDir: FIXTURE_CATALOG,
    allowDemoKeys: true,
    logLevel: 'silent',
    ...options,
    dataDir,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url: address,
    api: `${address}/api/v1`,
    dataDir,
    close: async () => {
      await app.close();
    },
  };
}

/**
 * The real server for the tests of the enclosing `describe`: started before them, closed and its data directory
 * removed after them. Read its fields (`s.api`, `s.dataDir` …) inside the tests.
 */
export function serve(options: Partial<AppOptions> = {}): Running {
  let running: Running | undefined;
  before(async () => {
    running = await start(options);
  });
  after(async () => {
    if (!running) return;
    await running.close();
    removeDir(running.dataDir);
  });
  const get = (): Running => {
    if (!running) throw new Error('the server starts before the tests of its describe');
    return running;
  };
  return {
    get app() {
      return get().app;
    },
    get url() {
      return get().url;
    },
    get api() {
      return get().api;
    },
    get dataDir() {
      return get().dataDir;
    },
    close: () => get().close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const key = (): string => `test-${randomUUID()}`;

/** A valid Gewerbeanmeldung of the fixture catalog for a business in Teststadt (the place of the matter routes it). */
export function gewerbe(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    tenantId: 'kreis',
    serviceId: 'gewerbe',
    formId: 'gewerbe',
    formVersion: 2,
    lang: 'de',
    data: {
      F100: 'Bäckerei Muster',
      email: 'info@baeckerei.example',
      plz: '25746',
      ort: 'Teststadt',
      art: 'neu',
      ...data,
    },
    ...overrides,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export const bearer = (authorityId: string) => ({ authorization: `Bearer demo-${authorityId}` });

/** How many rows a table of a server's database holds (read-only, beside the running server). */
export function rowCount(dataDir: string, table: string): number {
  const db = new Database(join(dataDir, 'ozg.sqlite'), { readonly: true });
  try {
    return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
