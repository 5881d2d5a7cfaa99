/** Waits until the element shows something in its shadow root (at most 3 s: stories must never hang). */
export async function until(el: HTMLElement, selector: string): Promise<HTMLElement | null> {
  for (let i = 0; i < 150; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}
