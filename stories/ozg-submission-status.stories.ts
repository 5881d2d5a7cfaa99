/**
 * `<ozg-submission-status>` in each of its states. Storybook has no backend: a story-only subclass answers the
 * status look-up with a scripted `fetch` (an application in the chosen state, or a failure).
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiClientOptions } from '../src/client/index.ts';
import { STATUSES, type Status, type StatusView } from '../src/contract/index.ts';
import { OzgSubmissionStatus } from '../src/ozg-submission-status.ts';

type Scenario = Status | 'loading' | 'not-found' | 'error' | 'malformed' | 'rate-limited' | 'stale';

const heide = {
  id: 'stadt-heide-bauen-umwelt',
  name: { de: 'Stadt Heide – Fachbereich Bauen und Umwelt', en: 'Town of Heide – Building and Environment' },
  address: { street: 'Postelweg 1', postalCode: '25746', city: 'Heide' },
  phone: '0481 6850-0',
  email: 'bauen@heide.example',
};
const kreis = {
  id: 'kreis-dithmarschen-naturschutz',
  name: {
    de: 'Kreis Dithmarschen – Untere Naturschutzbehörde',
    en: 'District of Dithmarschen – Lower Nature Conservation Authority',
  },
  address: { street: 'Stettiner Straße 30', postalCode: '25746', city: 'Heide' },
};

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * 60_000).toISOString();

type Event = StatusView['events'][number];
const submitted: Event = { type: 'submitted', at: at(0), authorityName: heide.name };
const inProgress: Event = { type: 'in-progress', at: at(60 * 24), authorityName: heide.name };
const steps: Record<Status, Event[]> = {
  submitted: [submitted],
  forwarded: [
    submitted,
    {
      type: 'forwarded',
      at: at(90),
      authorityName: kreis.name,
      message: 'Für Bäume außerhalb der Innenstadt ist der Kreis zuständig.',
    },
  ],
  'in-progress': [submitted, inProgress],
  'info-requested': [
    submitted,
    inProgress,
    {
      type: 'info-requested',
      at: at(60 * 48),
      authorityName: heide.name,
      message: 'Bitte reichen Sie ein Foto des ganzen Baumes und einen Lageplan nach.',
    },
  ],
  accepted: [
    submitted,
    inProgress,
    {
      type: 'accepted',
      at: at(60 * 24 * 6),
      authorityName: heide.name,
      message: 'Die Fällung ist genehmigt.',
    },
  ],
  rejected: [
    submitted,
    inProgress,
    {
      type: 'rejected',
      at: at(60 * 24 * 6),
      authorityName: heide.name,
      message:
        'Die Eiche ist gesund und prägt das Ortsbild. Eine Fällung ist nach der Baumschutzsatzung nicht zulässig.',
    },
  ],
  completed: [
    submitted,
    inProgress,
    { type: 'accepted', at: at(60 * 24 * 6), authorityName: heide.name },
    { type: 'completed', at: at(60 * 24 * 20), authorityName: heide.name },
  ],
};

function view(status: Status): StatusView {
  const events = steps[status];
  return {
    reference: 'DI-2026-000123',
    status,
    serviceName: { de: 'Baum fällen – Genehmigung beantragen', en: 'Tree felling permit' },
    createdAt: events[0]!.at,
    updatedAt: events[events.length - 1]!.at,
    authority: status === 'forwarded' ? kreis : heide,
    events,
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status < 300 ? 'application/json' : 'application/problem+json',
      ...headers,
    },
  });

function answer(scenario: Scenario, call: number): Promise<Response> {
  switch (scenario) {
    case 'loading':
      return new Promise(() => undefined);
    case 'not-found':
      return Promise.resolve(json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404));
    case 'error':
      return Promise.resolve(json({ type: 'about:blank', title: 'Unavailable', status: 503 }, 503));
    case 'malformed':
      return Promise.resolve(json({ reference: 'DI-2026-000123', status: 'verloren' }));
    case 'rate-limited':
      return Promise.resolve(
        json({ type: 'about:blank', title: 'Too Many Requests', status: 429 }, 429, { 'Retry-After': '40' }),
      );
    case 'stale':
      return Promise.resolve(
        call === 1
          ? json(view('in-progress'))
          : json({ type: 'about:blank', title: 'Too Many Requests', status: 429 }, 429, {
              'Retry-After': '40',
            }),
      );
    default:
      return Promise.resolve(json(view(scenario)));
  }
}

class StoryStatus extends OzgSubmissionStatus {
  /** Which scripted backend answers. */
  @property() scenario: Scenario | 'form' | 'invalid' = 'submitted';
  #calls = 0;

  protected override apiOptions(): ApiClientOptions {
    return {
      retry: { attempts: 1 },
      fetch: () => {
        this.#calls += 1;
        return answer(this.scenario as Scenario, this.#calls);
      },
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.scenario === 'form' || this.scenario === 'invalid') return;
    this.show('DI-2026-000123', 'Xy7Pq2Lm9Ab3');
    if (this.scenario === 'stale') setTimeout(() => void this.refresh(), 50);
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    if (this.scenario !== 'invalid') return;
    // The form after a submit with an incomplete reference and no code.
    void this.updateComplete.then(() => {
      const reference = this.renderRoot.querySelector<HTMLInputElement>('#reference');
      if (reference) reference.value = 'DI-2026';
      this.renderRoot.querySelector<HTMLButtonElement>('[part="submit-button"]')?.click();
    });
  }
}
if (!customElements.get('story-submission-status'))
  customElements.define('story-submission-status', StoryStatus);

interface Args {
  lang: 'de' | 'en';
  scenario: Scenario | 'form' | 'invalid';
  headingLevel: number;
}

const meta: Meta<Args> = {
  title: 'Elements/ozg-submission-status',
  component: 'ozg-submission-status',
  args: { lang: 'de', scenario: 'submitted', headingLevel: 2 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    scenario: {
      control: 'select',
      options: [
        'form',
        'invalid',
        ...STATUSES,
        'loading',
        'not-found',
        'error',
        'malformed',
        'rate-limited',
        'stale',
      ],
    },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: ({ lang, scenario, headingLevel }) =>
    html`<story-submission-status
      endpoint="https://ozg.example.de"
      lang=${lang}
      scenario=${scenario}
      heading-level=${headingLevel}
      poll-interval="0"
      routing="none"
    ></story-submission-status>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The look-up form: reference and access code from the confirmation. */
export const LookUp: Story = { args: { scenario: 'form' } };

/** The form after an incomplete entry: messages at the fields, focus on the first. */
export const Invalid: Story = { args: { scenario: 'invalid' } };

/** Just received. */
export const Submitted: Story = {};

/** Forwarded to the responsible authority, with the reason. */
export const Forwarded: Story = { args: { scenario: 'forwarded' } };

/** Being processed. */
export const InProgress: Story = { args: { scenario: 'in-progress' } };

/** The authority needs more: what is needed, prominently. */
export const InformationRequested: Story = { args: { scenario: 'info-requested' } };

/** Accepted. */
export const Accepted: Story = { args: { scenario: 'accepted' } };

/** Rejected, with the reason. */
export const Rejected: Story = { args: { scenario: 'rejected' } };

/** Completed: no more refreshing. */
export const Completed: Story = { args: { scenario: 'completed' } };

/** The skeleton while the status loads. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** Wrong code or unknown reference: one and the same answer. */
export const NotFound: Story = { args: { scenario: 'not-found' } };

/** The backend is unavailable: a message with a retry button. */
export const BackendError: Story = { args: { scenario: 'error' } };

/** The backend answers something unexpected: the same polite message, never an exception. */
export const Malformed: Story = { args: { scenario: 'malformed' } };

/** Too many look-ups: explained, with the time to wait. */
export const RateLimited: Story = { args: { scenario: 'rate-limited' } };

/** A refresh hit the rate limit: the last status stays, with the explanation. */
export const StaleAfterRateLimit: Story = { args: { scenario: 'stale' } };

/** In English. */
export const English: Story = { args: { lang: 'en', scenario: 'info-requested' } };

/** A narrow phone (320 px). */
export const NarrowPhone: Story = {
  args: { scenario: 'rejected' },
  decorators: [(story) => html`<div style="inline-size: 320px; border: 1px dashed #888">${story()}</div>`],
};
