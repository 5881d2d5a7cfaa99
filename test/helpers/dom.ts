/** Small look-ups into an element's shadow root for the browser tests. */
import { waitUntil } from '@open-wc/testing';
export const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;
export const part = (el: HTMLElement, name: string): HTMLElement | null =>
  root(el).querySelector<HTMLElement>(`[part="${name}"]`);
/** The text of a part with whitespace collapsed ('' when it is not there). */
export const text = (el: HTMLElement, name: string): string =>
  part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * Presses the form's "Weiter" and waits until it is done, also for the look-up of the responsible authority when the
 * step names the place of the matter (the button says it is busy meanwhile).
 */
export async function nextStep(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  part(el, 'next-button')!.click();
  await el.updateComplete;
  await waitUntil(
    () => part(el, 'next-button')?.getAttribute('aria-disabled') !== 'true',
    'the place look-up did not end',
  );
  await el.updateComplete;
}
