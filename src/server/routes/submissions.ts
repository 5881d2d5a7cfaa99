/** Citizen routes: file uploads, submissions (idempotent) and the status look-up. */
import { createHmac, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyInstance, preParsingHookHandler, preValidationHookHandler } from 'fastify';
import type { FileRef } from '../../contract/form-definition.ts';
import type { FieldError } from '../../contract/problem.ts';
import type { StatusView, SubmissionReceipt } from '../../contract/submission.ts';
import { routeApplication } from '../catalog.ts';
import { clientOf } from '../client-key.ts';
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
  randomId,
  sameHash,
  sealResponse,
  sha256Hex,
} from '../security.ts';
import { noAuthority, tenantOf } from './catalog.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{16,128}$/;
/** Compared against when no submission matches, so unknown and wrong take the same work. */
const DUMMY_HASH = hashAccessCode('NO-SUCH-SUBMISSION');
const STATUS_NOT_FOUND =
  'Kein Antrag passt zu diesen Angaben. Bitte Aktenzeichen und Zugangscode prüfen. / No application matches these details. Please check the reference and access code.';

/** Magic numbers of common document types: a file must be what its declared type says. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'image/heic': (b) => isoMedia(b, ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1']),
  'image/heif': (b) => isoMedia(b, ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'heif']),
};

/** HEIC/HEIF are ISO media files: a `ftyp` box first, with one of the image brands. */
function isoMedia(b: Buffer, brands: string[]): boolean {
  return (
    b.subarray(4, 8).toString('latin1') === 'ftyp' && brands.includes(b.subarray(8, 12).toString('latin1'))
  );
}

/**
 * File name endings of the checked types. A name that does not end like its checked content gets the right
 * ending added ("Baum.html" sent as a HEIC photo is stored as "Baum.html.heic"), so the caseworker's computer
 * never opens a file as something it is not.
 */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif', 'heic'],
};

/** The longest name a `FileRef` may carry (UTF-16 units, as the contract counts them). */
const MAX_NAME = 255;

function withExtension(name: string, type: string): string {
  const endings = EXTENSIONS[type];
  const ending = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!endings || endings.includes(ending)) return name;
  const suffix = `.${endings[0]}`;
  // A long name gives way to the ending, whole characters at a time.
  const chars = [...name];
  while (chars.join('').length + suffix.length > MAX_NAME) chars.pop();
  return (chars.join('').replace(/[.\s]+$/, '') || 'datei') + suffix;
}

/** Forgotten at restart: the stored client keys cannot be turned back into addresses, not even by brute force. */
const CLIENT_KEY = randomBytes(32);

/**
 * Who an upload is from, for each client's share of the pending-upload limit: the client the rate limits count
 * too ({@link clientOf}: an IPv4 address however written, or an IPv6 address's /64), as a keyed hash.
 */
export function uploadClient(ip: string): string {
  return createHmac('sha256', CLIENT_KEY).update(clientOf(ip)).digest('hex');
}

const tooLarge = (max: number) =>
  new ProblemError(
    'payload-too-large',
    `Die Datei ist zu groß (höchstens ${max} Bytes). / The file is too large (at most ${max} bytes).`,
  );

/**
 * A file field's own size limit, enforced while the body arrives (the global limit is the body parser's): a 9 MB
 * file for a 5 MB field is refused by its declared length at once, or as soon as more bytes came than allowed.
 * The upload handler does not check the size again.
 */
function fieldSizeLimit(ctx: Ctx): preParsingHookHandler {
  return async (request, _reply, payload) => {
    const { formId, fieldId } = request.params as { formId?: string; fieldId?: string };
    const form = formId === undefined ? undefined : ctx.catalog.forms.get(formId);
    const max = form && fieldId !== undefined ? fileFields(form).get(fieldId)?.maxSize : undefined;
    if (max === undefined) return payload;
    if (Number(request.headers['content-length']) > max) throw tooLarge(max);
    let received = 0;
    return payload.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length;
          done(received > max ? tooLarge(max) : null, chunk);
        },
      }),
    );
  };
}

function cleanFileName(raw: string | string[] | undefined): string {
  if (typeof raw !== 'string' || raw === '') {
    throw new ProblemError('validation', 'Dateiname fehlt. / File name missing.', [
      {
        pointer: '/headers/X-File-Name',
        detail: 'Der Header X-File-Name fehlt. / The X-File-Name header is missing.',
        code: 'required',
      },
    ]);
  }
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  // No paths, no control or invisible format characters (a right-to-left override would show "Fotoath.png" for
  // "Foto\u202egnp.hta"): the name is only ever shown and offered as download name.
  name = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\p{Cf}]/gu, '')
    .split(/[\\/]/)
    .pop()!
    .trim();
  // A leading dot would make a hidden file on the caseworker's computer ("..pdf"); only dots is no name at all.
  name = name.replace(/^[.\s]+/, '');
  if (name === '' || name.length > MAX_NAME) {
    throw new ProblemError('validation', 'Ungültiger Dateiname. / Invalid file name.', [
      {
        pointer: '/headers/X-File-Name',
        detail: 'Ungültiger Dateiname. / Invalid file name.',
        code: 'invalid',
      },
    ]);
  }
  return name;
}

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

  // Uploads get the raw bytes of any type; registered in their own scope so JSON parsing elsewhere is unchanged.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ctx.limits.maxUploadBytes },
      (_req, body, done) => done(null, body),
    );
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
        const body = request.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new ProblemError('validation', 'Die Datei ist leer. / The file is empty.', [
            { pointer: '/body', detail: 'Die Datei ist leer. / The file is empty.', code: 'empty' },
          ]);
        }
        const name = cleanFileName(request.headers['x-file-name']);
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (type === '' || !typeAccepted(type, field.accept) || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) {
          throw new ProblemError(
            'unsupported-media-type',
            `Dieser Dateityp ist hier nicht erlaubt (erlaubt: ${(field.accept ?? []).join(', ')}). / This file type is not accepted here.`,
          );
        }
        const signature = SIGNATURES[type];
        if (signature && !signature(body)) {
          throw new ProblemError(
            'unsupported-media-type',
            'Der Inhalt passt nicht zum Dateityp. / The content does not match the file type.',
          );
        }
        const ref: FileRef = {
          uploadId: randomId(),
          name: withExtension(name, type),
          size: body.length,
          type,
        };
        const stored = await ctx.store.insertUploadWithin(
          {
            id: ref.uploadId,
            tenant_id: tenantId,
            form_id: formId,
            field_id: fieldId,
            name: ref.name,
            type,
            size: body.length,
            sha256: sha256Hex(body),
            content: body,
            submission_id: null,
            created_at: ctx.now().toISOString(),
            client: uploadClient(request.ip),
          },
          ctx.limits.maxPendingUploadBytes,
          ctx.limits.maxUploadBytes,
        );
        if (!stored) {
          request.log.warn('upload refused: the uploads no submission uses are at their limit');
          throw new ProblemError(
            'unavailable',
            'Der Dienst nimmt gerade keine Dateien an. Bitte versuchen Sie es später erneut. / The service is not accepting files right now. Please try again later.',
          );
        }
        return reply.status(201).send(ref);
      },
      { bodyLimit: ctx.limits.maxUploadBytes, config: writeLimit, preParsing: fieldSizeLimit(ctx) },
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
          uploadIds,
          idempotency: {
            keyHash,
            requestHash,
            seal: (stored) =>
              sealResponse(key, JSON.stringify(receiptOf(stored, accessCode, routed.authority))),
          },
        },
        ctx.now(),
      );
      if (outcome.kind === 'replay') return replay(outcome);
      request.log.info(
        { submissionId: outcome.receipt.id, authorityId: routed.authority.id },
        'submission stored',
      );
      return reply.status(201).send(receiptOf(outcome.receipt, accessCode, routed.authority));
    },
    { config: writeLimit, preValidation: refuseUnknownAnswers(ctx) },
  );

  on(
    app,
    'getStatus',
    async (request) => {
      const { idOrReference, accessCode } = request.body;
      const row = await ctx.store.submissionByIdOrReference(idOrReference.trim());
      const matches = sameHash(hashAccessCode(accessCode), row?.access_code_hash ?? DUMMY_HASH);
      if (!row || !matches) throw new ProblemError('not-found', STATUS_NOT_FOUND);
      const events = await ctx.store.eventsOf(row.id);
      const nameOf = (id: string) => ctx.catalog.authorities.get(id)?.name ?? { de: id };
      const authority = ctx.catalog.authorities.get(row.authority_id);
      if (!authority) throw new Error(`authority ${row.authority_id} missing from catalog`);
      const view: StatusView = {
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
          return out;
        }),
      };
      return view;
    },
    { config: { rateLimit: { max: ctx.limits.statusPerMinute, timeWindow: 60_000 } } },
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
