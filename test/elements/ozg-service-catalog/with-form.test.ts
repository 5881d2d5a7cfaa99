/**
 * The catalog on a page that loaded only the catalog: "Online beantragen" fetches the real `<ozg-form>` and
 * shows the service's form in place, against the real backend. (The other catalog tests use a stand-in.)
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/ozg-service-catalog.ts';
import { testBackend } from '../../helpers/backend.ts';

describe('<ozg-service-catalog> with the real form', () => {
  it('loads <ozg-form> on demand and shows the first step of the service’s form in place', async () => {
    const backend = await testBackend();
    expect(customElements.get('ozg-form'), 'nothing loaded the form yet').to.equal(undefined);
    const el = await fixture<HTMLElement>(
      html`<ozg-service-catalog
        endpoint=${backend.endpoint}
        tenant=${backend.tenant}
        service="baumfaellgenehmigung"
        routing="none"
      ></ozg-service-catalog>`,
    );
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part="start-button"]'), 'detail', { timeout: 5000 });
    root.querySelector<HTMLButtonElement>('[part="start-button"]')!.click();
    await waitUntil(() => customElements.get('ozg-form'), 'form module loaded', { timeout: 10000 });
    await waitUntil(() => root.querySelector('ozg-form'), 'ozg-form in place', { timeout: 5000 });
    const formEl = root.querySelector('ozg-form')!;
    await waitUntil(() => formEl.shadowRoot?.querySelector('input, select, textarea'), 'first step', {
      timeout: 10000,
    });
    // Sub-heading of the catalog's heading; the form speaks the catalog's language.
    expect(formEl.getAttribute('heading-level')).to.equal('3');
    expect(formEl.shadowRoot!.textContent).to.match(/Schritt 1 von \d/);
    await expect(el).to.be.accessible();
  });
});
