/**
 * Storing an uploaded file, for a form's file field or for a reply to a request for information: the same checks
 * for both (a name that is only a name, an accepted type, content that is what the type says, the field's size
 * limit while the bytes arrive, the shared budget of uploads no submission uses yet).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyInstance, FastifyRequest, preParsingHookHandler } from 'fastify';
import type { FileRef } from '../contract/form-definition.ts';
import { typeAccepted } from '../forms/index.ts';
import { clientOf } from './client-key.ts';
import type { Ctx } from './context.ts';
import { ProblemError } from './problem.ts';
import { randomId, sha256Hex } from './security.ts';

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
 * A size limit below the body parser's global one (a file field's own `maxSize`), enforced while the body
 * arrives: a 9 MB file for a 5 MB field is refused by its declared length at once, or as soon as more bytes came
 * than allowed. The upload handler does not check the size again.
 */
export function sizeLimit(maxOf: (request: FastifyRequest) => number | undefined): preParsingHookHandler {
  return async (request, _reply, payload) => {
    const max = maxOf(request);
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

export function cleanFileName(raw: string | string[] | undefined): string {
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

/** Where an upload goes: a form's file field, or (`replyTo`) the reply to a submission's request. */
export interface UploadTarget {
  tenantId: string;
  formId: string;
  fieldId: string;
  /** Accepted types (`application/pdf`, `image/*`); empty accepts any checked type. */
  accept: readonly string[];
  replyTo: string | null;
}

/** Checks the uploaded bytes of the request and stores them for the target; answers the file's reference. */
export async function storeUpload(ctx: Ctx, request: FastifyRequest, target: UploadTarget): Promise<FileRef> {
  const body = request.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new ProblemError('validation', 'Die Datei ist leer. / The file is empty.', [
      { pointer: '/body', detail: 'Die Datei ist leer. / The file is empty.', code: 'empty' },
    ]);
  }
  const name = cleanFileName(request.headers['x-file-name']);
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || !typeAccepted(type, target.accept) || !/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) {
    throw new ProblemError(
      'unsupported-media-type',
      `Dieser Dateityp ist hier nicht erlaubt (erlaubt: ${target.accept.join(', ')}). / This file type is not accepted here.`,
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
      tenant_id: target.tenantId,
      form_id: target.formId,
      field_id: target.fieldId,
      name: ref.name,
      type,
      size: body.length,
      sha256: sha256Hex(body),
      content: body,
      submission_id: null,
      created_at: ctx.now().toISOString(),
      client: uploadClient(request.ip),
      reply_to: target.replyTo,
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
  return ref;
}

/**
 * Registers upload routes in a scope of their own, where any body type arrives as raw bytes (up to the upload
 * limit), so JSON parsing elsewhere is unchanged.
 */
export function rawBodyScope(app: FastifyInstance, ctx: Ctx, routes: (scope: FastifyInstance) => void): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: ctx.limits.maxUploadBytes },
      (_req, body, done) => done(null, body),
    );
    routes(scope);
  });
}
