import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { OzgConfigChangeDetail } from '../../ui/ozg-element.ts';

/**
 * Shared settings for the ozg elements inside it, or for all ozg elements of the page when they are
 * not inside any `<ozg-config>`. Renders only its children (`display: contents`).
 *
 * Settings on an element itself win over its `<ozg-config>`; the nearest ancestor config wins over
 * outer ones; without an ancestor config, elements use the first `<ozg-config>` of the document.
 * Elements read the attributes (not properties), so settings work even before this element is
 * defined.
 *
 * ```html
 * <ozg-config endpoint="https://ozg.example.de" tenant="kreis-dithmarschen" lang="de">
 *   <ozg-service-catalog></ozg-service-catalog>
 * </ozg-config>
 * ```
 *
 * @summary Shared settings (endpoint, tenant, language) for the ozg elements on a page.
 * @attr lang - Language of the elements inside, `de` (default) or `en`; without it the nearest `lang` of
 *   the page applies.
 * @tag ozg-config
 * @slot - The elements that use these settings (any content).
 * @event ozg-config-change - Bubbling and composed; fired when a setting changes or the config is
 *   added to or removed from the page (then from the document). Elements resolve their settings again.
 */
export class OzgConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override get observedAttributes(): string[] {
    // `lang` is a native attribute; observe it too so a language switch reaches the elements.
    return [...super.observedAttributes, 'lang'];
  }

  /** Address of the backend, e.g. `https://ozg.example.de` (the client appends `/api/v1`). */
  @property({ reflect: true }) endpoint?: string;

  /** Tenant (municipality) id, e.g. `kreis-dithmarschen`. */
  @property({ reflect: true }) tenant?: string;

  #pending: string | null | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#notify(null);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // No longer in the tree: tell the document directly so elements fall back to other configs.
    this.ownerDocument.dispatchEvent(this.#event(null));
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (old !== value && this.isConnected) this.#notify(name);
  }

  #event(attribute: string | null): CustomEvent<OzgConfigChangeDetail> {
    return new CustomEvent('ozg-config-change', { detail: { attribute }, bubbles: true, composed: true });
  }

  /** Several changes in one task (e.g. while parsing) become one event. */
  #notify(attribute: string | null): void {
    if (this.#pending !== undefined) {
      if (this.#pending !== attribute) this.#pending = null;
      return;
    }
    this.#pending = attribute;
    queueMicrotask(() => {
      const pending = this.#pending ?? null;
      this.#pending = undefined;
      if (this.isConnected) this.dispatchEvent(this.#event(pending));
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ozg-config': OzgConfig;
  }
}
