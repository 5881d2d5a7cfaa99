/** Small look-ups into an element's shadow root for the browser tests. */
export const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;
export const part = (el: HTMLElement, name: string): HTMLElement | null =>
  root(el).querySelector<HTMLElement>(`[part="${name}"]`);
/** The text of a part with whitespace collapsed ('' when it is not there). */
export const text = (el: HTMLElement, name: string): string =>
  part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
