/**
 * Errors of the API client. Every failure of a request becomes one `ApiError` with a `kind`, so
 * elements can show a polite, localized message (see {@link describeError}) instead of throwing.
 */
import type { Lang, Problem } from '../contract/index.ts';

/**
 * What went wrong:
 * - `network`: no answer (offline, DNS, CORS, connection reset);
 * - `timeout`: no answer in time;
 * - `aborted`: the caller or the element cancelled the request (ignore silently);
 * - `http`: the backend answered with an error status (see `status`, `problem`);
 * - `malformed`: the answer did not match the contract (bad JSON, wrong shape or content type).
 */
export type ApiErrorKind = 'network' | 'timeout' | 'aborted' | 'http' | 'malformed';

/**
 * A mistake in how the page embeds the service, found out after a request failed (the client's `onSetupProblem`):
 * - `origin`: the backend refused this page's origin (403); fix: add `origin` to the tenant's `allowedOrigins`;
 * - `tenant`: the backend does not know `tenant` (404 for it, while `/api/v1/openapi.json` is there); fix the id;
 * - `endpoint`: neither the tenant nor `/api/v1/openapi.json` is found below `endpoint` (404); fix the endpoint;
 * - `blocked`: the browser got no answer it may read, yet the server answers: most likely CORS refuses this
 *   origin, but a proxy failing in front of the backend looks the same; both fixes apply.
 */
export type SetupProblem = {
  kind: 'origin' | 'tenant' | 'endpoint' | 'blocked';
  /** The endpoint the element uses (without `/api/v1`). */
  endpoint: string;
  /** The page's origin (`origin`, `blocked`). */
  origin?: string;
  /** The tenant of the request, if it named one. */
  tenant?: string;
};

/** A failed API request. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** HTTP status of an `http` error. */
  readonly status?: number;
  /** The parsed `application/problem+json` body of an `http` error, when the backend sent one. */
  readonly problem?: Problem;
  /** Seconds to wait before trying again (from `Retry-After`, e.g. on 429 or 503). */
  readonly retryAfter?: number;
  /** Set by the client when the failure comes from how the page embeds the service (see {@link SetupProblem}). */
  setup?: SetupProblem;

  constructor(
    kind: ApiErrorKind,
    message: string,
    extra: { status?: number; problem?: Problem; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.problem !== undefined) this.problem = extra.problem;
    if (extra.retryAfter !== undefined) this.retryAfter = extra.retryAfter;
  }

  /** Field errors of a validation problem (JSON Pointer → message), empty when there are none. */
  get fieldErrors(): NonNullable<Problem['errors']> {
    return this.problem?.errors ?? [];
  }
}

/** True for errors the caller should ignore silently (the request was cancelled on purpose). */
export function isAbortError(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'aborted';
}

/** The setup problem behind a failure, if one was found. */
export function setupProblemOf(error: unknown): SetupProblem | undefined {
  return error instanceof ApiError ? error.setup : undefined;
}

type ErrorKey =
  | 'setup'
  | 'setupOrDown'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'malformed'
  | 'validation'
  | 'notFound'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'rateLimited'
  | 'rateLimitedSeconds'
  | 'tooLarge'
  | 'unsupportedType'
  | 'unknown';

/** Texts kept here (not in `src/ui`) so the client has no dependency on the UI layer. */
const ERROR_TEXTS: Record<Lang, Record<ErrorKey, string>> = {
  de: {
    setup:
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden. Bitte wenden Sie sich an die Betreiber dieser Seite.',
    setupOrDown:
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden oder gerade nicht erreichbar. Bitte versuchen Sie es später erneut oder wenden Sie sich an die Betreiber dieser Seite.',
    unavailable: 'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.',
    network:
      'Der Dienst ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    timeout: 'Der Dienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es erneut.',
    aborted: 'Die Anfrage wurde abgebrochen.',
    malformed: 'Der Dienst hat eine unerwartete Antwort geschickt. Bitte versuchen Sie es später erneut.',
    validation: 'Einige Angaben sind nicht gültig. Bitte prüfen Sie Ihre Eingaben.',
    notFound: 'Das Gesuchte wurde nicht gefunden.',
    unauthorized: 'Bitte melden Sie sich an. Der Zugangsschlüssel fehlt oder ist nicht gültig.',
    forbidden: 'Sie sind dazu nicht berechtigt.',
    conflict: 'Die Anfrage steht im Widerspruch zu einer früheren. Bitte laden Sie die Seite neu.',
    rateLimited: 'Es gab zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
    rateLimitedSeconds:
      'Es gab zu viele Anfragen. Bitte warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.',
    tooLarge: 'Die Datei ist zu groß.',
    unsupportedType: 'Dieser Dateityp wird nicht angenommen.',
    unknown: 'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
  },
  en: {
    setup: 'This service is not set up correctly on this page. Please contact the operators of this website.',
    setupOrDown:
      'This service is not set up correctly on this page, or it cannot be reached right now. Please try again later or contact the operators of this website.',
    unavailable: 'The service is currently unavailable. Please try again in a few minutes.',
    network: 'The service cannot be reached. Please check your internet connection and try again.',
    timeout: 'The service did not answer in time. Please try again.',
    aborted: 'The request was cancelled.',
    malformed: 'The service sent an unexpected answer. Please try again later.',
    validation: 'Some entries are not valid. Please check your input.',
    notFound: 'What you are looking for was not found.',
    unauthorized: 'Please sign in. The access key is missing or not valid.',
    forbidden: 'You are not allowed to do this.',
    conflict: 'The request conflicts with an earlier one. Please reload the page.',
    rateLimited: 'There were too many requests. Please wait a moment and try again.',
    rateLimitedSeconds: 'There were too many requests. Please wait {seconds} seconds and try again.',
    tooLarge: 'The file is too large.',
    unsupportedType: 'This file type is not accepted.',
    unknown: 'Something went wrong. Please try again.',
  },
};

function errorKey(error: unknown): ErrorKey {
  if (!(error instanceof ApiError)) return 'unknown';
  if (error.setup) return error.setup.kind === 'blocked' ? 'setupOrDown' : 'setup';
  switch (error.kind) {
    case 'network':
      return 'network';
    case 'timeout':
      return 'timeout';
    case 'aborted':
      return 'aborted';
    case 'malformed':
      return 'malformed';
    case 'http':
      break;
  }
  const status = error.status ?? 0;
  if (status === 429) return error.retryAfter ? 'rateLimitedSeconds' : 'rateLimited';
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 413) return 'tooLarge';
  if (status === 415) return 'unsupportedType';
  if (status >= 500) return 'unavailable';
  return 'unknown';
}

/**
 * A message for people, in German or English, for any error (an `ApiError` or anything else).
 * It never contains internals: the backend's own texts are not shown here (field errors are shown
 * by the forms next to their fields). A setup problem gets a neutral sentence for citizens; the
 * fix for the webmaster goes to the console (see `OzgElement`).
 */
export function describeError(error: unknown, lang: Lang): string {
  const texts = ERROR_TEXTS[lang] ?? ERROR_TEXTS.de;
  const key = errorKey(error);
  const seconds = error instanceof ApiError && error.retryAfter ? Math.ceil(error.retryAfter) : 0;
  return texts[key].replace('{seconds}', String(seconds));
}
