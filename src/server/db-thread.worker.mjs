// The database thread: owns the one better-sqlite3 connection and runs every statement, so a lock wait
// (busy_timeout) or a stalled disk (fsync) blocks this thread, never the server's event loop.
// Plain JavaScript on purpose: a worker does not inherit a TypeScript loader registered in-process (tsx/esm/api),
// so this file must load under plain `node`. The main-thread side and the protocol are in db-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs } = workerData;
/** Prepared statements by SQL text; Kysely sends few distinct ones. */
const statements = new Map();
const MAX_STATEMENTS = 500;
let db;

const errorOf = (error) => ({
  code: typeof error?.code === 'string' ? error.code : 'OZG_DB_UNKNOWN',
  message: error instanceof Error ? error.message : String(error),
});

function prepare(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** After an error SQLite may already have rolled back (SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY …). */
function rollbackIfOpen() {
  if (db.inTransaction) db.exec('rollback');
}

function run(message) {
  switch (message.op) {
    case 'query': {
      if (message.begin) db.exec('begin immediate');
      const statement = prepare(message.sql);
      if (statement.reader) return { rows: statement.all(message.parameters) };
      const { changes, lastInsertRowid } = statement.run(message.parameters);
      return { changes, lastInsertRowid, rows: undefined };
    }
    case 'commit':
      if (message.begin) db.exec('begin immediate');
      db.exec('commit');
      return {};
    case 'rollback':
      rollbackIfOpen();
      return {};
    case 'probe':
      // The health check's write: takes the write lock and commits (fsync) like a submission does.
      try {
        db.exec('begin immediate');
        prepare('update health set checked_at = ? where id = 1').run(message.at);
        db.exec('commit');
      } catch (error) {
        rollbackIfOpen();
        throw error;
      }
      return {};
    case 'close':
      db.close();
      return {};
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

try {
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the client gets its answer, also in WAL mode.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Number(busyTimeoutMs)}`);
  parentPort.postMessage({ ready: true });
} catch (error) {
  try {
    db?.close();
  } catch {
    // already broken
  }
  parentPort.postMessage({ openError: errorOf(error) });
}

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, result: run(message) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: errorOf(error) });
  }
});
