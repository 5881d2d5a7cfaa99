import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { ApiError, type ApiClientOptions } from '../../src/client/index.ts';
import { blockStyles, OzgElement, renderErrorAlert, renderLoading, tokens } from '../../src/ui/index.ts';
import '../../src/ozg-config.ts';

declare global {
  interface GlobalEventHandlersEventMap {
    'ozg-test-ping': CustomEvent<{ n: number }>;
  }
}

/** A minimal element built on the base class, with a scripted fetch. */
class TestElement extends OzgElement {
  static override styles = [tokens, blockStyles];
  // Every request here is the test's own; the tenant theme is tested with real elements.
  static override themed = false;
  fetchImpl: typeof fetch = () => new Promise(() => undefined);
  error: unknown;

  protected override apiOptions(): ApiClientOptions {
    return { fetch: this.fetchImpl };
  }

  protected override render() {
    if (!this.config.ok) return this.renderMissingConfig();
    return litHtml`${this.renderHeading(`Tenant ${this.config.tenant}`)}
      <p id="lang">${this.uiLang}</p>
      ${this.error ? renderErrorAlert({ lang: this.uiLang, error: this.error, onRetry: () => this.emit('ozg-test-ping', { n: 2 }) }) : ''}`;
  }
}
customElements.define('test-ozg-element', TestElement);

describe('OzgElement', () => {
  it('emits typed events that bubble out of shadow roots', async () => {
    const outer = await fixture(html`<div><div id="host"></div></div>`);
    const host = outer.querySelector('#host')!;
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('test-ozg-element') as TestElement;
    root.append(el);
    const received = oneEvent(outer, 'ozg-test-ping');
    el.emit('ozg-test-ping', { n: 1 });
    const event = await received;
    expect(event.detail).to.deep.equal({ n: 1 });
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('shows an accessible message naming the missing settings instead of throwing', async () => {
    const el = await fixture<TestElement>(html`<test-ozg-element></test-ozg-element>`);
    const notice = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(notice).not.to.equal(null);
    expect(notice.textContent).to.contain(
      'Dieses Element ist nicht vollständig eingerichtet: es fehlen die Angaben „endpoint“ (Adresse des Dienstes) und „tenant“ (Kennung der Kommune).',
    );
    await expect(el).to.be.accessible();
  });

  it('names a single missing setting in English', async () => {
    const el = await fixture<TestElement>(
      html`<test-ozg-element lang="en" tenant="heide"></test-ozg-element>`,
    );
    expect(el.shadowRoot!.textContent).to.contain(
      'This element is not fully set up: the setting “endpoint” (address of the service) is missing.',
    );
  });

  it('follows changes of its <ozg-config> and of its own attributes', async () => {
    const config = await fixture(
      html`<ozg-config endpoint="https://a.example.de" tenant="heide">
        <test-ozg-element></test-ozg-element>
      </ozg-config>`,
    );
    const el = config.querySelector('test-ozg-element') as TestElement;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Tenant heide');
    config.setAttribute('tenant', 'meldorf');
    config.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Tenant meldorf');
    expect(el.shadowRoot!.querySelector('#lang')!.textContent).to.equal('en');
    el.tenant = 'own';
    el.setAttribute('lang', 'de');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Tenant own');
    expect(el.shadowRoot!.querySelector('#lang')!.textContent).to.equal('de');
  });

  it('renders its heading at heading-level, clamped to 1–6', async () => {
    const el = await fixture<TestElement>(
      html`<test-ozg-element
        endpoint="https://a.example.de"
        tenant="heide"
        heading-level="4"
      ></test-ozg-element>`,
    );
    expect(el.shadowRoot!.querySelector('h4')).not.to.equal(null);
    el.headingLevel = 9;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h6')).not.to.equal(null);
  });

  it('aborts a pending request when the element is removed', async () => {
    const el = await fixture<TestElement>(
      html`<test-ozg-element endpoint="https://a.example.de" tenant="heide"></test-ozg-element>`,
    );
    let signal: AbortSignal | undefined;
    el.fetchImpl = (_input, init) => {
      signal = init?.signal ?? undefined;
      return new Promise((_, reject) =>
        signal!.addEventListener('abort', () => reject(new DOMException('', 'AbortError'))),
      );
    };
    const pending = el.api!.request('getTenant', { params: { tenant: 'heide' } });
    await new Promise((r) => setTimeout(r));
    expect(signal?.aborted).to.equal(false);
    el.remove();
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.kind).to.equal('aborted');
    expect(signal?.aborted).to.equal(true);
    expect(el.api).to.equal(undefined);
  });

  it('gives no client while the endpoint is missing', async () => {
    const el = await fixture<TestElement>(html`<test-ozg-element tenant="heide"></test-ozg-element>`);
    expect(el.api).to.equal(undefined);
  });

  it('shows an accessible error alert whose retry button works', async () => {
    const el = await fixture<TestElement>(
      html`<test-ozg-element endpoint="https://a.example.de" tenant="heide"></test-ozg-element>`,
    );
    el.error = new ApiError('http', 'HTTP 503', { status: 503 });
    el.requestUpdate();
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Der Dienst ist gerade nicht erreichbar.');
    const retried = oneEvent(el, 'ozg-test-ping');
    alert.querySelector('button')!.click();
    expect((await retried).detail.n).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('answers a 403 for its origin with a neutral message, no retry, and one warning naming the fix', async () => {
    const el = await fixture<TestElement>(
      html`<test-ozg-element endpoint="https://a.example.de" tenant="heide"></test-ozg-element>`,
    );
    el.fetchImpl = async () =>
      new Response(
        JSON.stringify({
          type: 'urn:ozg:problem:forbidden',
          title: 'Verboten',
          status: 403,
          detail: 'Diese Website darf diesen Dienst nicht nutzen. / This website may not use this service.',
        }),
        { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
      );
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      for (let i = 0; i < 2; i++) {
        el.error = await el
          .api!.request('getTenant', { params: { tenant: 'heide' } })
          .catch((e: unknown) => e);
      }
    } finally {
      console.warn = warn;
    }
    el.requestUpdate();
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent!.trim()).to.equal(
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden. Bitte wenden Sie sich an die Betreiber dieser Seite.',
    );
    expect(alert.querySelector('button')).to.equal(null);
    expect(warnings).to.deep.equal([
      `<test-ozg-element>: Der Dienst https://a.example.de lehnt diese Seite ab (403): tragen Sie ${location.origin} in „allowedOrigins“ des Mandanten „heide“ ein.\n` +
        `<test-ozg-element>: The service https://a.example.de refuses this page (403): add ${location.origin} to the "allowedOrigins" of tenant "heide".`,
    ]);
  });
});

describe('renderLoading', () => {
  it('has an accessible name', async () => {
    const el = await fixture(html`<div>${renderLoading({ lang: 'en' })}</div>`);
    const status = el.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-busy')).to.equal('true');
    expect(status.textContent!.trim()).to.equal('Loading …');
    await expect(el).to.be.accessible();
  });
});
