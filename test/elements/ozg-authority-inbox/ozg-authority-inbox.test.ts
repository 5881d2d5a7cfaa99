import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiClient } from '../../../src/client/index.ts';
import type { SubmissionReceipt } from '../../../src/contract/submission.ts';
import { formatBytes } from '../../../src/forms/messages.ts';
import { OzgAuthorityInbox } from '../../../src/ozg-authority-inbox.ts';
import { testBackend, type TestBackend } from '../../helpers/backend.ts';
import {
  choose,
  openApplication as open,
  part,
  references,
  root,
  save,
  signIn,
  text,
  writeMessage,
} from '../../helpers/inbox.ts';
import {
  HEIDE_TREES,
  KREIS_CARS,
  KREIS_TREES,
  PHOTO_BYTES,
  demoKey,
  submitTreeFelling,
} from '../../helpers/submissions.ts';

let backend: TestBackend;

const focused = (el: HTMLElement) => root(el).activeElement;

async function mount(pageSize = 100, lang = 'de'): Promise<OzgAuthorityInbox> {
  const el = await fixture<OzgAuthorityInbox>(
    html`<ozg-authority-inbox
      endpoint=${backend.endpoint}
      page-size=${pageSize}
      lang=${lang}
    ></ozg-authority-inbox>`,
  );
  await el.updateComplete;
  return el;
}

async function status(receipt: SubmissionReceipt) {
  return new ApiClient(backend.endpoint).request('getStatus', {
    body: { idOrReference: receipt.reference, accessCode: receipt.accessCode },
  });
}

describe('<ozg-authority-inbox>', () => {
  let first: SubmissionReceipt;
  let second: SubmissionReceipt;

  before(async () => {
    backend = await testBackend();
    first = await submitTreeFelling(backend, 'Eiche');
    second = await submitTreeFelling(backend, 'Kastanie');
  });

  it('refuses a wrong key with a clear message and keeps no key anywhere', async () => {
    const el = await mount();
    const input = root(el).querySelector<HTMLInputElement>('#api-key')!;
    expect(input.type).to.equal('password');
    await expect(el).to.be.accessible();

    part(el, 'sign-in-button')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('#api-key-error')!.textContent).to.contain('API-Schlüssel ein');
    expect(focused(el)).to.equal(input);

    const reported = oneEvent(el, 'ozg-error');
    await signIn(el, 'demo-niemand');
    expect((await reported).detail).to.include({ code: 'sign-in', retryable: false });
    expect(text(el, 'error')).to.equal(
      'Dieser API-Schlüssel ist nicht gültig. Bitte prüfen Sie ihn und versuchen Sie es erneut.',
    );
    expect(focused(el)?.id).to.equal('sign-in-error');
    expect(part(el, 'list')).to.equal(null);
    await expect(el).to.be.accessible();

    await signIn(el, demoKey(HEIDE_TREES));
    const key = demoKey(HEIDE_TREES);
    const stored = [...Object.values(localStorage), ...Object.values(sessionStorage)].join('\n');
    expect(stored).not.to.contain(key);
    expect(location.href).not.to.contain(key);
    expect(el.outerHTML).not.to.contain(key);
    expect(root(el).querySelector('#api-key')).to.equal(null);

    part(el, 'sign-out-button')!.click();
    await el.updateComplete;
    expect(root(el).querySelector<HTMLInputElement>('#api-key')!.value).to.equal('');
    expect(part(el, 'list')).to.equal(null);
    expect(root(el).querySelector('[aria-live]')!.textContent).to.contain('abgemeldet');
  });

  it("lists the authority's applications newest first and shows answers with the form's labels and files", async () => {
    const el = await mount();
    await signIn(el, demoKey(HEIDE_TREES));
    expect(text(el, 'account')).to.contain('Stadt Heide – Fachbereich Bauen und Umwelt');
    const refs = references(el);
    expect(refs.indexOf(second.reference)).to.be.within(0, refs.indexOf(first.reference) - 1);
    await expect(el).to.be.accessible();

    // Where the application is from: the Gemeinde of the plot, by name beside its ARS.
    const row = [...part(el, 'list')!.querySelectorAll('tbody tr')].find((r) =>
      r.textContent!.includes(first.reference),
    )!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent!.trim())).to.include('Heide');

    await open(el, first.reference);
    expect(text(el, 'heading')).to.contain(first.reference);
    const meta = [...root(el).querySelectorAll('.meta > div')].map((d) =>
      d.textContent!.replace(/\s+/g, ' ').trim(),
    );
    // Names, not codes: the Gemeinde by name with its ARS, the applicant's language by name.
    expect(meta).to.include('Gemeinde Heide (010510044044)');
    expect(meta).to.include('Sprache der antragstellenden Person Deutsch');
    // Each of these values is one line, without blank lines from the template around it.
    for (const dd of root(el).querySelectorAll<HTMLElement>('.meta dd')) {
      const line = parseFloat(getComputedStyle(dd).lineHeight);
      expect(dd.getBoundingClientRect().height, dd.textContent!).to.be.below(line * 1.9);
    }
    // The status is a label, not something to click: no border like the buttons, no pointer.
    const badge = part(el, 'status')!;
    const look = getComputedStyle(badge);
    expect(look.borderTopStyle).to.equal('none');
    expect(look.cursor).to.equal('default');
    expect(getComputedStyle(part(el, 'back-button')!).borderTopStyle).to.equal('solid');
    expect(badge.closest('button, a, [role="button"]')).to.equal(null);
    const answers = part(el, 'answers')!;
    const headings = [...answers.querySelectorAll('h4')].map((h) => h.textContent!.trim());
    expect(headings).to.include.members(['Antragstellende Person', 'Bäume', 'Fotos und Unterlagen']);
    const rows = [...answers.querySelectorAll('dt')].map((dt) => [
      dt.textContent!.trim(),
      dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim(),
    ]);
    expect(rows).to.deep.include(['Vorname', 'Erika']);
    expect(rows.find(([label]) => label === 'Baumart')?.[1]).to.equal('Eiche');
    expect(answers.textContent).to.contain('Der Baum ist krank oder abgestorben');
    await expect(el).to.be.accessible();

    const download = part(el, 'download-button')!;
    // The size as the form showed it when the file was chosen (both use the form engine's formatBytes).
    expect(download.textContent!.trim()).to.equal(
      `baum.png herunterladen (${formatBytes(PHOTO_BYTES.length, 'de')})`,
    );
    download.click();
    await waitUntil(() => part(el, 'files')!.querySelector('a[download]'), 'file not offered', {
      timeout: 5000,
    });
    const link = part(el, 'files')!.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(link.href).to.match(/^blob:/);
    expect(link.getAttribute('download')).to.equal('baum.png');
    const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
    expect([...bytes]).to.deep.equal([...PHOTO_BYTES]);
    await expect(el).to.be.accessible();

    part(el, 'back-button')!.click();
    await el.updateComplete;
    await waitUntil(() => part(el, 'list'), 'list not back');
    expect(focused(el)?.id).to.equal('title');
  });

  it('moves an application along with messages the citizen sees', async () => {
    const fresh = await submitTreeFelling(backend, 'Birke');
    const el = await mount();
    await signIn(el, demoKey(HEIDE_TREES));
    await open(el, fresh.reference);

    choose(el, 'info-requested');
    await el.updateComplete;
    await save(el);
    expect(root(el).querySelector('#message-error')!.textContent).to.contain('was benötigt wird');
    expect(focused(el)?.id).to.equal('message');
    await expect(el).to.be.accessible();

    const event = oneEvent(el, 'ozg-status-event');
    writeMessage(el, 'Bitte reichen Sie einen Lageplan nach.');
    await save(el);
    expect((await event).detail).to.deep.equal({
      submissionId: fresh.id,
      reference: fresh.reference,
      type: 'info-requested',
    });
    expect(text(el, 'notice')).to.equal('Stand gespeichert: Angaben nachgefordert.');
    expect(text(el, 'status')).to.equal('Angaben nachgefordert');
    expect(text(el, 'timeline')).to.contain('Bitte reichen Sie einen Lageplan nach.');
    const citizen = await status(fresh);
    expect(citizen.status).to.equal('info-requested');
    expect(citizen.events.at(-1)?.message).to.equal('Bitte reichen Sie einen Lageplan nach.');

    choose(el, 'completed');
    await save(el);
    expect(text(el, 'status')).to.equal('Abgeschlossen');
    expect(part(el, 'action-form')).to.equal(null);
    expect(root(el).textContent).to.contain('abgeschlossen; sein Stand kann nicht mehr geändert werden');
    await expect(el).to.be.accessible();
  });

  it("forwarding moves the application to the other authority's inbox only", async () => {
    const fresh = await submitTreeFelling(backend, 'Ulme');
    const el = await mount();
    await signIn(el, demoKey(HEIDE_TREES));
    await open(el, fresh.reference);
    choose(el, 'forwarded');
    await el.updateComplete;
    await save(el);
    expect(root(el).querySelector('#target-error')!.textContent).to.contain('Stelle');
    expect(focused(el)?.id).to.equal('target');
    const select = root(el).querySelector<HTMLSelectElement>('#target')!;
    expect([...select.options].map((o) => o.value)).not.to.include(HEIDE_TREES);
    select.value = KREIS_TREES;
    select.dispatchEvent(new Event('change'));
    writeMessage(el, 'Zuständig ist die Untere Naturschutzbehörde.');
    await save(el);
    await waitUntil(() => part(el, 'list'), 'list not shown after forwarding', { timeout: 5000 });
    expect(text(el, 'notice')).to.contain(
      `Antrag ${fresh.reference} wurde an Kreis Dithmarschen – Untere Naturschutzbehörde`,
    );
    expect(references(el)).not.to.include(fresh.reference);
    await expect(el).to.be.accessible();

    part(el, 'sign-out-button')!.click();
    await el.updateComplete;
    await signIn(el, demoKey(KREIS_TREES));
    expect(references(el)).to.include(fresh.reference);
    part(el, 'sign-out-button')!.click();
    await el.updateComplete;
    await signIn(el, demoKey(KREIS_CARS));
    expect(references(el)).not.to.include(fresh.reference);

    const citizen = await status(fresh);
    expect(citizen.status).to.equal('forwarded');
    expect(citizen.authority.id).to.equal(KREIS_TREES);
  });

  it('pages through the list', async () => {
    const el = await mount(1);
    await signIn(el, demoKey(HEIDE_TREES));
    const pagination = part(el, 'pagination')!;
    expect(pagination.textContent).to.match(/Seite 1 von \d+/);
    const [previous, next] = pagination.querySelectorAll('button');
    expect(previous!.disabled).to.equal(true);
    const onFirst = references(el);
    expect(onFirst).to.have.length(1);
    next!.click();
    await el.updateComplete;
    await waitUntil(() => part(el, 'pagination')?.textContent?.includes('Seite 2'), 'no page 2', {
      timeout: 5000,
    });
    expect(references(el)).to.have.length(1);
    expect(references(el)).not.to.deep.equal(onFirst);
    await expect(el).to.be.accessible();
  });

  it('is usable with the keyboard alone', async () => {
    const fresh = await submitTreeFelling(backend, 'Pappel');
    const el = await mount();
    root(el).querySelector<HTMLInputElement>('#api-key')!.focus();
    await sendKeys({ type: demoKey(HEIDE_TREES) });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'list'), 'not signed in', { timeout: 5000 });
    expect(focused(el)?.id).to.equal('title');

    const tabTo = async (found: () => boolean, what: string) => {
      for (let i = 0; i < 60 && !found(); i++) await sendKeys({ press: 'Tab' });
      expect(found(), `reached ${what} with Tab`).to.equal(true);
    };
    await tabTo(
      () => focused(el)?.getAttribute('aria-label') === `Antrag ${fresh.reference} öffnen`,
      'the row',
    );
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'answers'), 'application not opened', { timeout: 5000 });
    expect(focused(el)?.id).to.equal('title');

    await tabTo(() => (focused(el) as HTMLInputElement | null)?.name === 'action', 'the status choice');
    await sendKeys({ press: 'Space' });
    expect(root(el).querySelector<HTMLInputElement>('#action-in-progress')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.id).to.equal('message');
    await sendKeys({ type: 'Wir prüfen Ihren Antrag.' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(part(el, 'save-button'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(el, 'status') === 'In Bearbeitung', 'status not saved', { timeout: 5000 });
    expect(focused(el)).to.equal(part(el, 'notice'));
    expect((await status(fresh)).events.at(-1)?.message).to.equal('Wir prüfen Ihren Antrag.');
  });

  it('speaks English', async () => {
    const el = await mount(100, 'en');
    expect(text(el, 'heading')).to.equal('Caseworker sign-in');
    await signIn(el, demoKey(HEIDE_TREES));
    expect(text(el, 'account')).to.contain('Town of Heide');
    await open(el, first.reference);
    expect(part(el, 'answers')!.textContent).to.contain('First name');
    const meta = [...root(el).querySelectorAll('.meta > div')].map((d) =>
      d.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(meta).to.include.members(['Municipality Heide (010510044044)', "Applicant's language German"]);
    await expect(el).to.be.accessible();
  });
});
