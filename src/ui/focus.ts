/** Moving focus to a part of the shadow root once a render shows it: after every view change. */
import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * A controller that focuses the element matching a selector in its host's render root after the next render
 * that shows it (a heading after a view change, a message after a failure, a field with an error).
 */
export class FocusAfterRender implements ReactiveController {
  readonly #host: ReactiveElement;
  #selector: string | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Asks for focus on `selector` once it is rendered; a later request replaces an earlier one. */
  request(selector: string): void {
    this.#selector = selector;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#selector) return;
    const target = this.#host.renderRoot.querySelector<HTMLElement>(this.#selector);
    if (target) {
      this.#selector = undefined;
      target.focus();
    }
  }
}
