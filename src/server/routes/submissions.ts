/** Citizen routes: file uploads and submissions (idempotent). */
import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import type { FieldError } from '../../contract/problem.ts';
import type { SubmissionReceipt } from '../../contract/submission.ts';
import { routeApplication } from '../catalog.ts';
import { on, type Ctx } from '../context.ts';
import { collectFileAnswers, fileFields, typeAccepted } from '../../forms/index.ts';
import { unknownAnswerKeys } from '../forms.ts';
import { ProblemError } from '../problem.ts';
import {
  canonicalJson,
  hashAccessCode,
  idempotencyKeyHash,
  newAccessCode,
  openResponse,
  sealResponse,
  sha256Hex,
} from '../security.ts';
import { noAuthority, tenantOf } from './catalog.ts';
import { rawBodyScope, sizeLimit, storeUpload } from '../uploads.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;

/** How many answers to fields a form does not have are named in a refusal. */
const UNKNOWN_KEYS_NAMED = 20;
const UNKNOWN_FIELD = 'Dieses Feld gibt es im Formular nicht. / The form has no such field.';

/**
 * Answers to fields the form does not have are refused before the body is validated, hashed or routed: the
 * browser never sends them, and every one of them would cost work. A body for a form of another version is left
 * to the handler, which answers 409 so that the citizen reloads.
 */
function refuseUnknownAnswers(ctx: Ctx): preValidationHookHandler {
  return (request, _reply, done) => {
    const body = request.body as { formId?: unknown; formVersion?: unknown; data?: unknown } | null;
    const form = typeof body?.formId === 'string' ? ctx.catalog.forms.get(body.formId) : undefined;
    const data = body?.data;
    if (!form || form.version !== body?.formVersion || typeof data !== 'object' || data === null)
      return done();
    const unknown = unknownAnswerKeys(form, data as Record<string, unknown>, UNKNOWN_KEYS_NAMED);
    if (unknown.length === 0) return done();
    done(
      new ProblemError(
        'validation',
        'Die Angaben enthalten Felder, die es im Formular nicht gibt. / The answers hold fields the form does not have.',
        unknown.map((pointer) => ({
          pointer: `/data${pointer}`,
          detail: UNKNOWN_FIELD,
          code: 'unknown_field',
        })),
      ),
    );
  };
}

export function submissionRoutes(app: FastifyInstance, ctx: Ctx): void {
  const writeLimit = { rateLimit: { max: ctx.limits.writesPerMinute, timeWindow: 60_000 } };

  rawBodyScope(app, ctx, (scope) => {
    on(
      scope,
      'uploadFile',
      async (request, reply) => {
        const { tenant: tenantId, formId, fieldId } = request.params;
        tenantOf(ctx, request, tenantId);
        const form = ctx.catalog.forms.get(formId);
        const offered = [...(ctx.catalog.tenants.get(tenantId)?.services ?? [])].some(
          (id) => ctx.catalog.services.get(id)?.formId === formId,
        );
        const field = form ? fileFields(form).get(fieldId) : undefined;
        if (!form || !offered || !field) {
          throw new ProblemError('not-found', 'Dieses Dateifeld gibt es nicht. / No such file field.');
        }
        const ref = await storeUpload(ctx, request, {
          tenantId,
          formId,
          fieldId,
          accept: field.accept ?? [],
          replyTo: null,
        });
        return reply.status(201).send(ref);
      },
      {
        bodyLimit: ctx.limits.maxUploadBytes,
        config: writeLimit,
        preParsing: sizeLimit((request) => {
          const { formId, fieldId } = request.params as { formId: string; fieldId: string };
          const form = ctx.catalog.forms.get(formId);
          return form ? fileFields(form).get(fieldId)?.maxSize : undefined;
        }),
      },
    );
  });

  on(
    app,
    'createSubmission',
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        throw new ProblemError(
          'validation',
          'Idempotency-Key fehlt oder ist ungültig. / Idempotency-Key missing or invalid.',
          [
            {
              pointer: '/headers/Idempotency-Key',
              detail: '16–128 Zeichen (A–Z, a–z, 0–9, _ . : -) / 16–128 characters',
              code: 'required',
            },
          ],
        );
      }
      const body = request.body;
      const keyHash = idempotencyKeyHash(key);
      const requestHash = sha256Hex(canonicalJson(body));
      const replay = (stored: { requestHash: string; sealed: string }) => {
        if (stored.requestHash !== requestHash) {
          throw new ProblemError(
            'conflict',
            'Dieser Idempotency-Key wurde schon für einen anderen Antrag verwendet. / This Idempotency-Key was used for another request.',
          );
        }
        return reply
          .status(201)
          .header('Idempotent-Replayed', 'true')
          .type('application/json')
          .send(openResponse(key, stored.sealed));
      };
      const earlier = await ctx.store.findIdempotency(keyHash);
      if (earlier) return replay({ requestHash: earlier.request_hash, sealed: earlier.response });

      const tenant = ctx.catalog.tenants.get(body.tenantId);
      if (!tenant) {
        throw new ProblemError('validation', 'Unbekannter Mandant. / Unknown tenant.', [
          { pointer: '/tenantId', detail: 'Unbekannter Mandant. / Unknown tenant.', code: 'unknown' },
        ]);
      }
      tenantOf(ctx, request, tenant.id);
      const service = ctx.catalog.services.get(body.serviceId);
      if (!service || !tenant.services.includes(service.id)) {
        throw new ProblemError(
          'validation',
          'Diese Leistung gibt es hier nicht. / This service is not offered here.',
          [{ pointer: '/serviceId', detail: 'Unbekannte Leistung. / Unknown service.', code: 'unknown' }],
        );
      }
      const form = ctx.catalog.forms.get(body.formId);
      if (!form || service.formId !== form.id) {
        throw new ProblemError(
          'validation',
          'Das Formular gehört nicht zu dieser Leistung. / The form does not belong to this service.',
          [{ pointer: '/formId', detail: 'Falsches Formular. / Wrong form.', code: 'mismatch' }],
        );
      }
      if (form.version !== body.formVersion) {
        throw new ProblemError(
          'conflict',
          `Das Formular wurde geändert (jetzt Version ${form.version}). Bitte die Seite neu laden; Ihre Angaben werden übernommen, soweit sie noch passen. / The form has changed (now version ${form.version}). Please reload; your answers are carried over where they still fit.`,
        );
      }
      const result = ctx.forms.get(form).validate(body.data, body.lang);
      if (!result.ok) {
        throw new ProblemError(
          'validation',
          'Bitte die markierten Angaben prüfen. / Please check the marked answers.',
          result.errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })),
        );
      }
      // The place of the matter named in the answers decides; a client-sent `ars` is ignored.
      const routed = routeApplication(ctx.catalog, service.id, form, result.data, body.lang);
      if (!routed.ok) throw noAuthority(routed.error);

      const fileErrors: FieldError[] = [];
      const answers = collectFileAnswers(form, result.data);
      const uploads = new Map(
        (await ctx.store.uploadsByIds(answers.flatMap((a) => a.refs.map((r) => String(r?.uploadId))))).map(
          (u) => [u.id, u],
        ),
      );
      const uploadIds: string[] = [];
      for (const { field, pointer, refs } of answers) {
        if (field.maxFiles !== undefined && refs.length > field.maxFiles) {
          fileErrors.push({
            pointer: `/data${pointer}`,
            detail: `Höchstens ${field.maxFiles} Dateien. / At most ${field.maxFiles} files.`,
            code: 'too_many_files',
          });
        }
        refs.forEach((ref, i) => {
          const upload = uploads.get(String(ref?.uploadId));
          const at = `/data${pointer}/${i}`;
          if (
            !upload ||
            upload.tenant_id !== tenant.id ||
            upload.form_id !== form.id ||
            upload.field_id !== field.id
          ) {
            fileErrors.push({
              pointer: at,
              detail: 'Datei nicht gefunden. Bitte erneut hochladen. / File not found. Please upload again.',
              code: 'unknown_file',
            });
          } else if (upload.submission_id !== null) {
            fileErrors.push({
              pointer: at,
              detail: 'Datei gehört zu einem anderen Antrag. / File belongs to another application.',
              code: 'file_used',
            });
          } else if (
            !typeAccepted(upload.type, field.accept) ||
            (field.maxSize !== undefined && upload.size > field.maxSize)
          ) {
            fileErrors.push({
              pointer: at,
              detail: 'Dateityp oder -größe nicht erlaubt. / File type or size not allowed.',
              code: 'file_rejected',
            });
          } else if (uploadIds.includes(upload.id)) {
            fileErrors.push({
              pointer: at,
              detail: 'Datei doppelt angegeben. / File given twice.',
              code: 'duplicate_file',
            });
          } else {
            uploadIds.push(upload.id);
            // The answers show what was stored, not what the browser claims about it.
            refs[i] = { uploadId: upload.id, name: upload.name, size: upload.size, type: upload.type };
          }
        });
      }
      if (fileErrors.length > 0) {
        throw new ProblemError(
          'validation',
          'Bitte die Dateien prüfen. / Please check the files.',
          fileErrors,
        );
      }

      const accessCode = newAccessCode();
      const contact = form.contact ? result.data[form.contact.email] : undefined;
      const notifyEmail = typeof contact === 'string' && contact.trim() !== '' ? contact.trim() : null;
      const mail = ctx.mail;
      const outcome = await ctx.store.createSubmission(
        {
          tenantId: tenant.id,
          referencePrefix: tenant.referencePrefix,
          serviceId: service.id,
          formId: form.id,
          formVersion: form.version,
          ars: routed.ars,
          lang: body.lang,
          authorityId: routed.authority.id,
          data: result.data,
          accessCodeHash: hashAccessCode(accessCode),
          notifyEmail,
          uploadIds,
          idempotency: {
            keyHash,
            requestHash,
            seal: (stored) =>
              sealResponse(key, JSON.stringify(receiptOf(stored, accessCode, routed.authority))),
          },
          mails:
            mail &&
            ((stored) =>
              mail.drafts(
                {
                  reference: stored.reference,
                  tenant_id: tenant.id,
                  service_id: service.id,
                  lang: body.lang,
                  authority_id: routed.authority.id,
                  notify_email: notifyEmail,
                },
                { type: 'submitted', at: stored.createdAt, authorityId: routed.authority.id },
              )),
        },
        ctx.now(),
      );
      if (outcome.kind === 'replay') return replay(outcome);
      mail?.wake();
      request.log.info(
        { submissionId: outcome.receipt.id, authorityId: routed.authority.id },
        'submission stored',
      );
      return reply.status(201).send(receiptOf(outcome.receipt, accessCode, routed.authority));
    },
    { config: writeLimit, preValidation: refuseUnknownAnswers(ctx) },
  );
}

function receiptOf(
  stored: { id: string; reference: string; createdAt: string },
  accessCode: string,
  authority: SubmissionReceipt['authority'],
): SubmissionReceipt {
  return {
    id: stored.id,
    reference: stored.reference,
    accessCode,
    status: 'submitted',
    createdAt: stored.createdAt,
    authority,
  };
}
