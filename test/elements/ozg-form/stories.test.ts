import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import meta, * as stories from '../../../stories/ozg-form.stories.ts';

type Args = Parameters<NonNullable<typeof meta.render>>[0];

/** Renders a story as Storybook would: its args over the defaults. */
async function show(story: { args?: Partial<Args> }): Promise<ShadowRoot> {
  const args = { ...meta.args, ...story.args } as Args;
  const template = (meta.render as (a: Args) => TemplateResult)(args);
  const el = await fixture<HTMLElement>(template);
  await waitUntil(() => el.shadowRoot?.querySelector('form, .ozg-alert, #title'), 'nothing shown');
  return el.shadowRoot!;
}

describe('ozg-form stories', () => {
  afterEach(() => localStorage.removeItem('ozg-form-draft:kreis-dithmarschen:alle-felder:1'));

  it('renders every field type of the contract as a native control', async () => {
    const root = await show(stories.AllFieldTypes);
    expect(root.getElementById('f.name')!.tagName).to.equal('INPUT');
    expect(root.getElementById('f.text')!.tagName).to.equal('TEXTAREA');
    expect(root.getElementById('f.datum')!.getAttribute('type')).to.equal('date');
    expect(root.querySelector('.unit')!.textContent).to.contain('m²');
  });

  it('reaches the review and the confirmation from a draft', async () => {
    const review = await show(stories.Review);
    await waitUntil(() => review.querySelector('[part="submit-button"]'), 'no review');
    expect(review.textContent).to.contain('Max Mustermann');
    const done = await show(stories.Confirmation);
    await waitUntil(() => done.querySelector('[part="confirmation"]'), 'no confirmation', { timeout: 4000 });
    // The fixture backend's first application of the Kreis portal this year.
    expect(done.textContent).to.contain(`DI-${new Date().getUTCFullYear()}-000001`);
    // Routed by the postal code of the answers (25746, Heide) to the town's trade office.
    expect(done.textContent).to.contain('Stadt Heide – Ordnungs- und Gewerbeamt');
  });

  it('shows a failed upload with its retry button', async () => {
    const root = await show(stories.UploadFailure);
    await waitUntil(() => root.querySelector('[part="upload-error"]'), 'no upload error', { timeout: 4000 });
    expect(root.querySelector('[part="upload-error"]')!.textContent).to.contain('nachweis.pdf');
    expect(root.querySelector('[part="upload-error"] [part="retry-button"]')).to.exist;
    await expect(root.host).to.be.accessible();
  });

  it('shows the error summary, markup as text and a load error', async () => {
    const errors = await show(stories.Errors);
    await waitUntil(() => errors.querySelector('#summary'), 'no summary');
    const markup = await show(stories.MarkupStaysText);
    expect(markup.querySelector('img, script, b')).to.equal(null);
    const failed = await show(stories.LoadError);
    expect(failed.querySelector('[part="retry-button"]')).to.exist;
  });

  it('shows a place no authority handles at its field, and the way to the catalog without a service', async () => {
    const outside = await show(stories.PlaceOutsideArea);
    await waitUntil(() => outside.querySelector('#summary'), 'no summary', { timeout: 4000 });
    expect(outside.getElementById('f.plz.error')!.textContent).to.contain('Betrieb in 24103');
    expect(outside.querySelector('[part="retry-button"]')).to.equal(null);
    await expect(outside.host).to.be.accessible();
    const none = await show(stories.NoService);
    expect(none.querySelector('[part="choose-service"] a')!.getAttribute('href')).to.equal('#leistungen');
    expect(none.querySelector('[part="error"]')).to.equal(null);
  });
});
