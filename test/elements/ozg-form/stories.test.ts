import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { docsFocusDecorator } from '../../../.storybook/docs-focus.ts';
import meta, * as stories from '../../../stories/ozg-form.stories.ts';

type Args = Parameters<NonNullable<typeof meta.render>>[0];

/** A story's template as Storybook builds it: its args over the defaults. */
function template(story: { args?: Partial<Args> }): TemplateResult {
  const args = { ...meta.args, ...story.args } as Args;
  return (meta.render as (a: Args) => TemplateResult)(args);
}

/** Renders a story as Storybook would. */
async function show(story: { args?: Partial<Args> }): Promise<ShadowRoot> {
  const el = await fixture<HTMLElement>(template(story));
  await waitUntil(() => el.shadowRoot?.querySelector('form, .ozg-alert, #title'), 'nothing shown');
  return el.shadowRoot!;
}

/** The stories that start from a saved draft, as a docs page shows them: all at once, in this order. */
const fromDrafts = {
  Review: stories.Review,
  Confirmation: stories.Confirmation,
  SubmitFailure: stories.SubmitFailure,
  UploadFailure: stories.UploadFailure,
  PlaceOutsideArea: stories.PlaceOutsideArea,
};

/** Errors thrown or rejected anywhere on the page while `run` runs. */
async function pageErrors(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(String(e.message));
  const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return errors;
}

describe('ozg-form stories', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('ozg-form-draft:')) localStorage.removeItem(key);
    }
  });

  it('renders every field type of the contract as a native control', async () => {
    const root = await show(stories.AllFieldTypes);
    expect(root.getElementById('f.name')!.tagName).to.equal('INPUT');
    expect(root.getElementById('f.text')!.tagName).to.equal('TEXTAREA');
    // A date is Tag, Monat and Jahr: three numeric text inputs in a fieldset named by the label (GOV.UK pattern).
    const day = root.getElementById('f.datum')!;
    expect(day.tagName).to.equal('INPUT');
    expect(day.getAttribute('inputmode')).to.equal('numeric');
    expect(root.getElementById('f.datum.month')!.tagName).to.equal('INPUT');
    expect(root.getElementById('f.datum.year')!.tagName).to.equal('INPUT');
    expect(day.closest('fieldset')!.querySelector('legend')!.textContent).to.contain('Datum');
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

  // A docs page renders every story of the file together: each draft story must still open its own draft.
  it('shows each draft story in its own state when all render on one page, as on the docs page', async () => {
    const roots = {} as Record<keyof typeof fromDrafts, ShadowRoot>;
    const errors = await pageErrors(async () => {
      const page = await fixture<HTMLElement>(
        html`<div>${Object.values(fromDrafts).map((story) => template(story))}</div>`,
      );
      const hosts = [...page.querySelectorAll<HTMLElement>('story-ozg-form')];
      Object.keys(fromDrafts).forEach((name, i) => {
        roots[name as keyof typeof fromDrafts] = hosts[i]!.shadowRoot!;
      });
      const { Review, Confirmation, SubmitFailure, UploadFailure, PlaceOutsideArea } = roots;
      await waitUntil(() => Review.querySelector('[part="submit-button"]'), 'no review', { timeout: 4000 });
      await waitUntil(() => Confirmation.querySelector('[part="confirmation"]'), 'no confirmation', {
        timeout: 4000,
      });
      await waitUntil(() => SubmitFailure.querySelector('[part="retry-button"]'), 'no submit failure', {
        timeout: 4000,
      });
      await waitUntil(() => UploadFailure.querySelector('[part="upload-error"]'), 'no upload error', {
        timeout: 4000,
      });
      await waitUntil(() => PlaceOutsideArea.getElementById('f.plz.error'), 'no place error', {
        timeout: 4000,
      });
    });
    expect(errors).to.deep.equal([]);
    expect(roots.UploadFailure.querySelector('[part="upload-error"]')!.textContent).to.contain(
      'nachweis.pdf',
    );
    expect(roots.PlaceOutsideArea.getElementById('f.plz.error')!.textContent).to.contain('Betrieb in 24103');
    expect(roots.Review.textContent).to.contain('Max Mustermann');
  });

  // On a docs page the stories play their scenarios without taking focus (or scrolling the page there);
  // once the reader uses a story, its element moves focus as on a real page.
  it('moves no focus in docs mode until the reader touches the story', async () => {
    window.scrollTo(0, 0);
    const docs = { viewMode: 'docs' };
    const page = await fixture<HTMLElement>(
      html`<div>
        ${[stories.Errors, stories.UploadFailure, stories.PlaceOutsideArea].map((story) =>
          docsFocusDecorator(() => template(story), docs),
        )}
      </div>`,
    );
    const [errors, upload, place] = [...page.querySelectorAll<HTMLElement>('story-ozg-form')].map(
      (el) => el.shadowRoot!,
    );
    await waitUntil(() => errors!.querySelector('#summary'), 'no summary', { timeout: 4000 });
    await waitUntil(() => upload!.querySelector('[part="upload-error"]'), 'no upload error', {
      timeout: 4000,
    });
    await waitUntil(() => place!.querySelector('#summary'), 'no place error', { timeout: 4000 });
    // Compared as text: a failing comparison of DOM elements would make the runner serialize whole stories.
    expect(document.activeElement?.localName).to.equal('body');
    expect(window.scrollY).to.equal(0);

    // The reader presses „Weiter“ on the step with errors: the summary takes focus, as for every user.
    const next = errors!.querySelector<HTMLElement>('[part="next-button"]')!;
    next.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    next.click();
    await waitUntil(() => errors!.activeElement?.id === 'summary', 'focus stayed where it was');
    expect(upload!.activeElement?.id).to.equal(undefined);
  });

  it('keeps moving focus as on a real page outside docs mode', async () => {
    const root = await show(stories.Errors);
    await waitUntil(() => root.activeElement?.id === 'summary', 'the summary did not take focus');
  });
});
