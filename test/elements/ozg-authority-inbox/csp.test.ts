import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { testBackend } from '../../helpers/backend.ts';
import { HEIDE_TREES, demoKey, submitTreeFelling } from '../../helpers/submissions.ts';

/**
 * A host page of another origin than the backend under a strict Content-Security-Policy: no inline scripts or
 * styles, Trusted Types required for script sinks. The status element and the inbox must work there unchanged,
 * file downloads included.
 */
describe('<ozg-submission-status> and <ozg-authority-inbox> under a strict Content-Security-Policy', () => {
  it('shows a status, signs in, opens the application and offers its file with no CSP violation', async () => {
    const backend = await testBackend();
    const receipt = await submitTreeFelling(backend, 'Esche');
    const csp = [
      "default-src 'none'",
      `script-src ${location.origin}`,
      `style-src ${location.origin}`,
      `connect-src ${backend.endpoint}`,
      "require-trusted-types-for 'script'",
    ].join('; ');
    const page = `<!doctype html><html lang="de"><head>
      <meta http-equiv="Content-Security-Policy" content="${csp}">
      <script type="module" src="${location.origin}/src/ozg-submission-status.ts"></script>
      <script type="module" src="${location.origin}/src/ozg-authority-inbox.ts"></script>
      </head><body>
      <ozg-submission-status endpoint="${backend.endpoint}" routing="none" poll-interval="0"></ozg-submission-status>
      <ozg-authority-inbox endpoint="${backend.endpoint}"></ozg-authority-inbox>
      </body></html>`;
    const frame = await fixture<HTMLIFrameElement>(html`<iframe title="CSP" srcdoc=${page}></iframe>`);
    const violations: string[] = [];
    await waitUntil(() => frame.contentDocument?.querySelector('ozg-authority-inbox'), 'frame parsed', {
      timeout: 5000,
    });
    const doc = frame.contentDocument!;
    doc.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));

    const status = doc.querySelector('ozg-submission-status')!;
    await waitUntil(() => status.shadowRoot?.querySelector('#reference'), 'status form', { timeout: 8000 });
    status.shadowRoot!.querySelector<HTMLInputElement>('#reference')!.value = receipt.reference;
    status.shadowRoot!.querySelector<HTMLInputElement>('#access-code')!.value = receipt.accessCode;
    status.shadowRoot!.querySelector<HTMLElement>('[part="submit-button"]')!.click();
    await waitUntil(() => status.shadowRoot!.querySelector('[part="current"]'), 'status shown', {
      timeout: 5000,
    });

    const inbox = doc.querySelector('ozg-authority-inbox')!;
    await waitUntil(() => inbox.shadowRoot?.querySelector('#api-key'), 'sign-in form', { timeout: 8000 });
    inbox.shadowRoot!.querySelector<HTMLInputElement>('#api-key')!.value = demoKey(HEIDE_TREES);
    inbox.shadowRoot!.querySelector<HTMLElement>('[part="sign-in-button"]')!.click();
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part="open-button"]'), 'list', { timeout: 5000 });
    const row = [...inbox.shadowRoot!.querySelectorAll<HTMLElement>('[part="open-button"]')].find(
      (b) => b.textContent!.trim() === receipt.reference,
    )!;
    row.click();
    await waitUntil(() => inbox.shadowRoot!.querySelector('[part="download-button"]'), 'detail', {
      timeout: 5000,
    });
    inbox.shadowRoot!.querySelector<HTMLElement>('[part="download-button"]')!.click();
    await waitUntil(() => inbox.shadowRoot!.querySelector('a[download]'), 'file offered', { timeout: 5000 });

    const heading = status.shadowRoot!.querySelector('[part="heading"]')!;
    expect(frame.contentWindow!.getComputedStyle(heading).lineHeight).not.to.equal('normal');
    expect(violations).to.deep.equal([]);
  });
});
