/**
 * `<ozg-authority-inbox>` in each of its states. Storybook has no backend: a story-only subclass answers from
 * the fixture backend, seeded with tree felling permits from Heide (sample catalog) that Stadt Heide's building
 * office handles, and, for the states behind the sign-in, signs in and clicks its way there as a caseworker
 * would. The fixture also stays silent or fails where a story needs it.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { until } from './shadow.ts';
import type { ApiClientOptions } from '../src/client/index.ts';
import {
  fixtureBackend,
  treeFellingFromHeide,
  type FixtureBackend,
  type FixtureOptions,
  type SeedApplication,
} from './fixture-backend.ts';
import { OzgAuthorityInbox } from '../src/ozg-authority-inbox.ts';

type Scenario =
  'sample' | 'wrong-key' | 'loading' | 'empty' | 'error' | 'final' | 'no-form' | 'reply' | 'not-notified';
type Walk = 'none' | 'sign-in' | 'open' | 'invalid' | 'forward-choice' | 'forward';

/** The office whose inbox the stories show, and the Kreis office it forwards to. */
const HEIDE = 'stadt-heide-bauen-umwelt';
const KREIS = 'kreis-dithmarschen-naturschutz';

const now = Date.UTC(2026, 10, 23, 9, 0);
const daysAgo = (days: number, minutes = 0) => new Date(now - days * 86_400_000 + minutes * 60_000);

const people = ['Hansen', 'Peters', 'Jensen', 'Thomsen', 'Carstens', 'Nissen', 'Rohde', 'Möller'];
const trees = ['Rotbuche', 'Bergahorn', 'Linde', 'Esche', 'Kastanie', 'Weide', 'Kiefer', 'Pappel'];

/** The receipt mail to the applicant that the mail server never took (a mistyped address, say). */
const failedReceipt = (at: Date): NonNullable<SeedApplication['notices']> => [
  { audience: 'citizen', about: 'submitted', state: 'failed', at },
];

/** Earlier applications, one a day, so the list has a second page; one applicant's receipt mail failed. */
function earlier(i: number): SeedApplication {
  const base = treeFellingFromHeide(daysAgo(4 + i), {
    files: [{ fieldId: 'fotos', name: `baum-${i + 1}.jpg`, type: 'image/jpeg', size: 64_000 }],
  });
  return {
    ...base,
    data: {
      ...base.data,
      familienname: people[i % people.length]!,
      baeume: [{ baumart: trees[i % trees.length]!, stammumfang: 90 + 10 * (i % 7), grund: 'gefahr' }],
    },
    events: [
      { type: 'in-progress', at: daysAgo(3 + i) },
      ...(i % 3 === 0 ? [{ type: 'accepted' as const, at: daysAgo(2 + i) }] : []),
    ],
    ...(i === 4 ? { notices: failedReceipt(daysAgo(4 + i)) } : {}),
  };
}

/** The newest application of each scenario: just in, closed, answered by the applicant, or not notified. */
function newest(scenario: Scenario): SeedApplication {
  switch (scenario) {
    case 'final':
      return treeFellingFromHeide(daysAgo(0), {
        events: [
          { type: 'accepted', at: daysAgo(0, 60), message: 'Die Fällung ist genehmigt.' },
          { type: 'completed', at: daysAgo(0, 120) },
        ],
      });
    case 'reply':
      return treeFellingFromHeide(daysAgo(0), {
        events: [
          { type: 'in-progress', at: daysAgo(0, 30) },
          {
            type: 'info-requested',
            at: daysAgo(0, 60),
            message: 'Bitte reichen Sie ein Foto des ganzen Baumes und einen Lageplan nach.',
          },
          {
            type: 'info-received',
            at: daysAgo(0, 240),
            message: 'Anbei das Foto von Süden und der Lageplan.\nDie Eiche steht an der Grundstücksgrenze.',
            files: [
              { name: 'eiche-ganz.jpg', type: 'image/jpeg', size: 1_482_133 },
              { name: 'lageplan.pdf', type: 'application/pdf', size: 212_480 },
            ],
          },
        ],
        notices: [
          { audience: 'citizen', about: 'submitted', state: 'sent', at: daysAgo(0), sentAt: daysAgo(0) },
          {
            audience: 'authority',
            about: 'info-received',
            state: 'sent',
            at: daysAgo(0, 240),
            sentAt: daysAgo(0, 241),
          },
        ],
      });
    case 'not-notified':
      return treeFellingFromHeide(daysAgo(0), {
        events: [
          {
            type: 'info-requested',
            at: daysAgo(0, 60),
            message: 'Bitte reichen Sie ein Foto des ganzen Baumes nach.',
          },
        ],
        notices: [
          ...failedReceipt(daysAgo(0)),
          { audience: 'citizen', about: 'info-requested', state: 'failed', at: daysAgo(0, 60) },
        ],
      });
    default:
      return treeFellingFromHeide(daysAgo(0));
  }
}

/** Heide's inbox: 22 earlier applications, two in progress, and the newest one (see {@link newest}). */
function seedInbox(backend: FixtureBackend, scenario: Scenario): void {
  for (let i = 21; i >= 0; i--) backend.seed(earlier(i));
  backend.seed(
    treeFellingFromHeide(daysAgo(3), {
      events: [
        { type: 'in-progress', at: daysAgo(2) },
        {
          type: 'info-requested',
          at: daysAgo(1),
          message: 'Bitte reichen Sie ein Foto des ganzen Baumes nach.',
        },
      ],
    }),
  );
  backend.seed(treeFellingFromHeide(daysAgo(2), { events: [{ type: 'in-progress', at: daysAgo(1) }] }));
  backend.seed(newest(scenario));
}

const options: Partial<Record<Scenario, FixtureOptions>> = {
  loading: { latency: { listSubmissions: Infinity } },
  error: { fail: { listSubmissions: 503 } },
  'no-form': { fail: { getForm: 404 } },
};

function backendFor(scenario: Scenario): FixtureBackend {
  const backend = fixtureBackend(options[scenario]);
  if (scenario !== 'empty') seedInbox(backend, scenario);
  return backend;
}

class StoryInbox extends OzgAuthorityInbox {
  /** Which backend answers (see the scenarios above). */
  @property() scenario: Scenario = 'sample';
  /** How far the story clicks through as a caseworker. */
  @property() walk: Walk = 'none';
  #backend: { scenario: Scenario; backend: FixtureBackend } | undefined;

  protected override apiOptions(): ApiClientOptions {
    if (this.#backend?.scenario !== this.scenario)
      this.#backend = { scenario: this.scenario, backend: backendFor(this.scenario) };
    return { ...super.apiOptions(), retry: { attempts: 1 }, fetch: this.#backend.backend.fetch };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.walk !== 'none') void this.#walk();
  }

  async #walk(): Promise<void> {
    const input = await until(this, '#api-key');
    if (!(input instanceof HTMLInputElement)) return;
    input.value = this.scenario === 'wrong-key' ? 'falscher-schluessel' : `demo-${HEIDE}`;
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
        select.value = KREIS;
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
      options: [
        'sample',
        'wrong-key',
        'loading',
        'empty',
        'error',
        'final',
        'no-form',
        'reply',
        'not-notified',
      ],
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

/** The applicant answered a request for information: their reply and its files in the history. */
export const ReplyReceived: Story = { args: { walk: 'open', scenario: 'reply' } };

/** The mails to the applicant failed (receipt and request for information): the caseworker must reach them otherwise. */
export const CitizenNotNotified: Story = { args: { walk: 'open', scenario: 'not-notified' } };

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
