/**
 * Issue 15, items 3, 4, 6 and 7: what the server does when the disk is full, another connection holds the
 * write lock, a second server starts on the same data directory, the disk stalls, or the data directory is
 * unusable at start. Real server, real HTTP, real SQLite errors.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import { FIXTURE_CATALOG, gewerbe, key, post, removeDir, start, tempDir, type Running } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UNAVAILABLE = 'urn:ozg:problem:unavailable';
const dirs: string[] = [];
const dir = (prefix?: string) => {
  const made = tempDir(prefix);
  dirs.push(made);
  return made;
};
after(() => dirs.forEach(removeDir));

/** Starts a server whose own rate limits stay out of the way of many writes. */
const startLoose = (dataDir = dir()) =>
  start({ dataDir, writesPerMinute: 100_000, requestsPerMinute: false });

const submit = (s: Running, idempotencyKey = key()) =>
  post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': idempotencyKey });

/** The messages the request loggers write at level error (the test servers log nothing otherwise). */
function captureErrors(app: FastifyInstance): string[] {
  const messages: string[] = [];
  const log = app.log as unknown as { child: (...args: unknown[]) => Record<string, unknown> };
  const child = log.child.bind(log);
  log.child = (...args: unknown[]) => {
    const logger = child(...args);
    logger.error = (object: unknown, message?: string) => {
      const err = (object as { err?: Error } | undefined)?.err;
      messages.push([message, err?.message].filter(Boolean).join(' | '));
    };
    return logger;
  };
  return messages;
}

async function assertUnavailable(response: Response) {
  assert.equal(response.status, 503);
  assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
  assert.equal((await response.json()).type, UNAVAILABLE);
}

const health = async (s: Running) => {
  const response = await fetch(`${s.url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
};

/** Another connection (like a second process or the sqlite3 shell) holding the database's write lock. */
function holdWriteLock(dataDir: string) {
  const other = new Database(join(dataDir, 'ozg.sqlite'));
  other.exec('begin immediate');
  return {
    release() {
      other.exec('commit');
      other.close();
    },
  };
}

describe('a full disk (item 3)', () => {
  it('answers writes 503 with Retry-After, logs SQLITE_FULL, reports it in /healthz, and recovers without restart', async () => {
    const s = await startLoose();
    try {
      const logged = captureErrors(s.app);
      assert.equal((await submit(s)).status, 201);
      assert.equal((await health(s)).status, 200);

      // A real SQLITE_FULL: the server's connection may not grow the file any more (max_page_count is a setting
      // of that one connection, reached through the app's database handle).
      const db = s.app.database.db;
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);

      let failed: Response | undefined;
      let failedKey = '';
      for (let i = 0; i < 300 && !failed; i++) {
        failedKey = key();
        const response = await submit(s, failedKey);
        if (response.status !== 201) failed = response;
      }
      assert.ok(failed, 'the submissions filled the allowed pages');
      await assertUnavailable(failed);
      assert.ok(
        logged.some((m) => /SQLITE_FULL/.test(m) && /database or disk is full/.test(m)),
        `the log names the disk error: ${JSON.stringify(logged)}`,
      );
      assert.ok(!logged.some((m) => /cannot rollback/.test(m)), 'no rollback error hides it');

      const sick = await health(s);
      assert.equal(sick.status, 503);
      assert.equal(sick.body.status, 'unavailable');
      assert.match(sick.body.reason ?? '', /SQLITE_FULL/);

      // Space is back: the same submission (same Idempotency-Key, nothing half-stored) goes through.
      await sql.raw('pragma max_page_count = 1073741823').execute(db);
      const retried = await submit(s, failedKey);
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get('idempotent-replayed'), null);
      assert.deepEqual(await health(s), { status: 200, body: { status: 'ok' } });
    } finally {
      await s.close();
    }
  });
});

describe('the write lock (item 4)', () => {
  it('waits for a lock held shorter than the busy timeout (BEGIN IMMEDIATE) and stores the submission', async () => {
    const s = await startLoose();
    try {
      const lock = holdWriteLock(s.dataDir);
      const released = new Promise<number>((resolve) =>
        setTimeout(() => {
          lock.release();
          resolve(Date.now());
        }, 1000),
      );
      const response = await submit(s);
      assert.equal(response.status, 201);
      assert.ok(Date.now() >= (await released), 'answered after the lock was released');
    } finally {
      await s.close();
    }
  });

  it('answers 503 with Retry-After (not 500) when the lock stays busy, and stores the retry afterwards', async () => {
    const s = await startLoose();
    try {
      const lock = holdWriteLock(s.dataDir);
      const idempotencyKey = key();
      const began = Date.now();
      let response: Response;
      try {
        response = await submit(s, idempotencyKey);
      } finally {
        lock.release();
      }
      assert.ok(Date.now() - began >= 4500, 'waited for the busy timeout');
      await assertUnavailable(response);
      assert.equal((await submit(s, idempotencyKey)).status, 201);
    } finally {
      await s.close();
    }
  });

  it('refuses a second server on the same data directory, naming it, and starts again once the first closes', async () => {
    const dataDir = dir();
    const first = await startLoose(dataDir);
    try {
      await assert.rejects(startLoose(dataDir), (error: Error) => {
        assert.ok(error.message.includes(dataDir), error.message);
        assert.match(error.message, /another server/i);
        return true;
      });
      await assert.rejects(startLoose(dataDir), /another server/i, 'a refused start leaves the lock held');
      assert.equal((await submit(first)).status, 201, 'the first server keeps working');
    } finally {
      await first.close();
    }
    const again = await startLoose(dataDir);
    try {
      assert.equal((await submit(again)).status, 201);
    } finally {
      await again.close();
    }
  });

  it('refuses a second server process; the lock of a killed (-9) one is gone with it', async () => {
    const dataDir = dir();
    const server = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, OZG_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const output = (child: ChildProcess, until: RegExp) =>
      new Promise<string>((resolve, reject) => {
        let text = '';
        const read = (chunk: Buffer) => {
          text += chunk.toString();
          if (until.test(text)) resolve(text);
        };
        child.stdout!.on('data', read);
        child.stderr!.on('data', read);
        child.once('exit', (code) =>
          until.test(text) ? resolve(text) : reject(new Error(`exit ${code}: ${text}`)),
        );
      });

    const first = server();
    try {
      await output(first, /API:/);
      const second = server();
      const exited = new Promise<number | null>((resolve) => second.once('exit', resolve));
      const message = await output(second, /Start failed.*\n|API:/);
      if (/API:/.test(message)) second.kill('SIGKILL');
      assert.equal(await exited, 1);
      assert.ok(message.includes(dataDir), message);
      assert.match(message, /another server/i);
      await assert.rejects(startLoose(dataDir), /another server/i);
    } finally {
      first.kill('SIGKILL');
      await new Promise((resolve) => (first.exitCode !== null ? resolve(null) : first.once('exit', resolve)));
    }
    const after = await startLoose(dataDir);
    try {
      assert.equal((await submit(after)).status, 201);
    } finally {
      await after.close();
    }
  });
});

describe('/healthz (item 6)', () => {
  it('answers 503 within about 2 s while no write can commit, while the API keeps answering; ok again after', async () => {
    const s = await startLoose();
    try {
      assert.deepEqual(await health(s), { status: 200, body: { status: 'ok' } });
      const lock = holdWriteLock(s.dataDir);
      try {
        const began = Date.now();
        const sick = await health(s);
        const took = Date.now() - began;
        assert.equal(sick.status, 503);
        assert.match(sick.body.reason ?? '', /within 2000 ms/);
        assert.ok(took >= 1900 && took < 3500, `answered after ${took} ms`);
        // The database waits in its own thread: routes that need no write still answer at once.
        const catalogBegan = Date.now();
        assert.equal((await fetch(`${s.api}/tenants/kreis/services`)).status, 200);
        assert.ok(Date.now() - catalogBegan < 1000);
      } finally {
        lock.release();
      }
      assert.deepEqual(await health(s), { status: 200, body: { status: 'ok' } });
    } finally {
      await s.close();
    }
  });
});

describe('start errors name the data directory (item 7)', () => {
  const open = (dataDir: string) =>
    buildApp({ dataDir, catalogDir: FIXTURE_CATALOG, allowDemoKeys: true, logLevel: 'silent' });
  const rejectsNaming = (dataDir: string, path: string, reason: RegExp) =>
    assert.rejects(open(dataDir), (error: Error) => {
      assert.ok(error.message.includes(path), error.message);
      assert.match(error.message, reason);
      return true;
    });

  it('a data directory that is a file', async () => {
    const file = join(dir(), 'data');
    writeFileSync(file, 'not a directory');
    await rejectsNaming(file, file, /data directory .* not a directory/);
    await rejectsNaming(join(file, 'sub'), join(file, 'sub'), /data directory .* not a directory/);
  });

  it('a data directory that cannot be created (read-only file system)', async () => {
    // /sys refuses new directories whoever asks (the tests may run as root, who may write anywhere else).
    for (const path of ['/sys/ozg-data', '/sys/ozg/data']) {
      await rejectsNaming(path, path, /Cannot use the data directory .*cannot be created/);
    }
  });

  it('a database file that holds garbage, or is a directory', async () => {
    const garbage = dir();
    writeFileSync(join(garbage, 'ozg.sqlite'), 'garbage '.repeat(1000));
    await rejectsNaming(garbage, join(garbage, 'ozg.sqlite'), /not a usable SQLite database.*backup/);
    const directory = dir();
    mkdirSync(join(directory, 'ozg.sqlite'));
    await rejectsNaming(directory, join(directory, 'ozg.sqlite'), /Cannot open .* data directory/);
    // The failed start left nothing locked: without the garbage the directory serves.
    rmSync(join(garbage, 'ozg.sqlite'));
    const s = await startLoose(garbage);
    await s.close();
  });
});
