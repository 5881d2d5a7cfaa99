/** Submissions, status events, uploads and idempotency records, through Kysely (dialect-neutral SQL). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UploadsTable } from './db.ts';
import { ProblemError } from './problem.ts';

export interface NewSubmission {
  tenantId: string;
  referencePrefix: string;
  serviceId: string;
  formId: string;
  formVersion: number;
  ars: string;
  lang: string;
  authorityId: string;
  data: Record<string, unknown>;
  accessCodeHash: string;
  uploadIds: string[];
  idempotency: { keyHash: string; requestHash: string; seal: (receipt: StoredReceipt) => string };
}

export interface StoredReceipt {
  id: string;
  reference: string;
  createdAt: string;
}

export type CreateOutcome =
  { kind: 'created'; receipt: StoredReceipt } | { kind: 'replay'; requestHash: string; sealed: string };

export type UploadMeta = Omit<UploadsTable, 'content' | 'client'>;

/** All SQL of the server. Every write is awaited (and committed) before the caller answers. */
/** The columns of an upload without its bytes. */
const UPLOAD_META_COLUMNS = [
  'id',
  'tenant_id',
  'form_id',
  'field_id',
  'name',
  'type',
  'size',
  'sha256',
  'submission_id',
  'created_at',
] as const;

export class Store {
  constructor(readonly db: Kysely<DB>) {}

  async findIdempotency(keyHash: string) {
    return this.db.selectFrom('idempotency').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }

  /**
   * Stores a submission with its first event, claims its uploads and records the idempotency key, all in one
   * transaction. A concurrent request with the same key that got here first wins; this one replays its answer.
   */
  async createSubmission(input: NewSubmission, now: Date): Promise<CreateOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('idempotency')
        .select(['request_hash', 'response'])
        .where('key_hash', '=', input.idempotency.keyHash)
        .executeTakeFirst();
      if (existing) return { kind: 'replay', requestHash: existing.request_hash, sealed: existing.response };

      const year = now.getUTCFullYear();
      const counter = await trx
        .insertInto('reference_counters')
        .values({ prefix: input.referencePrefix, year, value: 1 })
        .onConflict((oc) =>
          oc.columns(['prefix', 'year']).doUpdateSet((eb) => ({ value: eb('value', '+', 1) })),
        )
        .returning('value')
        .executeTakeFirstOrThrow();
      const reference = `${input.referencePrefix}-${year}-${String(counter.value).padStart(6, '0')}`;
      const id = randomUUID();
      const at = now.toISOString();
      await trx
        .insertInto('submissions')
        .values({
          id,
          reference,
          tenant_id: input.tenantId,
          service_id: input.serviceId,
          form_id: input.formId,
          form_version: input.formVersion,
          ars: input.ars,
          lang: input.lang,
          authority_id: input.authorityId,
          status: 'submitted',
          data: JSON.stringify(input.data),
          access_code_hash: input.accessCodeHash,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('status_events')
        .values({
          submission_id: id,
          type: 'submitted',
          at,
          authority_id: input.authorityId,
          from_authority_id: null,
          message: null,
        })
        .execute();
      if (input.uploadIds.length > 0) {
        const claimed = await trx
          .updateTable('uploads')
          .set({ submission_id: id, client: null })
          .where('id', 'in', input.uploadIds)
          .where('submission_id', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== input.uploadIds.length) {
          throw new ProblemError(
            'conflict',
            'Eine Datei gehört bereits zu einem anderen Antrag. / A file already belongs to another application.',
          );
        }
      }
      const receipt: StoredReceipt = { id, reference, createdAt: at };
      await trx
        .insertInto('idempotency')
        .values({
          key_hash: input.idempotency.keyHash,
          request_hash: input.idempotency.requestHash,
          submission_id: id,
          response: input.idempotency.seal(receipt),
          created_at: at,
        })
        .execute();
      return { kind: 'created', receipt };
    });
  }

  /**
   * Stores an upload unless the uploads no submission uses yet would then hold more than `maxPendingBytes` in
   * all, or more than a sixteenth of it (at least one file of `maxFileBytes`) from this upload's client (checked
   * and written in one transaction), so one client cannot take the whole budget. Returns whether it was stored.
   */
  async insertUploadWithin(
    row: UploadsTable,
    maxPendingBytes: number,
    maxFileBytes: number,
  ): Promise<boolean> {
    const share = Math.max(maxPendingBytes / 16, maxFileBytes);
    return this.db.transaction().execute(async (tx) => {
      const pending = (client?: string | null) => {
        let query = tx
          .selectFrom('uploads')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.val(0)).as('bytes'))
          .where('submission_id', 'is', null);
        if (client) query = query.where('client', '=', client);
        return query.executeTakeFirstOrThrow().then((r) => Number(r.bytes));
      };
      if ((await pending()) + row.size > maxPendingBytes) return false;
      if (row.client && (await pending(row.client)) + row.size > share) return false;
      await tx.insertInto('uploads').values(row).execute();
      return true;
    });
  }

  async uploadsByIds(ids: string[]): Promise<UploadMeta[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('uploads').select(UPLOAD_META_COLUMNS).where('id', 'in', ids).execute();
  }

  async uploadsOf(submissionId: string): Promise<UploadMeta[]> {
    return this.db
      .selectFrom('uploads')
      .select(UPLOAD_META_COLUMNS)
      .where('submission_id', '=', submissionId)
      .orderBy('created_at')
      .execute();
  }

  async uploadContent(submissionId: string, uploadId: string) {
    return this.db
      .selectFrom('uploads')
      .select(['name', 'type', 'size', 'content'])
      .where('id', '=', uploadId)
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
  }

  async submissionByIdOrReference(idOrReference: string) {
    return this.db
      .selectFrom('submissions')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrReference), eb('reference', '=', idOrReference)]))
      .executeTakeFirst();
  }

  async submissionOfAuthority(id: string, authorityId: string) {
    return this.db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', id)
      .where('authority_id', '=', authorityId)
      .executeTakeFirst();
  }

  async eventsOf(submissionId: string) {
    return this.db
      .selectFrom('status_events')
      .selectAll()
      .where('submission_id', '=', submissionId)
      .orderBy('id')
      .execute();
  }

  async pageOfAuthority(authorityId: string, page: number, pageSize: number) {
    const [{ total }] = (await this.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('authority_id', '=', authorityId)
      .execute()) as [{ total: number }];
    const rows = await this.db
      .selectFrom('submissions')
      .select(['id', 'reference', 'service_id', 'tenant_id', 'ars', 'status', 'created_at', 'updated_at'])
      .where('authority_id', '=', authorityId)
      .orderBy('created_at', 'desc')
      .orderBy('reference', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { total: Number(total), rows };
  }

  /**
   * Appends an event to a submission the authority currently handles. Returns undefined when it does not
   * (unknown, or someone else's): the caller answers 404 either way.
   */
  async appendEvent(
    id: string,
    authorityId: string,
    event: { type: string; message: string | null; toAuthorityId: string | null },
    isFinal: (status: string) => boolean,
    now: Date,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('submissions')
        .select(['status'])
        .where('id', '=', id)
        .where('authority_id', '=', authorityId)
        .executeTakeFirst();
      if (!row) return undefined;
      if (isFinal(row.status)) {
        throw new ProblemError('conflict', 'Der Antrag ist abgeschlossen. / The submission is closed.');
      }
      const at = now.toISOString();
      const handler = event.toAuthorityId ?? authorityId;
      await trx
        .updateTable('submissions')
        .set({ status: event.type, authority_id: handler, updated_at: at })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('status_events')
        .values({
          submission_id: id,
          type: event.type,
          at,
          authority_id: handler,
          from_authority_id: event.toAuthorityId ? authorityId : null,
          message: event.message,
        })
        .execute();
      return {
        type: event.type,
        at,
        authorityId: handler,
        fromAuthorityId: event.toAuthorityId ? authorityId : undefined,
        message: event.message ?? undefined,
      };
    });
  }

  /** Removes uploads never used by a submission (abandoned forms). */
  async purgeStaleUploads(olderThan: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('uploads')
      .where('submission_id', 'is', null)
      .where('created_at', '<', olderThan.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
