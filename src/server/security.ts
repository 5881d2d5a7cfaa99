/** Secrets: access codes, API key checks, idempotency records. Everything random comes from node:crypto. */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';
import { normalizeAccessCode } from '../contract/submission.ts';

/** No 0/O, 1/I/L: codes are read from paper and typed by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACCESS_CODE_LENGTH = 16;

export function sha256(input: string | Buffer): Buffer {
  return createHash('sha256').update(input).digest();
}

export function sha256Hex(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}

/** A random access code (16 characters of a 31-letter alphabet: ~79 bits). */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The stored form of an access code. High-entropy random codes need no slow hash. */
export function hashAccessCode(code: string): string {
  return sha256Hex(`ozg-access-code:${normalizeAccessCode(code)}`);
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A URL-safe random id (for uploads). */
export function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * JSON with sorted object keys, so equal bodies hash equally whatever their key order. Iterative: however deeply
 * a body nests, it cannot exhaust the call stack (the same text as the recursive definition: `undefined` members
 * left out, `undefined` items as `null`).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // What is left to write, last first: a value to serialise, or punctuation already decided.
  const pending: ({ value: unknown } | { text: string })[] = [{ value }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if ('text' in next) {
      out.push(next.text);
      continue;
    }
    const current = next.value;
    if (Array.isArray(current)) {
      pending.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i--) {
        pending.push({ value: current[i] as unknown });
        if (i > 0) pending.push({ text: ',' });
      }
      out.push('[');
    } else if (current && typeof current === 'object') {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record)
        .sort()
        .filter((k) => record[k] !== undefined);
      pending.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        pending.push({ value: record[keys[i]!] });
        pending.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:` });
      }
      out.push('{');
    } else {
      out.push(JSON.stringify(current) ?? 'null');
    }
  }
  return out.join('');
}

/**
 * The receipt of a submission holds the citizen's access code in clear text. To answer retries identically
 * without storing that code readably, the stored receipt is encrypted with a key derived from the client's
 * Idempotency-Key, which only the client knows (the table keeps only a hash of it).
 */
export function idempotencyKeyHash(key: string): string {
  return sha256Hex(`ozg-idempotency-id:${key}`);
}

export function sealResponse(key: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sha256(`ozg-idempotency-enc:${key}`), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function openResponse(key: string, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sha256(`ozg-idempotency-enc:${key}`), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
