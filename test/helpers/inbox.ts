/** Drives `<ozg-authority-inbox>` as a caseworker would (clicks and typing), for the browser tests. */
import { waitUntil } from '@open-wc/testing';
import { ApiClient } from '../../src/client/index.ts';
import type { FileRef } from '../../src/contract/form-definition.ts';
import type { SubmissionReceipt } from '../../src/contract/submission.ts';
import type { OzgAuthorityInbox } from '../../src/ozg-authority-inbox.ts';
import type { TestBackend } from './backend.ts';
import { part, root, text } from './dom.ts';

export { part, root, text };

export async function signIn(el: OzgAuthorityInbox, key: string): Promise<void> {
  root(el).querySelector<HTMLInputElement>('#api-key')!.value = key;
  part(el, 'sign-in-button')!.click();
  await el.updateComplete;
  // Settled: the list (or its empty or error state) is shown and nothing is loading any more.
  await waitUntil(
    () => !part(el, 'loading') && (part(el, 'list') || root(el).querySelector('.empty') || part(el, 'error')),
    'no answer',
    {
      timeout: 5000,
    },
  );
}

/** The references in the list of the current page. */
export const references = (el: HTMLElement): string[] =>
  [...root(el).querySelectorAll('[part="open-button"]')].map((b) => b.textContent!.trim());

export async function openApplication(el: OzgAuthorityInbox, reference: string): Promise<void> {
  const button = [...root(el).querySelectorAll<HTMLElement>('[part="open-button"]')].find(
    (b) => b.textContent!.trim() === reference,
  );
  if (!button) throw new Error(`${reference} is not in the list`);
  button.click();
  await el.updateComplete;
  await waitUntil(() => part(el, 'answers') || part(el, 'error'), 'application not shown', { timeout: 5000 });
}

export function choose(el: HTMLElement, action: string): void {
  root(el).querySelector<HTMLInputElement>(`#action-${action}`)!.click();
}

export function writeMessage(el: HTMLElement, message: string): void {
  const area = root(el).querySelector<HTMLTextAreaElement>('#message')!;
  area.value = message;
  area.dispatchEvent(new Event('input'));
}

export async function save(el: OzgAuthorityInbox): Promise<void> {
  part(el, 'save-button')!.click();
  await el.updateComplete;
  await waitUntil(() => part(el, 'save-button')?.getAttribute('aria-disabled') !== 'true', 'save hangs', {
    timeout: 5000,
  });
  await el.updateComplete;
}

/** Chooses a new status, writes the message and saves. */
export async function setStatus(el: OzgAuthorityInbox, action: string, message = ''): Promise<void> {
  choose(el, action);
  await el.updateComplete;
  if (message) writeMessage(el, message);
  await save(el);
}

/**
 * The citizen answers a request for information as `<ozg-submission-status>` does: uploads the files with the
 * access code, then sends the reply. Returns the files' references.
 */
export async function citizenReplies(
  backend: TestBackend,
  receipt: SubmissionReceipt,
  message: string,
  files: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }[] = [],
): Promise<FileRef[]> {
  const api = new ApiClient(backend.endpoint);
  const refs: FileRef[] = [];
  for (const file of files) {
    const blob = Object.assign(new Blob([file.bytes], { type: file.type }), { name: file.name });
    refs.push(await api.uploadReplyFile({ reference: receipt.reference }, receipt.accessCode, blob));
  }
  await api.request('replyToRequest', {
    body: {
      idOrReference: receipt.reference,
      accessCode: receipt.accessCode,
      message,
      files: refs.map((f) => f.uploadId),
    },
  });
  return refs;
}
