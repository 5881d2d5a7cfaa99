/**
 * `<ozg-submission-status>` in each of its states. Storybook has no backend: a story-only subclass answers from
 * the fixture backend, seeded with a tree felling permit from Heide (sample catalog) that caseworkers took to
 * the story's state; the fixture also stays silent or fails. Only an answer outside the contract is scripted.
 * The reply stories type and choose files as a citizen would, in the element itself.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { until } from './shadow.ts';
import type { ApiClientOptions } from '../src/client/index.ts';
import { STATUSES, type Status } from '../src/contract/index.ts';
import { OzgSubmissionStatus } from '../src/ozg-submission-status.ts';
import { fixtureBackend, treeFellingFromHeide, type SeedApplication } from './fixture-backend.ts';

type Scenario =
  | Status
  | 'loading'
  | 'not-found'
  | 'error'
  | 'malformed'
  | 'rate-limited'
  | 'stale'
  | 'reply-files'
  | 'reply-missing'
  | 'reply-sending'
  | 'reply-sent';

/** The reply scenarios: the citizen answers a request for information. */
const REPLIES = ['reply-files', 'reply-missing', 'reply-sending', 'reply-sent'] as const;

/** The Kreis authority that takes over trees outside the town's own responsibility. */
const KREIS = 'kreis-dithmarschen-naturschutz';
const start = Date.UTC(2026, 10, 23, 9, 0);
const at = (minutes: number) => new Date(start + minutes * 60_000);

type Events = NonNullable<SeedApplication['events']>;
const inProgress: Events = [{ type: 'in-progress', at: at(60 * 24) }];
const requested: Events = [
  ...inProgress,
  {
    type: 'info-requested',
    at: at(60 * 48),
    message: 'Bitte reichen Sie ein Foto des ganzen Baumes und einen Lageplan nach.',
  },
];
/** What the caseworkers did to bring the application into each state. */
const histories: Record<Status, Events> = {
  submitted: [],
  forwarded: [
    {
      type: 'forwarded',
      toAuthorityId: KREIS,
      at: at(90),
      message: 'Die Bäume stehen in einem Landschaftsschutzgebiet; dafür ist der Kreis zuständig.',
    },
  ],
  'in-progress': inProgress,
  'info-requested': requested,
  'info-received': [
    ...requested,
    {
      type: 'info-received',
      at: at(60 * 52),
      message: 'Anbei das Foto von Süden und der Lageplan.\nDie Eiche steht an der Grundstücksgrenze.',
      files: [
        { name: 'eiche-ganz.jpg', type: 'image/jpeg', size: 1_482_133 },
        { name: 'lageplan.pdf', type: 'application/pdf', size: 212_480 },
      ],
    },
  ],
  accepted: [...inProgress, { type: 'accepted', at: at(60 * 24 * 6), message: 'Die Fällung ist genehmigt.' }],
  rejected: [
    ...inProgress,
    {
      type: 'rejected',
      at: at(60 * 24 * 6),
      message:
        'Die Eiche ist gesund und prägt das Ortsbild. Eine Fällung ist nach der Baumschutzsatzung nicht zulässig.',
    },
  ],
  completed: [
    ...inProgress,
    { type: 'accepted', at: at(60 * 24 * 6) },
    { type: 'completed', at: at(60 * 24 * 20) },
  ],
};

/** An application nobody submitted: the fixture does not know it. */
const UNKNOWN = { reference: 'DI-2026-000123', accessCode: 'Xy7Pq2Lm9Ab3' };

const isStatus = (scenario: string): scenario is Status => (STATUSES as readonly string[]).includes(scenario);

/** The backend of a scenario and the application the story opens in it. */
function backendFor(scenario: Scenario | 'form' | 'invalid'): {
  fetch: typeof fetch;
  xhr?: () => XMLHttpRequest;
  open?: { reference: string; accessCode: string };
} {
  if (isStatus(scenario) || (REPLIES as readonly string[]).includes(scenario)) {
    // The reply being sent never gets its answer.
    const backend = fixtureBackend(
      scenario === 'reply-sending' ? { latency: { replyToRequest: Infinity } } : {},
    );
    const events = isStatus(scenario) ? histories[scenario] : requested;
    return {
      fetch: backend.fetch,
      xhr: backend.xhr,
      open: backend.seed(treeFellingFromHeide(at(0), { events })),
    };
  }
  switch (scenario) {
    case 'loading':
      return { fetch: fixtureBackend({ latency: { getStatus: Infinity } }).fetch, open: UNKNOWN };
    case 'not-found':
      return { fetch: fixtureBackend().fetch, open: UNKNOWN };
    case 'error':
      return { fetch: fixtureBackend({ fail: { getStatus: 503 } }).fetch, open: UNKNOWN };
    case 'rate-limited':
      return {
        fetch: fixtureBackend({ fail: { getStatus: { status: 429, retryAfter: 40 } } }).fetch,
        open: UNKNOWN,
      };
    case 'stale': {
      // The first look-up is answered; the refresh right after it hits the rate limit.
      const backend = fixtureBackend();
      const limited = fixtureBackend({ fail: { getStatus: { status: 429, retryAfter: 40 } } });
      let calls = 0;
      return {
        fetch: (input, init) => (++calls === 1 ? backend.fetch : limited.fetch)(input, init),
        open: backend.seed(treeFellingFromHeide(at(0), { events: histories['in-progress'] })),
      };
    }
    case 'malformed':
      return {
        fetch: () =>
          Promise.resolve(
            new Response(JSON.stringify({ reference: 'DI-2026-000123', status: 'verloren' }), {
              headers: { 'Content-Type': 'application/json' },
            }),
          ),
        open: UNKNOWN,
      };
    default:
      return { fetch: fixtureBackend().fetch };
  }
}

/** A file as the citizen picks it: a PNG, a PDF (each with the start its type has) or a Word document. */
function sampleFile(name: string): File {
  if (name.endsWith('.png'))
    return new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], name, {
      type: 'image/png',
    });
  if (name.endsWith('.pdf'))
    return new File(['%PDF-1.7\n%\u00e2\u00e3\n'], name, { type: 'application/pdf' });
  return new File(['PK'], name, {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}

class StoryStatus extends OzgSubmissionStatus {
  /** Which backend answers (see the scenarios above). */
  @property() scenario: Scenario | 'form' | 'invalid' = 'submitted';
  #backend: (ReturnType<typeof backendFor> & { scenario: string }) | undefined;

  /** The scenario's backend, made anew when the scenario changes (Storybook controls). */
  get #story() {
    if (this.#backend?.scenario !== this.scenario)
      this.#backend = { ...backendFor(this.scenario), scenario: this.scenario };
    return this.#backend;
  }

  protected override apiOptions(): ApiClientOptions {
    const { fetch, xhr } = this.#story;
    return { retry: { attempts: 1 }, fetch, ...(xhr ? { xhr } : {}) };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const open = this.#story.open;
    if (!open) return;
    this.show(open.reference, open.accessCode);
    if (this.scenario === 'stale') setTimeout(() => void this.refresh(), 50);
    if ((REPLIES as readonly string[]).includes(this.scenario)) void this.#reply();
  }

  /** Answers the request as a citizen: types, chooses files, sends (as far as the scenario goes). */
  async #reply(): Promise<void> {
    const message = await until(this, '#reply-message');
    if (!(message instanceof HTMLTextAreaElement)) return;
    if (this.scenario !== 'reply-missing') {
      message.value = 'Anbei das Foto des ganzen Baumes und der Lageplan.';
      message.dispatchEvent(new Event('input'));
      const input = this.renderRoot.querySelector<HTMLInputElement>('#reply-files')!;
      const files = new DataTransfer();
      for (const name of [
        'eiche-ganz.png',
        'lageplan.pdf',
        ...(this.scenario === 'reply-files' ? ['notizen.docx'] : []),
      ])
        files.items.add(sampleFile(name));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
      if (this.scenario === 'reply-files') return;
      await until(this, '[part="reply-files"] li + li');
    }
    (await until(this, '[part="send-button"]'))?.click();
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
        ...REPLIES,
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

/** The authority needs more: what is needed, prominently, and the form to answer online. */
export const InformationRequested: Story = { args: { scenario: 'info-requested' } };

/** Answering: a message, two files uploaded, a third refused for its type (in words, without a retry). */
export const ReplyWithFiles: Story = { args: { scenario: 'reply-files' } };

/** "Antwort senden" with neither message nor file: the message at the field, focus on it. */
export const ReplyMissing: Story = { args: { scenario: 'reply-missing' } };

/** The reply on its way: the send button says so and waits. */
export const ReplySending: Story = { args: { scenario: 'reply-sending' } };

/** The reply arrived: the confirmation, the new state and the reply in the timeline. */
export const ReplySent: Story = { args: { scenario: 'reply-sent' } };

/** Information received (seen later): the citizen's reply with its files in the timeline. */
export const InformationReceived: Story = { args: { scenario: 'info-received' } };

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
