/**
 * Registering the elements. Two CMS plugins may each ship the widgets, so a page can load two copies: the first
 * registers a tag, and the second cannot (custom element names are global). That copy's elements are then never
 * used, which is easy to miss; the page's console says so once per tag.
 */

/** The version of this copy of the widgets (kept equal to package.json's by a test). */
export const VERSION = '0.1.0';

/** Where a registered class says which version of the widgets registered it. */
const MARK = 'ozgVersion';

/** Registers `tag` unless it is registered already; warns when another copy of the widgets registered it. */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
    Object.defineProperty(element, MARK, { value: VERSION, configurable: true });
    return;
  }
  if (existing === element) return;
  const other = (existing as unknown as Record<string, unknown>)[MARK] ?? 'unknown';
  console.warn(
    `ozg-widgets ${VERSION}: <${tag}> is already registered by another copy of the widgets (version ${String(other)}); ` +
      'this copy is not used. Load the widgets only once per page.',
  );
}
