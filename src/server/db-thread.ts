/**
 * A Kysely dialect for SQLite whose one connection lives in a worker thread (db-thread.worker.mjs).
 *
 * better-sqlite3 is synchronous: on the main thread a lock wait (busy_timeout) or a stalled fsync would stop every
 * request, the health check included. Here the main thread only passes messages; statements run one at a time in
 * the worker, transactions are serialized by a mutex as in Kysely's own SqliteDriver.
 *
 * Differences from Kysely's SqliteDriver, each found by the fault probe of issue 15:
 * - transactions start with `BEGIN IMMEDIATE`: the write lock is taken (waiting up to the busy timeout) before
 *   the first read, so a read-then-write transaction cannot fail at once when another connection writes;
 * - rollback only rolls back an open transaction: after SQLITE_FULL, SQLITE_IOERR or SQLITE_BUSY SQLite may have
 *   rolled back already, and a second ROLLBACK failed with "no transaction is active", hiding the real error;
 * - errors keep SQLite's code (`DatabaseError.code`), so the server can answer 503 for a full disk or a busy lock.
 */
import { Worker } from 'node:worker_threads';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** An error of the database thread, with SQLite's extended result code (`SQLITE_FULL`, `SQLITE_BUSY` …). */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  /** SQLite's (extended) result code, or `OZG_DB_*` for failures of the thread itself. */
  readonly code: string;
  /** SQLite's own message (without the code). */
  readonly sqliteMessage: string;

  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
    this.sqliteMessage = message;
  }

  /**
   * Whether the failure is the storage's, not the request's or the code's: a full disk, an I/O error, a read-only
   * file system, a lock held too long, or the database thread gone. Such writes may work again later (503).
   */
  get unavailable(): boolean {
    return /^(SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|NOMEM|PROTOCOL)|OZG_DB_)/.test(this.code);
  }

  /** Whether another connection holds the lock (a short wait helps), as opposed to the disk failing. */
  get locked(): boolean {
    return /^SQLITE_(BUSY|LOCKED)/.test(this.code);
  }
}

type Reply = { rows?: unknown[]; changes?: number; lastInsertRowid?: number | bigint };
type Message =
  /** `begin`: start the transaction (`BEGIN IMMEDIATE`) first, in the same round trip. */
  | { op: 'query'; sql: string; parameters: readonly unknown[]; begin?: boolean }
  | { op: 'commit'; begin?: boolean }
  | { op: 'rollback' | 'close' }
  | { op: 'probe'; at: string };

/** The last write that failed for the storage's sake, and when. */
export interface StorageFailure {
  error: DatabaseError;
  at: number;
}

/** The worker that owns the SQLite connection, and the requests waiting for its answers. */
export class DbThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #exited: DatabaseError | undefined;
  #closing = false;
  /** The latest storage failure of a statement and the latest successful commit (for the health check). */
  lastFailure: StorageFailure | undefined;
  lastCommitAt = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on(
      'message',
      (message: { id: number; result?: Reply; error?: { code: string; message: string } }) => {
        const waiting = this.#pending.get(message.id);
        if (!waiting) return;
        this.#pending.delete(message.id);
        if (this.#pending.size === 0) this.#worker.unref();
        if (message.error) waiting.reject(new DatabaseError(message.error.code, message.error.message));
        else waiting.resolve(message.result ?? {});
      },
    );
    const fail = (error: DatabaseError) => {
      this.#exited ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#exited);
      this.#pending.clear();
    };
    worker.on('error', (error) => fail(new DatabaseError('OZG_DB_THREAD_FAILED', error.message)));
    worker.on('exit', (code) =>
      fail(new DatabaseError('OZG_DB_THREAD_EXITED', `database thread exited (${code})`)),
    );
  }

  /**
   * Starts the thread and opens `file` there (WAL, synchronous=FULL, foreign keys, busy timeout). Rejects with a
   * `DatabaseError` carrying SQLite's code when the file cannot be opened.
   */
  static async start(file: string, busyTimeoutMs: number): Promise<DbThread> {
    const worker = new Worker(new URL('./db-thread.worker.mjs', import.meta.url), {
      workerData: { file, busyTimeoutMs },
      // The worker is plain JavaScript: no TypeScript loader needed (and none inherited twice).
      execArgv: [],
    });
    type Opened = { ready?: true; openError?: { code: string; message: string } };
    let onMessage!: (opened: Opened) => void;
    let onError!: (error: Error) => void;
    let onExit!: (code: number) => void;
    const opened = await new Promise<Opened>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      onExit = (code) => reject(new Error(`database thread exited (${code})`));
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    }).catch((error: Error) => ({ openError: { code: 'OZG_DB_THREAD_FAILED', message: error.message } }));
    // Only these: the worker's own listeners (which keep its port running) must stay.
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (opened.openError) {
      await worker.terminate();
      throw new DatabaseError(opened.openError.code, opened.openError.message);
    }
    worker.unref();
    return new DbThread(worker);
  }

  call(message: Message): Promise<Reply> {
    if (this.#exited) return Promise.reject(this.#exited);
    if (this.#closing && message.op !== 'close') {
      return Promise.reject(
        new DatabaseError('OZG_DB_CLOSED', 'the database is closed (server shutting down)'),
      );
    }
    const id = this.#nextId++;
    if (this.#pending.size === 0) this.#worker.ref();
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id });
    }).catch((error: unknown) => {
      if (error instanceof DatabaseError && error.unavailable && message.op !== 'probe') {
        this.lastFailure = { error, at: Date.now() };
      }
      throw error;
    });
  }

  /** Closes the connection (waiting at most `timeoutMs` for statements in progress), then stops the thread. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.#closing = true;
    if (!this.#exited) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.call({ op: 'close' }).catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    }
    await this.#worker.terminate();
  }
}

/** Waits for the single connection: one transaction (or statement) at a time. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
  }

  unlock(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

/** Blobs arrive from the worker as Uint8Array; the rest of the server (and Fastify) expects Buffer. */
function withBuffers(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
      record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return record;
}

class ThreadConnection implements DatabaseConnection {
  /** A transaction was begun and is started with its first statement (one round trip less). */
  beginPending = false;

  constructor(readonly thread: DbThread) {}

  /** Takes the pending begin (the worker runs `BEGIN IMMEDIATE` before the message's own statement). */
  takeBegin(): boolean {
    const begin = this.beginPending;
    this.beginPending = false;
    return begin;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.thread.call({
      op: 'query',
      sql: query.sql,
      parameters: query.parameters,
      begin: this.takeBegin(),
    });
    if (reply.rows) return { rows: reply.rows.map(withBuffers) as R[] };
    return {
      numAffectedRows: reply.changes === undefined ? undefined : BigInt(reply.changes),
      insertId: reply.lastInsertRowid === undefined ? undefined : BigInt(reply.lastInsertRowid),
      rows: [],
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the database thread');
  }
}

export class ThreadDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: ThreadConnection;

  constructor(readonly thread: DbThread) {
    this.#connection = new ThreadConnection(thread);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  /** `BEGIN IMMEDIATE` (waiting up to the busy timeout for the write lock), sent with the first statement. */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as ThreadConnection).beginPending = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.thread.call({ op: 'commit', begin: (connection as ThreadConnection).takeBegin() });
    this.thread.lastCommitAt = Date.now();
  }

  /** Rolls back what is still open: SQLite may have rolled back itself (SQLITE_FULL, SQLITE_IOERR …). */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if ((connection as ThreadConnection).takeBegin()) return;
    await this.thread.call({ op: 'rollback' });
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  /** The health check's write (see `DbThread` `probe`), in turn with the transactions. */
  async probe(at: Date): Promise<void> {
    await this.#mutex.lock();
    try {
      await this.thread.call({ op: 'probe', at: at.toISOString() });
    } finally {
      this.#mutex.unlock();
    }
  }

  /** Closes after the transaction in progress (waiting at most 10 s); later statements fail with OZG_DB_CLOSED. */
  async destroy(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const locked = await Promise.race([
      this.#mutex.lock().then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(resolve, 10_000, false))),
    ]);
    clearTimeout(timer);
    await this.thread.close();
    if (locked) this.#mutex.unlock();
  }
}

export class ThreadDialect implements Dialect {
  constructor(readonly driver: ThreadDriver) {}
  createDriver(): Driver {
    return this.driver;
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
