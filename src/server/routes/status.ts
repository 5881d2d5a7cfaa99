/**
 * The citizen's routes after sending, all with reference (or id) and access code: the status look-up, and while
 * information is requested the reply with a message and files.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_REPLY_FILES, REPLY_FILE_TYPES, type StatusView } from '../../contract/submission.ts';
import { on, type Ctx } from '../context.ts';
import type { SubmissionsTable } from '../db.ts';
import { ProblemError } from '../problem.ts';
import { NOT_REQUESTED } from '../store.ts';
import { hashAccessCode, sameHash } from '../security.ts';
import { rawBodyScope, storeUpload } from '../uploads.ts';

/** Compared against when no submission matches, so unknown and wrong take the same work. */
const DUMMY_HASH = hashAccessCode('NO-SUCH-SUBMISSION');
const STATUS_NOT_FOUND =
  'Kein Antrag passt zu diesen Angaben. Bitte Aktenzeichen und Zugangscode prüfen. / No application matches these details. Please check the reference and access code.';
/** The field id of a reply's files in the uploads table: no form field can have it (ids start with a letter). */
export const REPLY_FIELD = '#reply';

/** The submission for a reference (or id) and access code; unknown and wrong answer alike (404). */
async function withAccessCode(
  ctx: Ctx,
  idOrReference: string,
  accessCode: string,
): Promise<SubmissionsTable> {
  const row = await ctx.store.submissionByIdOrReference(idOrReference.trim());
  const matches = sameHash(hashAccessCode(accessCode), row?.access_code_hash ?? DUMMY_HASH);
  if (!row || !matches) throw new ProblemError('not-found', STATUS_NOT_FOUND);
  return row;
}

/** What the applicant sees: state, handling authority, the timeline with the caseworker's and their own words. */
async function statusView(ctx: Ctx, row: SubmissionsTable): Promise<StatusView> {
  const [events, files] = await Promise.all([ctx.store.eventsOf(row.id), ctx.store.filesByEvent(row.id)]);
  const nameOf = (id: string) => ctx.catalog.authorities.get(id)?.name ?? { de: id };
  const authority = ctx.catalog.authorities.get(row.authority_id);
  if (!authority) throw new Error(`authority ${row.authority_id} missing from catalog`);
  return {
    reference: row.reference,
    status: row.status as StatusView['status'],
    serviceName: ctx.catalog.services.get(row.service_id)?.name ?? { de: row.service_id },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    authority,
    events: events.map((e) => {
      const out: StatusView['events'][number] = {
        type: e.type as StatusView['status'],
        at: e.at,
        authorityName: nameOf(e.authority_id),
      };
      if (e.message !== null) out.message = e.message;
      const sent = files.get(e.id);
      if (sent) out.files = sent.map((f) => ({ name: f.name, size: f.size }));
      return out;
    }),
  };
}

export function statusRoutes(app: FastifyInstance, ctx: Ctx): void {
  const writeLimit = { rateLimit: { max: ctx.limits.writesPerMinute, timeWindow: 60_000 } };

  on(
    app,
    'getStatus',
    async (request) => {
      const { idOrReference, accessCode } = request.body;
      return statusView(ctx, await withAccessCode(ctx, idOrReference, accessCode));
    },
    { config: { rateLimit: { max: ctx.limits.statusPerMinute, timeWindow: 60_000 } } },
  );

  rawBodyScope(app, ctx, (scope) => {
    on(
      scope,
      'uploadReplyFile',
      async (request, reply) => {
        const code = request.headers['x-access-code'];
        const row = await withAccessCode(ctx, request.params.reference, typeof code === 'string' ? code : '');
        if (row.status !== 'info-requested') throw new ProblemError('conflict', NOT_REQUESTED);
        const ref = await storeUpload(ctx, request as FastifyRequest, {
          tenantId: row.tenant_id,
          formId: row.form_id,
          fieldId: REPLY_FIELD,
          accept: REPLY_FILE_TYPES,
          replyTo: row.id,
        });
        return reply.status(201).send(ref);
      },
      { bodyLimit: ctx.limits.maxUploadBytes, config: writeLimit },
    );
  });

  on(
    app,
    'replyToRequest',
    async (request, reply) => {
      const { idOrReference, accessCode, message, files = [] } = request.body;
      const row = await withAccessCode(ctx, idOrReference, accessCode);
      if (new Set(files).size !== files.length || files.length > MAX_REPLY_FILES) {
        throw new ProblemError('validation', 'Datei doppelt angegeben. / File given twice.', [
          {
            pointer: '/files',
            detail: 'Datei doppelt angegeben. / File given twice.',
            code: 'duplicate_file',
          },
        ]);
      }
      const mail = ctx.mail;
      await ctx.store.addReply(
        row.id,
        { message: message?.trim() || null, uploadIds: files },
        ctx.now(),
        mail && ((submission, event) => mail.drafts(submission, event, files.length)),
      );
      mail?.wake();
      request.log.info({ submissionId: row.id, files: files.length }, 'reply stored');
      const updated = await ctx.store.submissionByIdOrReference(row.id);
      return reply.status(201).send(await statusView(ctx, updated!));
    },
    { config: writeLimit },
  );
}
