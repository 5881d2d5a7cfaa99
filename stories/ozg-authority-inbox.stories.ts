/**
 * `<ozg-authority-inbox>` in each of its states. Storybook has no backend: a story-only subclass answers with a
 * scripted `fetch` and, for the states behind the sign-in, signs in and clicks its way there as a caseworker
 * would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiClientOptions } from '../src/client/index.ts';
import type { FormDefinition, Status, Submission, SubmissionSummary } from '../src/contract/index.ts';
import { OzgAuthorityInbox } from '../src/ozg-authority-inbox.ts';

type Scenario = 'sample' | 'wrong-key' | 'loading' | 'empty' | 'error' | 'final' | 'no-form';
type Walk = 'none' | 'sign-in' | 'open' | 'invalid' | 'forward-choice' | 'forward';

const authorities = [
  {
    id: 'stadt-heide-bauen-umwelt',
    name: {
      de: 'Stadt Heide – Fachbereich Bauen und Umwelt',
      en: 'Town of Heide – Building and Environment',
    },
    address: { street: 'Postelweg 1', postalCode: '25746', city: 'Heide' },
  },
  {
    id: 'kreis-dithmarschen-naturschutz',
    name: {
      de: 'Kreis Dithmarschen – Untere Naturschutzbehörde',
      en: 'District of Dithmarschen – Lower Nature Conservation Authority',
    },
    address: { street: 'Stettiner Straße 30', postalCode: '25746', city: 'Heide' },
  },
];
const own = authorities[0]!;

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * 60_000).toISOString();
const serviceName = { de: 'Baum fällen – Genehmigung beantragen', en: 'Tree felling permit' };

const summaries: SubmissionSummary[] = (['submitted', 'in-progress', 'info-requested'] as Status[]).map(
  (status, i) => ({
    id: `antrag-${i + 1}`,
    reference: `DI-2026-00012${3 - i}`,
    serviceId: 'baumfaellgenehmigung',
    serviceName,
    tenantId: 'kreis-dithmarschen',
    ars: '010510044044',
    status,
    createdAt: at(-i * 60 * 24),
    updatedAt: at(-i * 60 * 20),
  }),
);

const form: FormDefinition = {
  id: 'baumfaellgenehmigung',
  version: 1,
  title: serviceName,
  steps: [
    {
      id: 'antragsteller',
      title: { de: 'Antragstellende Person', en: 'Applicant' },
      fields: [
        { id: 'vorname', type: 'text', label: { de: 'Vorname', en: 'First name' } },
        { id: 'familienname', type: 'text', label: { de: 'Familienname', en: 'Surname' } },
        { id: 'email', type: 'email', label: { de: 'E-Mail-Adresse', en: 'E-mail address' } },
      ],
    },
    {
      id: 'baumangaben',
      title: { de: 'Bäume', en: 'Trees' },
      fields: [
        {
          id: 'baeume',
          type: 'group',
          label: { de: 'Baum', en: 'Tree' },
          repeatable: { min: 1, max: 10 },
          fields: [
            { id: 'baumart', type: 'text', label: { de: 'Baumart', en: 'Species' } },
            {
              id: 'stammumfang',
              type: 'number',
              unit: 'cm',
              label: { de: 'Stammumfang', en: 'Trunk girth' },
            },
            {
              id: 'grund',
              type: 'select',
              label: { de: 'Grund', en: 'Reason' },
              options: [
                { value: 'krank', label: { de: 'Der Baum ist krank', en: 'The tree is diseased' } },
                { value: 'gefahr', label: { de: 'Der Baum ist eine Gefahr', en: 'The tree is a danger' } },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'unterlagen',
      title: { de: 'Fotos und Unterlagen', en: 'Photos and documents' },
      fields: [
        { id: 'fotos', type: 'file', label: { de: 'Fotos des Baumes', en: 'Photos of the tree' } },
        { id: 'faelltermin', type: 'date', label: { de: 'Gewünschter Fälltermin', en: 'Preferred date' } },
      ],
    },
  ],
};

const photo = {
  uploadId: 'foto-0000000000000001',
  name: 'eiche-von-sueden.jpg',
  size: 482_133,
  type: 'image/jpeg',
};

function submission(status: Status): Submission {
  return {
    ...summaries[0]!,
    status,
    formId: 'baumfaellgenehmigung',
    formVersion: 1,
    lang: 'de',
    authorityId: own.id,
    data: {
      vorname: 'Erika',
      familienname: 'Mustermann',
      email: 'erika@example.org',
      baeume: [
        { baumart: 'Stieleiche', stammumfang: 180, grund: 'krank' },
        { baumart: 'Birke', stammumfang: 90, grund: 'gefahr' },
      ],
      fotos: [photo],
      faelltermin: '2027-02-15',
    },
    files: [photo],
    events:
      status === 'completed'
        ? [
            { type: 'submitted', at: at(0), authorityId: own.id },
            { type: 'accepted', at: at(60 * 24), authorityId: own.id, message: 'Die Fällung ist genehmigt.' },
            { type: 'completed', at: at(60 * 48), authorityId: own.id },
          ]
        : [{ type: 'submitted', at: at(0), authorityId: own.id }],
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
const problem = (status: number) => json({ type: 'about:blank', title: 'Problem', status }, status);

function answer(scenario: Scenario, url: URL, init: RequestInit | undefined): Promise<Response> {
  const path = url.pathname.replace(/^.*\/api\/v1/, '');
  const key = new Headers(init?.headers).get('Authorization');
  if (path.startsWith('/authority') && (scenario === 'wrong-key' || !key))
    return Promise.resolve(problem(401));
  if (path === '/authority') return Promise.resolve(json(own));
  if (path === '/authority/authorities') return Promise.resolve(json({ authorities }));
  if (path === '/authority/submissions') {
    if (scenario === 'loading') return new Promise(() => undefined);
    if (scenario === 'error') return Promise.resolve(problem(503));
    const items = scenario === 'empty' ? [] : summaries;
    return Promise.resolve(json({ items, total: scenario === 'empty' ? 0 : 45, page: 1, pageSize: 20 }));
  }
  if (path.endsWith('/events')) {
    const body = JSON.parse(String(init?.body)) as { type: Status; message?: string };
    return Promise.resolve(json({ ...body, at: at(60 * 72), authorityId: own.id }, 201));
  }
  if (path.startsWith('/authority/submissions/'))
    return Promise.resolve(json(submission(scenario === 'final' ? 'completed' : 'submitted')));
  if (path.startsWith('/forms/')) return Promise.resolve(scenario === 'no-form' ? problem(404) : json(form));
  return Promise.resolve(problem(404));
}

/** Waits until the element shows something (at most 3 s: stories must never hang). */
async function until(el: HTMLElement, selector: string): Promise<HTMLElement | null> {
  for (let i = 0; i < 150; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

class StoryInbox extends OzgAuthorityInbox {
  /** Which scripted backend answers. */
  @property() scenario: Scenario = 'sample';
  /** How far the story clicks through as a caseworker. */
  @property() walk: Walk = 'none';

  protected override apiOptions(): ApiClientOptions {
    return {
      ...super.apiOptions(),
      retry: { attempts: 1 },
      fetch: (input, init) => answer(this.scenario, new URL(String(input)), init),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.walk !== 'none') void this.#walk();
  }

  async #walk(): Promise<void> {
    const input = await until(this, '#api-key');
    if (!(input instanceof HTMLInputElement)) return;
    input.value = 'demo-stadt-heide-bauen-umwelt';
    (await until(this, '[part="sign-in-button"]'))?.click();
    if (this.walk === 'sign-in') return;
    (await until(this, '[part="open-button"]'))?.click();
    const choice =
      this.walk === 'invalid' ? 'info-requested' : this.walk.startsWith('forward') ? 'forwarded' : '';
    if (!choice) return;
    (await until(this, `#action-${choice}`))?.click();
    if (this.walk === 'forward') {
      const select = await until(this, '#target');
      if (select instanceof HTMLSelectElement) {
        select.value = 'kreis-dithmarschen-naturschutz';
        select.dispatchEvent(new Event('change'));
      }
    }
    if (this.walk !== 'forward-choice') (await until(this, '[part="save-button"]'))?.click();
  }
}
if (!customElements.get('story-authority-inbox')) customElements.define('story-authority-inbox', StoryInbox);

interface Args {
  lang: 'de' | 'en';
  scenario: Scenario;
  walk: Walk;
  headingLevel: number;
}

const meta: Meta<Args> = {
  title: 'Elements/ozg-authority-inbox',
  component: 'ozg-authority-inbox',
  args: { lang: 'de', scenario: 'sample', walk: 'sign-in', headingLevel: 1 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    scenario: {
      control: 'select',
      options: ['sample', 'wrong-key', 'loading', 'empty', 'error', 'final', 'no-form'],
    },
    walk: { control: 'select', options: ['none', 'sign-in', 'open', 'invalid', 'forward-choice', 'forward'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: ({ lang, scenario, walk, headingLevel }) =>
    html`<story-authority-inbox
      endpoint="https://ozg.example.de"
      lang=${lang}
      scenario=${scenario}
      walk=${walk}
      heading-level=${headingLevel}
    ></story-authority-inbox>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The sign-in with the authority's API key. */
export const SignIn: Story = { args: { walk: 'none' } };

/** A wrong key: a clear message. */
export const WrongKey: Story = { args: { scenario: 'wrong-key' } };

/** The authority's applications, newest first, with paging. */
export const List: Story = {};

/** The skeleton while the list loads. */
export const LoadingList: Story = { args: { scenario: 'loading' } };

/** No applications. */
export const EmptyList: Story = { args: { scenario: 'empty' } };

/** The backend is unavailable: a message with a retry button. */
export const ListError: Story = { args: { scenario: 'error' } };

/** One application: answers under the form's labels, files, history and the status change. */
export const Application: Story = { args: { walk: 'open' } };

/** The form could not be loaded: the answers under their field ids. */
export const WithoutForm: Story = { args: { walk: 'open', scenario: 'no-form' } };

/** A completed application: nothing more to change. */
export const Closed: Story = { args: { walk: 'open', scenario: 'final' } };

/** "Angaben nachgefordert" without saying what is needed: the message is asked for. */
export const MissingMessage: Story = { args: { walk: 'invalid' } };

/** Forwarding: choose the authority. */
export const ForwardChoice: Story = { args: { walk: 'forward-choice' } };

/** After forwarding: back in the list with a confirmation. */
export const Forwarded: Story = { args: { walk: 'forward' } };

/** In English. */
export const English: Story = { args: { lang: 'en', walk: 'open' } };

/** A narrow phone (320 px). */
export const NarrowPhone: Story = {
  args: { walk: 'open' },
  decorators: [(story) => html`<div style="inline-size: 320px; border: 1px dashed #888">${story()}</div>`],
};
