/**
 * Events shared by every element. `ozg-error` is fired by any element whose work failed, with the same
 * shape everywhere, so a host page can log or react to failures of all widgets with one listener.
 */
import { ApiError } from '../client/index.ts';

/** Detail of `ozg-error`. */
export interface OzgErrorDetail {
  /**
   * What failed, in the element's words: a short stable code such as `load`, `submit` or `upload`
   * (each element documents its codes).
   */
  code: string;
  /** The polite, localized message the element also shows. */
  message: string;
  /** True when trying again may succeed (no connection, a timeout, an overloaded or failing backend). */
  retryable: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-error': CustomEvent<OzgErrorDetail>;
  }
}

/**
 * Whether a failure is worth trying again: a lost connection, a timeout, a malformed answer (a proxy in the
 * way), 408, 429 and 5xx. A request the backend refused on its merits (404, 413, 422 …) will fail again.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.kind !== 'http') return error.kind !== 'aborted';
  const status = error.status ?? 0;
  return status === 408 || status === 429 || status >= 500;
}

/** The detail of an `ozg-error` for a failure `error` (its retryability) shown as `message`. */
export function errorDetail(code: string, message: string, error: unknown): OzgErrorDetail {
  return { code, message, retryable: isRetryable(error) };
}
