/**
 * Where a reply not yet sent is kept for a reload of the tab: one `sessionStorage` entry per reference (never the
 * access code). Small on purpose: the element loads with it, the reply itself (`reply.ts`) only when needed.
 */

/** Prefix of the entry; the reference follows. */
export const REPLY_DRAFT_PREFIX = 'ozg-submission-status:reply:';

/** Whether a reply to the application `reference` waits in this tab. */
export function hasReplyDraft(reference: string): boolean {
  try {
    return globalThis.sessionStorage?.getItem(REPLY_DRAFT_PREFIX + reference) != null;
  } catch {
    return false;
  }
}

/** Forgets the reply kept for `reference`. */
export function dropReplyDraft(reference: string): void {
  try {
    globalThis.sessionStorage?.removeItem(REPLY_DRAFT_PREFIX + reference);
  } catch {
    // Storage blocked: nothing was kept either.
  }
}
