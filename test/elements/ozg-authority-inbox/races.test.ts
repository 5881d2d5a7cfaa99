/**
 * A caseworker who does not wait: answers that arrive after they moved on must not pull them back, and a list
 * that shrank under them must not leave them on an empty page. Faults and delays are injected into `fetch`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ApiClientOptions } from '../../../src/client/index.ts';
import { OzgAuthorityInbox } from '../../../src/ozg-authority-inbox.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import { choose, openApplication, part, references, root, save, signIn } from '../../helpers/inbox.ts';
import { KREIS_TREES, KREIS_WEAPONS, demoKey, submitWeaponsLicence } from '../../helpers/submissions.ts';

/** The inbox with a `fetch` the test can slow down or break per request. */
class SlowInbox extends OzgAuthorityInbox {
  hold: (url: URL, init?: RequestInit) => Promise<void> | 'fail' | undefined = () => undefined;
  protected override apiOptions(): Omit<ApiClientOptions, 'signal'> {
    return {
      ...super.apiOptions(),
      retry: { attempts: 1 },
      fetch: async (input, init) => {
        const held = this.hold(new URL(String(input)), init);
        if (held === 'fail') throw new TypeError('Failed to fetch');
        if (held) await held;
        return fetch(input, init);
      },
    };
  }
}
customElements.define('slow-authority-inbox', SlowInbox);

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let backend: TestBackend;

async function mount(pageSize = 100): Promise<SlowInbox> {
  const el = await fixture<SlowInbox>(
    html`<slow-authority-inbox endpoint=${backend.endpoint} page-size=${pageSize}></slow-authority-inbox>`,
  );
  await el.updateComplete;
  return el;
}

describe('<ozg-authority-inbox> when the caseworker moves on', () => {
  before(async () => {
    backend = await testBackend();
    await submitWeaponsLicence(backend, 'Birke');
    await submitWeaponsLicence(backend, 'Linde');
  });

  it('shows the last page when forwarding emptied the page shown', async () => {
    const el = await mount(1);
    await signIn(el, demoKey(KREIS_WEAPONS));
    // To the last page.
    for (;;) {
      const next = part(el, 'pagination')!.querySelectorAll('button')[1]!;
      if (next.disabled) break;
      const before = part(el, 'pagination')!.textContent;
      next.click();
      // The next page is shown once it has loaded (while loading, there is no pagination at all).
      await waitUntil(
        () =>
          !part(el, 'loading') && part(el, 'pagination') && part(el, 'pagination')!.textContent !== before,
        'next page',
        { timeout: 5000 },
      );
    }
    await openApplication(el, references(el)[0]!);
    choose(el, 'forwarded');
    await el.updateComplete;
    const select = root(el).querySelector<HTMLSelectElement>('#target')!;
    select.value = KREIS_TREES;
    select.dispatchEvent(new Event('change'));
    await save(el);
    await waitUntil(
      () => !part(el, 'loading') && references(el).length === 1,
      'a full page after forwarding',
      {
        timeout: 5000,
      },
    );
    // Now on the new last page (a single page needs no pagination).
    const pagination = part(el, 'pagination');
    if (pagination) {
      const [, shown, of] = pagination.textContent!.match(/Seite (\d+) von (\d+)/)!;
      expect(shown, 'the last page').to.equal(of);
    }
  });

  it('stays on the list when a status change finishes after "Zurück zur Liste"', async () => {
    const fresh = await submitWeaponsLicence(backend, 'Eibe');
    const el = await mount();
    await signIn(el, demoKey(KREIS_WEAPONS));
    await openApplication(el, fresh.reference);
    let release: () => void = () => undefined;
    el.hold = (url, init) =>
      init?.method === 'POST' && url.pathname.endsWith('/events')
        ? new Promise<void>((resolve) => (release = resolve))
        : undefined;
    choose(el, 'in-progress');
    await el.updateComplete;
    part(el, 'save-button')!.click();
    await el.updateComplete;
    part(el, 'back-button')!.click();
    await waitUntil(() => part(el, 'list'), 'list after back', { timeout: 5000 });
    release();
    await wait(500);
    expect(part(el, 'list'), 'still on the list').to.exist;
    expect(part(el, 'answers')).to.equal(null);
    expect(root(el).querySelector('[aria-live]')!.textContent).to.contain('In Bearbeitung');
  });

  it('keeps the focus on a busy save button and sends one status change for two presses', async () => {
    const fresh = await submitWeaponsLicence(backend, 'Esche');
    const el = await mount();
    await signIn(el, demoKey(KREIS_WEAPONS));
    await openApplication(el, fresh.reference);
    let release: () => void = () => undefined;
    let posts = 0;
    el.hold = (url, init) => {
      if (init?.method !== 'POST' || !url.pathname.endsWith('/events')) return undefined;
      posts += 1;
      return new Promise<void>((resolve) => (release = resolve));
    };
    choose(el, 'in-progress');
    await el.updateComplete;
    const button = part(el, 'save-button')!;
    button.focus();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(root(el).activeElement, 'focus stays on the busy button').to.equal(button);
    button.click();
    await el.updateComplete;
    release();
    await waitUntil(() => part(el, 'notice'), 'saved notice', { timeout: 5000 });
    expect(posts).to.equal(1);
  });

  it('hands out no file after signing out while it was loading', async () => {
    const el = await mount();
    await signIn(el, demoKey(KREIS_WEAPONS));
    await openApplication(el, references(el)[0]!);
    el.hold = (url) => (url.pathname.includes('/files/') ? wait(400) : undefined);
    const created: string[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      const url = original(blob);
      created.push(url);
      return url;
    };
    try {
      const button = part(el, 'download-button')!;
      button.focus();
      button.click();
      await el.updateComplete;
      // The button says it is busy but keeps the focus.
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(root(el).activeElement).to.equal(button);
      part(el, 'sign-out-button')!.click();
      await wait(800);
      expect(created).to.deep.equal([]);
    } finally {
      URL.createObjectURL = original;
    }
  });

  it('explains a failed list of authorities where forwarding needs it, and loads it again', async () => {
    const el = await mount();
    el.hold = (url) => (url.pathname.endsWith('/authority/authorities') ? 'fail' : undefined);
    const reported: string[] = [];
    el.addEventListener('ozg-error', (e) => reported.push(e.detail.code));
    await signIn(el, demoKey(KREIS_WEAPONS));
    // The page hears of it at sign-in already, as it does when a later reload fails.
    expect(reported).to.deep.equal(['authorities']);
    await openApplication(el, references(el)[0]!);
    choose(el, 'forwarded');
    await el.updateComplete;
    expect(part(el, 'action-form')!.textContent).to.contain('Liste der Behörden konnte nicht geladen werden');
    await expect(el).to.be.accessible();
    el.hold = () => undefined;
    part(el, 'action-form')!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => root(el).querySelector('#target'), 'the authorities after retry', {
      timeout: 5000,
    });
  });

  it('opens the same application again with "Erneut versuchen"', async () => {
    const el = await mount();
    await signIn(el, demoKey(KREIS_WEAPONS));
    const reference = references(el)[0]!;
    el.hold = (url) => (/\/authority\/submissions\/[^/]+$/.test(url.pathname) ? 'fail' : undefined);
    await openApplication(el, reference);
    expect(part(el, 'retry-button')).to.exist;
    el.hold = () => undefined;
    part(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'answers'), 'application after retry', { timeout: 5000 });
    expect(root(el).textContent).to.contain(reference);
  });
});
