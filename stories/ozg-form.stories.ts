/**
 * `<ozg-form>` in each of its states. Storybook has no backend: a story-only subclass answers from the fixture
 * backend, which serves this file's forms (every field type, a long generated form, markup in texts) as the
 * form of the sample catalog's trade registration: places, uploads and the submission (checked with the form
 * engine, routed to the authority of the applicant's Gemeinde) work as with the reference backend. Failures
 * (loading, submitting, a lost upload) are injected into the fixture.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiClientOptions } from '../src/client/index.ts';
import type { Field, FormDefinition } from '../src/contract/index.ts';
import { draftKey } from '../src/elements/ozg-form/answers.ts';
import { OzgForm } from '../src/ozg-form.ts';
import { fixtureBackend, type FixtureBackend, type FixtureOptions } from './fixture-backend.ts';
import '../src/ozg-config.ts';

type Scenario = 'all-types' | 'long' | 'markup' | 'load-error' | 'submit-error' | 'no-service';
type Start = 'step' | 'errors' | 'place-error' | 'review' | 'confirmation' | 'upload-error';

const options = [
  { value: 'a', label: { de: 'Erste Möglichkeit', en: 'First option' } },
  { value: 'b', label: { de: 'Zweite Möglichkeit', en: 'Second option' } },
];

const allTypes: FormDefinition = {
  id: 'alle-felder',
  version: 1,
  title: { de: 'Alle Feldarten', en: 'All field types' },
  routing: { by: 'business', postalCode: 'plz', place: 'ort' },
  steps: [
    {
      id: 'text',
      title: { de: 'Texteingaben', en: 'Text inputs' },
      fields: [
        {
          id: 'info',
          type: 'info',
          label: { de: 'Hinweis', en: 'Note' },
          text: { de: 'Ein Infotext.', en: 'Some info.' },
        },
        { id: 'name', type: 'text', label: { de: 'Name', en: 'Name' }, required: true, autocomplete: 'name' },
        { id: 'text', type: 'textarea', label: { de: 'Beschreibung', en: 'Description' }, maxLength: 500 },
        { id: 'email', type: 'email', label: { de: 'E-Mail', en: 'Email' }, required: true },
        { id: 'tel', type: 'tel', label: { de: 'Telefon', en: 'Phone' } },
        { id: 'plz', type: 'postal-code', label: { de: 'Postleitzahl', en: 'Postal code' }, required: true },
        { id: 'ort', type: 'text', label: { de: 'Ort', en: 'Town' }, required: true },
        { id: 'iban', type: 'iban', label: { de: 'IBAN', en: 'IBAN' }, hint: { de: 'DE…', en: 'DE…' } },
        { id: 'flaeche', type: 'number', label: { de: 'Fläche', en: 'Area' }, unit: 'm²', min: 1 },
        { id: 'datum', type: 'date', label: { de: 'Datum', en: 'Date' }, min: 'today' },
      ],
    },
    {
      id: 'choice',
      title: { de: 'Auswahl', en: 'Choices' },
      fields: [
        {
          id: 'select',
          type: 'select',
          label: { de: 'Auswahlliste', en: 'Select' },
          options,
          required: true,
        },
        {
          id: 'radio',
          type: 'radio',
          label: { de: 'Eine Möglichkeit', en: 'One option' },
          options,
          required: true,
        },
        {
          id: 'radio_b',
          type: 'text',
          label: { de: 'Nur bei der zweiten Möglichkeit', en: 'Only for the second option' },
          visibleWhen: { field: 'radio', equals: 'b' },
        },
        { id: 'boxes', type: 'checkbox-group', label: { de: 'Mehrere', en: 'Several' }, options },
        { id: 'ok', type: 'checkbox', label: { de: 'Ich bestätige', en: 'I confirm' }, required: true },
      ],
    },
    {
      id: 'more',
      title: { de: 'Gruppen und Dateien', en: 'Groups and files' },
      fields: [
        {
          id: 'personen',
          type: 'group',
          label: { de: 'Beteiligte Personen', en: 'People involved' },
          repeatable: { min: 1, max: 3 },
          fields: [{ id: 'person', type: 'text', label: { de: 'Name', en: 'Name' }, required: true }],
        },
        {
          id: 'nachweis',
          type: 'file',
          label: { de: 'Nachweis', en: 'Proof' },
          accept: ['application/pdf'],
          maxSize: 5_000_000,
        },
      ],
    },
  ],
};

const answers = {
  name: 'Erika Mustermann',
  email: 'erika@example.org',
  plz: '25746',
  ort: 'Heide',
  select: 'a',
  radio: 'b',
  radio_b: 'Zweite',
  ok: true,
  personen: [{ person: 'Max Mustermann' }],
};

/** 10 steps × 100 text fields; on each step the first field drives 30 others ("visible when filled"). */
function longForm(): FormDefinition {
  return {
    id: 'lang',
    version: 1,
    title: { de: 'Langes Formular', en: 'Long form' },
    steps: Array.from({ length: 10 }, (_, s) => ({
      id: `s${s}`,
      title: { de: `Abschnitt ${s + 1}`, en: `Section ${s + 1}` },
      fields: Array.from({ length: 100 }, (_, i): Field => ({
        id: `f${s}_${i}`,
        type: 'text',
        label: { de: `Feld ${s + 1}.${i + 1}`, en: `Field ${s + 1}.${i + 1}` },
        ...(i > 0 && i <= 30 ? { visibleWhen: { field: `f${s}_0`, filled: true } } : {}),
      })),
    })),
  };
}

const markup: FormDefinition = {
  id: 'markup',
  version: 1,
  title: { de: 'Titel <b>fett</b>' },
  steps: [
    {
      id: 's',
      title: { de: '<script>alert(1)</script>' },
      fields: [
        {
          id: 'a',
          type: 'text',
          label: { de: 'Name <img src=x onerror=alert(1)>' },
          hint: { de: '<a href="javascript:alert(1)">Link</a> bleibt Text.' },
        },
      ],
    },
  ],
};

/** The starts that open a saved draft (written by the story before the form loads). */
const DRAFT_STARTS: readonly Start[] = ['place-error', 'review', 'confirmation', 'upload-error'];
/** The scenarios that show the form with every field type. */
const ALL_TYPES_SCENARIOS: readonly Scenario[] = ['all-types', 'load-error', 'submit-error'];

const formIds: Record<Scenario, string> = {
  'all-types': allTypes.id,
  long: 'lang',
  markup: markup.id,
  'load-error': allTypes.id,
  'submit-error': allTypes.id,
  // The form page opened without a service: the element points to the catalog.
  'no-service': '',
};

/**
 * The form a story shows. A story that starts from a draft gets a copy of its form under an id of its own: a
 * draft is kept per tenant, form and version, and a docs page renders every story at once, so stories sharing
 * one form read (and submit, and delete) each other's drafts: „Upload Failure“ then opened another story's
 * first step, where there is no file field.
 */
function formIdOf(scenario: Scenario, start: Start): string {
  const id = formIds[scenario];
  return id === allTypes.id && DRAFT_STARTS.includes(start) ? `${id}-${scenario}-${start}` : id;
}

/** The story forms, offered by the fixture backend as the form of the sample catalog's trade registration. */
const forms = [
  allTypes,
  longForm(),
  markup,
  ...ALL_TYPES_SCENARIOS.flatMap((scenario) =>
    DRAFT_STARTS.map((start) => ({ ...allTypes, id: formIdOf(scenario, start) })),
  ),
].map((definition) => ({ definition, serviceId: 'gewerbeanmeldung' }));

/** What fails in a story; everything else is answered by the fixture backend (with a short delay). */
function failures(scenario: Scenario, start: Start): FixtureOptions['fail'] {
  if (scenario === 'load-error') return { getForm: 503 };
  if (scenario === 'submit-error') return { createSubmission: 503 };
  if (start === 'upload-error') return { uploadFile: 'network' };
  return {};
}

class StoryOzgForm extends OzgForm {
  @property() scenario: Scenario = 'all-types';
  @property() start: Start = 'step';
  #started = false;
  #backend: { key: string; backend: FixtureBackend } | undefined;

  protected override apiOptions(): ApiClientOptions {
    const key = `${this.scenario} ${this.start}`;
    if (this.#backend?.key !== key) {
      const fail = failures(this.scenario, this.start);
      this.#backend = { key, backend: fixtureBackend({ latency: 150, forms, ...(fail ? { fail } : {}) }) };
    }
    const { fetch, xhr } = this.#backend.backend;
    return { retry: { attempts: 1 }, fetch, xhr };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Review, confirmation and the failed upload start from a saved draft with complete answers.
    if (DRAFT_STARTS.includes(this.start) && ALL_TYPES_SCENARIOS.includes(this.scenario)) {
      // A place outside the sample area (Kiel): no authority is responsible, which the first step reports.
      const draft =
        this.start === 'place-error'
          ? { answers: { ...answers, plz: '24103' }, stepId: 'text' }
          : { answers, stepId: 'more' };
      localStorage.setItem(
        draftKey('kreis-dithmarschen', formIdOf(this.scenario, this.start), allTypes.version),
        JSON.stringify({ ...draft, savedAt: new Date().toISOString() }),
      );
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.#started || this.start === 'step') return;
    const root = this.shadowRoot!;
    if (!root.querySelector('form') && !root.querySelector('.actions .ozg-button')) return;
    this.#started = true;
    const click = (selector: string) => root.querySelector<HTMLElement>(selector)?.click();
    void (async () => {
      if (this.start === 'errors') {
        click('[part="next-button"]');
        return;
      }
      click('.actions .ozg-button');
      await this.updateComplete;
      if (this.start === 'upload-error') {
        // A story never throws into the page: without the file field (another form) it just shows that step.
        const input = root.querySelector<HTMLInputElement>('input[type="file"]');
        if (!input) return;
        const chosen = new DataTransfer();
        chosen.items.add(new File(['%PDF-1.4'], 'nachweis.pdf', { type: 'application/pdf' }));
        input.files = chosen.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return;
      }
      click('[part="next-button"]');
      await this.updateComplete;
      if (this.start === 'confirmation') {
        click('input[id="f.consent"]');
        await this.updateComplete;
        click('[part="submit-button"]');
      }
    })();
  }
}
if (!customElements.get('story-ozg-form')) customElements.define('story-ozg-form', StoryOzgForm);

interface Args {
  lang: 'de' | 'en';
  scenario: Scenario;
  start: Start;
  noDraft: boolean;
}

const meta: Meta<Args> = {
  title: 'Elements/ozg-form',
  args: { lang: 'de', scenario: 'all-types', start: 'step', noDraft: true },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    scenario: {
      control: 'select',
      options: ['all-types', 'long', 'markup', 'load-error', 'submit-error', 'no-service'],
    },
    start: {
      control: 'select',
      options: ['step', 'errors', 'place-error', 'review', 'confirmation', 'upload-error'],
    },
  },
  render: ({ lang, scenario, start, noDraft }) =>
    html`<story-ozg-form
      endpoint="https://ozg.example.de"
      tenant="kreis-dithmarschen"
      form-id=${formIdOf(scenario, start)}
      catalog-url="#leistungen"
      lang=${lang}
      scenario=${scenario}
      start=${start}
      ?no-draft=${noDraft}
    ></story-ozg-form>`,
};
export default meta;

type Story = StoryObj<Args>;

export const AllFieldTypes: Story = {};
export const Errors: Story = { args: { start: 'errors' } };
export const Review: Story = { args: { start: 'review', noDraft: false } };
export const Confirmation: Story = { args: { start: 'confirmation', noDraft: false } };
export const SubmitFailure: Story = {
  args: { start: 'confirmation', scenario: 'submit-error', noDraft: false },
};
export const UploadFailure: Story = { args: { start: 'upload-error', noDraft: false } };
export const LongForm: Story = { args: { scenario: 'long' } };
export const MarkupStaysText: Story = { args: { scenario: 'markup' } };
export const LoadError: Story = { args: { scenario: 'load-error' } };
export const PlaceOutsideArea: Story = { args: { start: 'place-error', noDraft: false } };
export const NoService: Story = { args: { scenario: 'no-service' } };
export const English: Story = { args: { lang: 'en' } };
