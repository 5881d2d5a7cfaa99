/**
 * The store: SQL through Kysely on better-sqlite3. Only Kysely's query builder is used outside this file, so
 * a PostgreSQL dialect can replace SQLite later without touching the routes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Generated, type Migration } from 'kysely';

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

export interface DB {
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
};

/** Opens (creating if needed) the database under `dataDir` and applies pending migrations. */
export async function openDatabase(dataDir: string): Promise<Kysely<DB>> {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(join(dataDir, 'ozg.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the client gets its answer, also in WAL mode.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration failed${failed ? ` (${failed.migrationName})` : ''}`);
  }
  return db;
}

/** Checks the database answers (for readiness). */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
