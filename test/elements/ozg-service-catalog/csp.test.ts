import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { testBackend } from '../../helpers/backend.ts';

/**
 * A host page of another origin than the backend under a strict Content-Security-Policy: no inline
 * scripts or styles, Trusted Types required for script sinks. The catalog must work there unchanged.
 */
describe('<ozg-service-catalog> under a strict Content-Security-Policy', () => {
  it('searches and opens a service with no CSP violation', async () => {
    const { endpoint, tenant } = await testBackend();
    const csp = [
      "default-src 'none'",
      `script-src ${location.origin}`,
      `style-src ${location.origin}`,
      `connect-src ${endpoint}`,
      "require-trusted-types-for 'script'",
    ].join('; ');
    const page = `<!doctype html><html lang="de"><head>
      <meta http-equiv="Content-Security-Policy" content="${csp}">
      <script type="module" src="${location.origin}/src/ozg-service-catalog.ts"></script>
      </head><body>
      <ozg-service-catalog endpoint="${endpoint}" tenant="${tenant}" routing="none"></ozg-service-catalog>
      </body></html>`;
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="CSP" srcdoc=${page}></iframe>`);
    const violations: string[] = [];
    // The srcdoc replaces the initial blank document; listen as soon as its body is parsed, before the
    // deferred module script runs.
    await waitUntil(() => frame.contentDocument?.querySelector('ozg-service-catalog'), 'frame parsed', {
      timeout: 5000,
    });
    const doc = frame.contentDocument!;
    doc.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const el = doc.querySelector('ozg-service-catalog')!;
    await waitUntil(() => el.shadowRoot?.querySelector('[part="results"]'), 'results', { timeout: 8000 });
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#ozg-search')!;
    input.value = 'Gewerbe';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="result-link"]').length === 1, 'one result');
    el.shadowRoot!.querySelector<HTMLElement>('[part="result-link"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="detail"]'), 'detail', { timeout: 5000 });
    // Styles arrive as constructed style sheets, which the policy allows.
    const heading = el.shadowRoot!.querySelector('[part="heading"]')!;
    expect(frame.contentWindow!.getComputedStyle(heading).lineHeight).not.to.equal('normal');
    expect(violations).to.deep.equal([]);
  });
});
