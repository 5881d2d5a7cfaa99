/**
 * Keeps the stories of a docs page from stealing focus.
 *
 * A docs page renders every story of a file at once. Stories that play a scenario (click „Weiter“, submit,
 * sign in) make the elements move focus exactly as they do for a person: to the error summary, the new heading,
 * the confirmation. On a docs page that scrolled the page down to whichever story moved focus last, and took
 * focus from wherever the reader was. In docs mode each story is therefore rendered in a quiet box: `focus()`
 * on anything inside it (through shadow roots) does nothing until the reader presses a pointer or a key in that
 * story; from then on the element behaves as on a real page. The canvas (one story) is left alone.
 *
 * No Storybook imports here, so the browser tests can render a docs page with the same decorator.
 */
import { html, type TemplateResult } from 'lit';

/** Marks a story's box while the reader has not touched it yet. */
export const QUIET_ATTRIBUTE = 'data-docs-quiet';

/** The quiet box `node` is in, looking through shadow roots, if any. */
function quietBox(node: Node): Element | undefined {
  for (let n: Node | null = node; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
    if (n instanceof Element && n.hasAttribute(QUIET_ATTRIBUTE)) return n;
  }
  return undefined;
}

let installed = false;

/** Makes `focus()` a no-op inside quiet boxes (once per page; elsewhere it is unchanged). */
export function installDocsFocusGuard(): void {
  if (installed) return;
  installed = true;
  for (const proto of [HTMLElement.prototype, SVGElement.prototype]) {
    const focus = proto.focus;
    proto.focus = function (this: HTMLElement | SVGElement, options?: FocusOptions) {
      if (quietBox(this)) return;
      focus.call(this, options);
    };
  }
}

/** The reader touched the story: its elements may move focus from now on. */
function wake(event: Event): void {
  (event.currentTarget as Element).removeAttribute(QUIET_ATTRIBUTE);
}

/**
 * Storybook decorator: in docs mode, the story inside a quiet box (`display: contents`, so the layout is the
 * story's own). Only `viewMode` of Storybook's story context is read.
 */
export function docsFocusDecorator<T>(story: () => T, context?: { viewMode?: string }): T | TemplateResult {
  if (context?.viewMode !== 'docs') return story();
  installDocsFocusGuard();
  // The attribute is QUIET_ATTRIBUTE (lit binds no attribute names).
  return html`<div data-docs-quiet style="display: contents" @pointerdown=${wake} @keydown=${wake}>
    ${story()}
  </div>`;
}
