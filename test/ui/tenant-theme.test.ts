import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/ozg-service-catalog.ts';
import '../../src/ozg-submission-status.ts';
import '../../src/ozg-config.ts';
import { testBackend, type TestBackend } from '../helpers/backend.ts';

let backend: TestBackend;
before(async () => {
  backend = await testBackend();
});

/** The value a widget's own rules see for a token (the private `--_ozg-*` variable on its host). */
const token = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(`--_ozg-${name}`).trim();

describe('tenant theme from the backend', () => {
  it("applies the tenant's tokens (stadt-heide sets its own primary colour and radius)", async () => {
    const el = await fixture(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant="stadt-heide"
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => token(el, 'color-primary') === '#0b5c8a', 'tenant theme applied', {
      timeout: 5000,
    });
    expect(token(el, 'radius')).to.equal('4px');
    // Tokens the tenant leaves alone keep their defaults.
    expect(token(el, 'color-error')).to.equal('#b01c1c');
  });

  it("lets the page's own --ozg-* values win over the tenant's", async () => {
    const wrapper = await fixture(
      html`<div style="--ozg-color-primary: #5a2d82">
        <ozg-service-catalog
          endpoint=${backend.endpoint}
          tenant="stadt-heide"
          routing="none"
        ></ozg-service-catalog>
      </div>`,
    );
    const el = wrapper.querySelector('ozg-service-catalog')!;
    await waitUntil(() => token(el, 'radius') === '4px', 'tenant theme applied', { timeout: 5000 });
    expect(token(el, 'color-primary')).to.equal('#5a2d82');
  });

  it('keeps the defaults for a tenant without a theme', async () => {
    const el = await fixture(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant="kreis-dithmarschen"
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="results"]'), 'results', { timeout: 5000 });
    expect(token(el, 'color-primary')).to.equal('#0a57a4');
    expect(token(el, 'radius')).to.equal('0.25rem');
  });

  it("themes every element under the tenant's <ozg-config>, also the status page", async () => {
    const config = await fixture(
      html`<ozg-config endpoint=${backend.endpoint} tenant="stadt-heide">
        <ozg-submission-status routing="none"></ozg-submission-status>
      </ozg-config>`,
    );
    const el = config.querySelector('ozg-submission-status')!;
    await waitUntil(() => token(el, 'color-primary') === '#0b5c8a', 'tenant theme applied', {
      timeout: 5000,
    });
  });

  it("drops the previous tenant's look when the tenant changes", async () => {
    const el = await fixture(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant="stadt-heide"
        routing="none"
      ></ozg-service-catalog>`,
    );
    await waitUntil(() => token(el, 'radius') === '4px', 'tenant theme applied', { timeout: 5000 });
    el.setAttribute('tenant', 'kreis-dithmarschen');
    await waitUntil(() => token(el, 'radius') === '0.25rem', 'default look again', { timeout: 5000 });
    expect(token(el, 'color-primary')).to.equal('#0a57a4');
  });
});
