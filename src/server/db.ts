/**
 * The store: SQL through Kysely on better-sqlite3, whose one connection runs in a thread of its own
 * (db-thread.ts). Only Kysely's query builder is used outside this file, so a PostgreSQL dialect can replace
 * SQLite later without touching the routes.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, type Generated, type Migration } from 'kysely';
import { DatabaseError, DbThread, ThreadDialect, ThreadDriver } from './db-thread.ts';

export { DatabaseError } from './db-thread.ts';

export interface SubmissionsTable {
  id: string;
  reference: string;
  tenant_id: string;
  service_id: string;
  form_id: string;
  form_version: number;
  ars: string;
  lang: string;
  authority_id: string;
  status: string;
  data: string;
  access_code_hash: string;
  created_at: string;
  updated_at: string;
  /** The applicant's address for the receipt and notices (the form's contact field), if given. */
  notify_email: string | null;
}

export interface StatusEventsTable {
  id: Generated<number>;
  submission_id: string;
  type: string;
  at: string;
  authority_id: string;
  from_authority_id: string | null;
  message: string | null;
}

export interface UploadsTable {
  id: string;
  tenant_id: string;
  form_id: string;
  field_id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  content: Buffer;
  submission_id: string | null;
  created_at: string;
  /**
   * Who uploaded a file no submission uses yet (a hash of the client address), for each client's share of the
   * pending-upload limit; cleared when a submission takes the file.
   */
  client: string | null;
  /** For a file of a reply to a request for information: the submission it is meant for. */
  reply_to: string | null;
  /** The `info-received` event whose reply carries the file, once sent. */
  event_id: number | null;
}

export interface IdempotencyTable {
  /** sha256 of the client's key: the key itself is never stored. */
  key_hash: string;
  request_hash: string;
  submission_id: string;
  /** The receipt, AES-GCM encrypted with a key derived from the client's Idempotency-Key. */
  response: string;
  created_at: string;
}

export interface ReferenceCountersTable {
  prefix: string;
  year: number;
  value: number;
}

/** One row (id 1) the health check rewrites: proof that the database can commit a write. */
export interface HealthTable {
  id: number;
  checked_at: string;
}

/**
 * A mail waiting for, or past, delivery to the SMTP server. Written in the transaction of the submission or event
 * that causes it; the outbox worker sends it and records the outcome. Its id is the mail's Message-ID, so a
 * mail sent again after a crash right after the SMTP server took it is recognisably the same mail.
 */
export interface OutboxTable {
  id: string;
  submission_id: string;
  audience: 'citizen' | 'authority';
  /** The event the mail tells about (`submitted` for the receipt and the new-application notice). */
  about: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** Set while a worker sends the mail; another worker takes it only after this time. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DB {
  health: HealthTable;
  outbox: OutboxTable;
  submissions: SubmissionsTable;
  status_events: StatusEventsTable;
  uploads: UploadsTable;
  idempotency: IdempotencyTable;
  reference_counters: ReferenceCountersTable;
}

/** Schema migrations, applied in order on start. Never edit a released one: add a new one. */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    // Migrations must not depend on the current DB type: they describe how it came to be.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('submissions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull().unique())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('form_version', 'integer', (c) => c.notNull())
        .addColumn('ars', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('access_code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('submissions_authority_created')
        .on('submissions')
        .columns(['authority_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('status_events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('authority_id', 'text', (c) => c.notNull())
        .addColumn('from_authority_id', 'text')
        .addColumn('message', 'text')
        .execute();
      await db.schema
        .createIndex('status_events_submission')
        .on('status_events')
        .column('submission_id')
        .execute();
      await db.schema
        .createTable('uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('field_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', 'blob', (c) => c.notNull())
        .addColumn('submission_id', 'text', (c) => c.references('submissions.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('uploads_submission').on('uploads').column('submission_id').execute();
      await db.schema
        .createTable('idempotency')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('reference_counters')
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('reference_counters_pk', ['prefix', 'year'])
        .execute();
    },
  },
  '0002_upload_client': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema.alterTable('uploads').addColumn('client', 'text').execute();
      await db.schema.createIndex('uploads_client').on('uploads').column('client').execute();
    },
  },
  '0003_health': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      // Migrations run without a transaction: a crash between these steps must not keep the server from starting.
      await db.schema
        .createTable('health')
        .ifNotExists()
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .execute();
      await db.insertInto('health').orIgnore().values({ id: 1, checked_at: '' }).execute();
    },
  },
  '0004_mail_and_replies': {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(outer: Kysely<any>) {
      // One transaction: a crash half-way must not leave columns that make the rerun fail.
      await outer.transaction().execute(async (db) => {
        await db.schema.alterTable('submissions').addColumn('notify_email', 'text').execute();
        await db.schema.alterTable('uploads').addColumn('reply_to', 'text').execute();
        await db.schema.alterTable('uploads').addColumn('event_id', 'integer').execute();
        await db.schema
          .createTable('outbox')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
          .addColumn('audience', 'text', (c) => c.notNull())
          .addColumn('about', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('html', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text')
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .execute();
        await db.schema
          .createIndex('outbox_due')
          .on('outbox')
          .columns(['state', 'next_attempt_at'])
          .execute();
        await db.schema.createIndex('outbox_submission').on('outbox').column('submission_id').execute();
      });
    },
  },
};

/** The database file in the data directory. */
export const DATABASE_FILE = 'ozg.sqlite';
/** Held (SQLite exclusive lock) while a server uses the data directory: one server per directory. */
export const LOCK_FILE = 'ozg.lock';
/** How long a write waits for another connection's write lock before it fails (503). */
export const BUSY_TIMEOUT_MS = 5000;
/** How long a write that failed for the storage's sake keeps /healthz at 503, unless a write commits since. */
export const FAILURE_MEMORY_MS = 30_000;

/** The data directory cannot be used; the message names it and what to do. */
export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}

export type WriteCheck = { ok: true } | { ok: false; reason: string };

export interface Database {
  /** The data directory (absolute). */
  readonly dir: string;
  /** The SQLite file. */
  readonly file: string;
  /**
   * The query builder on the server's own connection. Also the test seam for per-connection settings no other
   * connection can change (e.g. `pragma max_page_count`, to make writes fail with SQLITE_FULL like a full disk).
   */
  readonly db: Kysely<DB>;
  /**
   * Whether the database can commit a write now: a tiny write (`BEGIN IMMEDIATE`, update of the health row,
   * `COMMIT` with fsync) finished within `timeoutMs`, and no write of a request failed for the storage's sake
   * (full disk, I/O error, lock held too long) in the last 30 s without a successful commit since. At most one
   * check runs at a time; a check that takes longer keeps running and later callers wait for it.
   */
  checkWrite(timeoutMs?: number): Promise<WriteCheck>;
  /** Closes the connection and releases the data directory. */
  close(): Promise<void>;
}

const codeOf = (error: unknown) =>
  error instanceof DatabaseError || (error instanceof Error && 'code' in error)
    ? String((error as { code: unknown }).code)
    : undefined;
const messageOf = (error: unknown) =>
  error instanceof DatabaseError
    ? error.sqliteMessage
    : error instanceof Error
      ? error.message
      : String(error);

/**
 * `mkdir -p` without Node's `recursive: true`, which loops for ever where mkdir fails with ENOENT although the
 * parent exists (e.g. under /proc).
 */
function makeDir(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return;
    const parent = dirname(dir);
    if (codeOf(error) !== 'ENOENT' || parent === dir || existsSync(parent)) throw error;
    makeDir(parent);
    mkdirSync(dir);
  }
}

/** Creates the data directory if needed; refuses a path that is no directory or cannot be created. */
function prepareDir(dir: string): void {
  try {
    makeDir(dir);
  } catch (error) {
    const code = codeOf(error);
    const reason =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it (or a part of its path) is a file, not a directory'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT'
          ? "it cannot be created there (no permission for the server's user, or a read-only file system)"
          : messageOf(error);
    throw new DataDirError(
      `Cannot use the data directory ${dir}: ${reason} (${code}). Create it as a directory the server's user may write to, or choose another.`,
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new DataDirError(`Cannot use the data directory ${dir}: it is not a directory.`);
  }
}

/** What an SQLite error at start means for the operator. */
function openError(dir: string, file: string, error: unknown): DataDirError {
  const code = codeOf(error) ?? 'error';
  const what = `${code}: ${messageOf(error)}`;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DataDirError(
      `The file ${file} in the data directory ${dir} is not a usable SQLite database (${what}). Restore it from a backup, or move it away to start with an empty database.`,
    );
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_PERM')
  ) {
    return new DataDirError(
      `Cannot open ${file} in the data directory ${dir} (${what}). Check that it is a file (not a directory) and that the server's user may read and write it and the directory.`,
    );
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new DataDirError(
      `Cannot write ${file} in the data directory ${dir} (${what}). Check the free space and the health of its file system.`,
    );
  }
  return new DataDirError(`Cannot open ${file} in the data directory ${dir} (${what}).`);
}

/**
 * Takes the data directory for this process: an exclusive SQLite lock on `ozg.lock` there, held until `close`.
 * The lock is the file system's (fcntl) and belongs to the process, so the kernel releases it when the process
 * ends in any way, `kill -9` included: no stale lock to clean up. A second server on the same directory (in this
 * or another process on this machine) fails here instead of fighting over the database's write lock.
 */
function lockDataDir(dir: string): Sqlite.Database {
  const file = join(dir, LOCK_FILE);
  let lock: Sqlite.Database | undefined;
  try {
    lock = new Sqlite(file);
    lock.pragma('busy_timeout = 0');
    lock.exec('begin exclusive');
    return lock;
  } catch (error) {
    lock?.close();
    if (codeOf(error)?.startsWith('SQLITE_BUSY')) {
      throw new DataDirError(
        `Another server is already using the data directory ${dir} (it holds the lock ${file}). Stop that server first, or give this one a data directory of its own: one SQLite database serves one server process.`,
      );
    }
    throw openError(dir, file, error);
  }
}

/**
 * Opens (creating if needed) the database under `dataDir` and applies pending migrations. Throws a
 * `DataDirError` naming the directory when it cannot be used (not a directory, not writable, not a database,
 * or another server already uses it).
 */
export async function openDatabase(dataDir: string): Promise<Database> {
  const dir = resolve(dataDir);
  prepareDir(dir);
  const file = join(dir, DATABASE_FILE);
  const lock = lockDataDir(dir);
  let thread: DbThread;
  try {
    thread = await DbThread.start(file, BUSY_TIMEOUT_MS);
  } catch (error) {
    lock.close();
    throw openError(dir, file, error);
  }
  const driver = new ThreadDriver(thread);
  const db = new Kysely<DB>({ dialect: new ThreadDialect(driver) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    lock.close();
    const step = failed ? ` (${failed.migrationName})` : '';
    throw error
      ? openError(dir, file, error)
      : new DataDirError(`Database migration${step} of ${file} failed.`);
  }

  let check: Promise<WriteCheck> | undefined;
  const probe = (): Promise<WriteCheck> =>
    driver.probe(new Date()).then(
      () => ({ ok: true }) as const,
      (failure: unknown) => ({ ok: false, reason: String((failure as Error)?.message ?? failure) }) as const,
    );
  let closed = false;
  return {
    dir,
    file,
    db,
    async checkWrite(timeoutMs = 2000) {
      const running = (check ??= probe().finally(() => (check = undefined)));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<WriteCheck>((done) => {
        timer = setTimeout(
          () =>
            done({
              ok: false,
              reason: `no write completed within ${timeoutMs} ms (lock held or disk stalled)`,
            }),
          timeoutMs,
        );
      });
      const result = await Promise.race([running, timedOut]);
      clearTimeout(timer);
      if (!result.ok) return result;
      const failure = thread.lastFailure;
      if (failure && failure.at > thread.lastCommitAt && Date.now() - failure.at < FAILURE_MEMORY_MS) {
        return {
          ok: false,
          reason: `a write failed ${Math.round((Date.now() - failure.at) / 1000)} s ago: ${failure.error.message}`,
        };
      }
      return { ok: true };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      lock.close();
    },
  };
}
