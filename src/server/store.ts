/** Submissions, status events, uploads and idempotency records, through Kysely (dialect-neutral SQL). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OutboxTable, SubmissionsTable, UploadsTable } from './db.ts';
import type { MailDraft } from './mail/compose.ts';
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
  /** The applicant's address for mail (the form's contact field), if given. */
  notifyEmail: string | null;
  uploadIds: string[];
  idempotency: { keyHash: string; requestHash: string; seal: (receipt: StoredReceipt) => string };
  /** The mails the submission causes, written in its transaction. */
  mails?: (receipt: StoredReceipt) => MailDraft[];
}

export interface StoredReceipt {
  id: string;
  reference: string;
  createdAt: string;
}

export type CreateOutcome =
  { kind: 'created'; receipt: StoredReceipt } | { kind: 'replay'; requestHash: string; sealed: string };

export type UploadMeta = Omit<UploadsTable, 'content' | 'client'>;
/** A new upload: a file of a form field, or (with `reply_to`) of a reply to a request for information. */
export type NewUpload = Omit<UploadsTable, 'reply_to' | 'event_id'> & { reply_to?: string | null };

/** An event as stored, with what its mails need to know about the submission. */
export interface StoredEvent {
  type: string;
  at: string;
  authorityId: string;
  fromAuthorityId?: string | undefined;
  message?: string | undefined;
}

/** The submission's row (without its answers) as an event's mails see it. */
export type SubmissionFacts = Omit<SubmissionsTable, 'data' | 'access_code_hash'>;

/** A mail due for sending, as the outbox worker takes it. */
export type DueMail = Pick<
  OutboxTable,
  'id' | 'recipient' | 'subject' | 'text' | 'html' | 'attempts' | 'created_at'
>;

/** The outbox in numbers, for the health check. */
export interface OutboxHealth {
  pending: number;
  failed: number;
  /** When the oldest mail still waiting was written, if any. */
  oldestPendingAt?: string;
}

/** The answer to a reply when no information is requested (any more). */
export const NOT_REQUESTED =
  'Zu diesem Antrag werden gerade keine Angaben nachgefordert. / No information is requested for this application at the moment.';

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
  'reply_to',
  'event_id',
] as const;

/** The columns of a submission an event's mails may use: not its answers, not its access code. */
const FACT_COLUMNS = [
  'id',
  'reference',
  'tenant_id',
  'service_id',
  'form_id',
  'form_version',
  'ars',
  'lang',
  'authority_id',
  'status',
  'created_at',
  'updated_at',
  'notify_email',
] as const;

/** Writes the mails of a submission or event into the outbox, in the caller's transaction. */
async function enqueue(
  trx: Kysely<DB>,
  submissionId: string,
  mails: MailDraft[],
  at: string,
): Promise<number> {
  for (const mail of mails) {
    await trx
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        submission_id: submissionId,
        audience: mail.audience,
        about: mail.about,
        recipient: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        state: 'pending',
        attempts: 0,
        next_attempt_at: at,
        locked_until: null,
        last_error: null,
        created_at: at,
        sent_at: null,
      })
      .execute();
  }
  return mails.length;
}

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
          notify_email: input.notifyEmail,
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
      if (input.mails) await enqueue(trx, id, input.mails(receipt), at);
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
  async insertUploadWithin(row: NewUpload, maxPendingBytes: number, maxFileBytes: number): Promise<boolean> {
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
   * Appends an event to a submission the authority currently handles, with the mails it causes, in one
   * transaction. Returns undefined when the authority does not handle it (unknown, or someone else's): the caller
   * answers 404 either way.
   */
  async appendEvent(
    id: string,
    authorityId: string,
    event: { type: string; message: string | null; toAuthorityId: string | null },
    isFinal: (status: string) => boolean,
    now: Date,
    mails?: (submission: SubmissionFacts, event: StoredEvent) => MailDraft[],
  ): Promise<StoredEvent | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('submissions')
        .select(FACT_COLUMNS)
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
      const stored: StoredEvent = {
        type: event.type,
        at,
        authorityId: handler,
        fromAuthorityId: event.toAuthorityId ? authorityId : undefined,
        message: event.message ?? undefined,
      };
      if (mails)
        await enqueue(trx, id, mails({ ...row, status: event.type, authority_id: handler }, stored), at);
      return stored;
    });
  }

  /**
   * The applicant's reply to a request for information: the `info-received` event with its message, the files
   * uploaded for it, and the mails it causes, in one transaction. Refused (409) unless information is requested
   * now; a file that is not an unused upload for this submission is refused (400) and nothing is stored.
   */
  async addReply(
    id: string,
    reply: { message: string | null; uploadIds: string[] },
    now: Date,
    mails?: (submission: SubmissionFacts, event: StoredEvent) => MailDraft[],
  ): Promise<StoredEvent> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('submissions')
        .select(FACT_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (row.status !== 'info-requested') throw new ProblemError('conflict', NOT_REQUESTED);
      const at = now.toISOString();
      await trx
        .updateTable('submissions')
        .set({ status: 'info-received', updated_at: at })
        .where('id', '=', id)
        .execute();
      const inserted = await trx
        .insertInto('status_events')
        .values({
          submission_id: id,
          type: 'info-received',
          at,
          authority_id: row.authority_id,
          from_authority_id: null,
          message: reply.message,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (reply.uploadIds.length > 0) {
        const claimed = await trx
          .updateTable('uploads')
          .set({ submission_id: id, event_id: inserted.id, client: null })
          .where('id', 'in', reply.uploadIds)
          .where('reply_to', '=', id)
          .where('submission_id', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== reply.uploadIds.length) {
          throw new ProblemError(
            'validation',
            'Eine Datei wurde nicht gefunden. Bitte erneut hochladen. / A file was not found. Please upload it again.',
            [{ pointer: '/files', detail: 'Datei nicht gefunden. / File not found.', code: 'unknown_file' }],
          );
        }
      }
      const stored: StoredEvent = {
        type: 'info-received',
        at,
        authorityId: row.authority_id,
        message: reply.message ?? undefined,
      };
      if (mails) await enqueue(trx, id, mails({ ...row, status: 'info-received' }, stored), at);
      return stored;
    });
  }

  /** The files sent with events (a reply's, on `info-received`), by event row id. */
  async filesByEvent(submissionId: string): Promise<Map<number, UploadMeta[]>> {
    const files = await this.uploadsOf(submissionId);
    const byEvent = new Map<number, UploadMeta[]>();
    for (const file of files) {
      if (file.event_id === null) continue;
      byEvent.set(file.event_id, [...(byEvent.get(file.event_id) ?? []), file]);
    }
    return byEvent;
  }

  /** The mails about a submission (no address, no content): for the caseworker. */
  async noticesOf(submissionId: string) {
    return this.db
      .selectFrom('outbox')
      .select(['audience', 'about', 'state', 'created_at', 'sent_at'])
      .where('submission_id', '=', submissionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /**
   * Takes up to `limit` mails due by `dueBy`, for `leaseMs`: no other worker (in this or another process) takes
   * them before the lease ends. A worker that dies while sending leaves them to be taken again after it.
   */
  async claimDueMails(now: Date, limit: number, leaseMs: number, dueBy = now): Promise<DueMail[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const candidates = await this.db
      .selectFrom('outbox')
      .select(['id', 'recipient', 'subject', 'text', 'html', 'attempts', 'created_at'])
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', dueBy.toISOString())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: DueMail[] = [];
    for (const mail of candidates) {
      const result = await this.db
        .updateTable('outbox')
        .set({ locked_until: until })
        .where('id', '=', mail.id)
        .where('state', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) claimed.push(mail);
    }
    return claimed;
  }

  /** Gives claimed mails back without trying them: these, or (no ids) every pending one. */
  async releaseMails(ids?: string[]): Promise<void> {
    if (ids?.length === 0) return;
    let query = this.db
      .updateTable('outbox')
      .set({ locked_until: null })
      .where('state', '=', 'pending')
      .where('locked_until', 'is not', null);
    if (ids) query = query.where('id', 'in', ids);
    await query.execute();
  }

  async mailSent(id: string, now: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        state: 'sent',
        sent_at: now.toISOString(),
        locked_until: null,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** A failed attempt: tried again at `retryAt`, or given up for good when it is undefined. */
  async mailFailed(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        state: retryAt ? 'pending' : 'failed',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: retryAt ? retryAt.toISOString() : eb.ref('next_attempt_at'),
        locked_until: null,
        last_error: error.slice(0, 500),
      }))
      .where('id', '=', id)
      .execute();
  }

  async outboxHealth(): Promise<OutboxHealth> {
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => [
        'state',
        eb.fn.countAll<number>().as('count'),
        eb.fn.min<string>('created_at').as('oldest'),
      ])
      .where('state', 'in', ['pending', 'failed'])
      .groupBy('state')
      .execute();
    const pending = rows.find((r) => r.state === 'pending');
    const failed = rows.find((r) => r.state === 'failed');
    const health: OutboxHealth = { pending: Number(pending?.count ?? 0), failed: Number(failed?.count ?? 0) };
    if (pending?.oldest) health.oldestPendingAt = pending.oldest;
    return health;
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
