/**
 * `<ozg-service-catalog>` in each of its states. Storybook has no backend: a story-only subclass answers from
 * the fixture backend (the sample catalog of the reference backend: Kreis Dithmarschen, Stadt Heide,
 * Brunsbüttel), which can also stay silent or fail; what the sample catalog cannot show (an empty catalog, an
 * answer outside the contract, very long texts) is scripted here.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { ApiClientOptions } from '../src/client/index.ts';
import type { Service, ServiceList } from '../src/contract/index.ts';
import { OzgServiceCatalog } from '../src/ozg-service-catalog.ts';
import { fixtureFetch } from './fixture-backend.ts';
import '../src/ozg-config.ts';

type Scenario = 'sample' | 'loading' | 'empty' | 'error' | 'malformed' | 'long';

const long = (text: string, times: number) => Array.from({ length: times }, () => text).join('\n\n');

/** A service with very long texts, to try line breaks at 320 px. */
const longService: Service = {
  id: 'langer-text',
  name: {
    de: 'Ausnahmegenehmigung nach der Straßenverkehrs-Ordnung für Schwertransporte und Großraumtransporte im Kreisgebiet',
  },
  summary: { de: long('Eine sehr lange Beschreibung mit Donaudampfschifffahrtsgesellschaftskapitän.', 4) },
  categories: ['mobilitaet'],
  fullText: {
    de: long('Absatz mit viel Text, der auf schmalen Bildschirmen umbrechen muss. '.repeat(6), 5),
  },
  requiredDocuments: Array.from({ length: 12 }, (_, i) => ({
    de: `Unterlage Nummer ${i + 1} mit Erläuterung`,
  })),
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

/** A scripted backend: the list (and the one service of it) for every request, other routes unknown. */
function scripted(list: unknown, service?: Service): typeof fetch {
  return (input) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/services')) return Promise.resolve(json(list));
    if (service && path.endsWith(`/services/${service.id}`)) return Promise.resolve(json(service));
    return Promise.resolve(json({ type: 'about:blank', title: 'Not found', status: 404 }, 404));
  };
}

const emptyList: ServiceList = { services: [], categories: [], total: 0 };
const longList: ServiceList = {
  services: [longService],
  categories: [{ id: 'mobilitaet', name: { de: 'Mobilität und Verkehr' }, count: 1 }],
  total: 1,
};

/** The backend of each scenario, made once (the fixture keeps its search indexes). */
const backends: Record<Scenario, () => typeof fetch> = {
  sample: () => fixtureFetch(),
  loading: () => fixtureFetch({ latency: { listServices: Infinity } }),
  error: () => fixtureFetch({ fail: { listServices: 503 } }),
  empty: () => scripted(emptyList),
  malformed: () => scripted({ services: 'kaputt' }),
  long: () => scripted(longList, longService),
};
const made = new Map<Scenario, typeof fetch>();
const backendOf = (scenario: Scenario) => {
  let backend = made.get(scenario);
  if (!backend) made.set(scenario, (backend = (backends[scenario] ?? backends.sample)()));
  return backend;
};

class StoryServiceCatalog extends OzgServiceCatalog {
  /** Which backend answers (see the scenarios above). */
  @property() scenario: Scenario = 'sample';

  protected override apiOptions(): ApiClientOptions {
    return {
      retry: { attempts: 1 },
      fetch: backendOf(this.scenario),
    };
  }
}
if (!customElements.get('story-service-catalog'))
  customElements.define('story-service-catalog', StoryServiceCatalog);

interface Args {
  lang: 'de' | 'en';
  scenario: Scenario;
  service: string;
  headingLevel: number;
}

const meta: Meta<Args> = {
  title: 'Elements/ozg-service-catalog',
  component: 'ozg-service-catalog',
  args: { lang: 'de', scenario: 'sample', service: '', headingLevel: 2 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    scenario: { control: 'select', options: ['sample', 'loading', 'empty', 'error', 'malformed', 'long'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: ({ lang, scenario, service, headingLevel }) =>
    html`<story-service-catalog
      endpoint="https://ozg.example.de"
      tenant="kreis-dithmarschen"
      lang=${lang}
      scenario=${scenario}
      service=${service}
      heading-level=${headingLevel}
      routing="none"
    ></story-service-catalog>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The catalog with results: type to search, filter by category, open a service. */
export const Results: Story = {};

/** The skeleton shown while the catalog loads. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** Nothing found: the categories are offered instead. */
export const Empty: Story = { args: { scenario: 'empty' } };

/** The backend is unavailable: a message with a retry button. */
export const BackendError: Story = { args: { scenario: 'error' } };

/** The backend answers something unexpected: the same polite message, never an exception. */
export const Malformed: Story = { args: { scenario: 'malformed' } };

/** One service in full, with the search for the responsible authority. */
export const Detail: Story = { args: { service: 'baumfaellgenehmigung' } };

/** An external online service, clearly marked as leaving the site. */
export const ExternalService: Story = { args: { service: 'fahrzeugzulassung' } };

/** Very long names, summaries and lists; try it at 320 px. */
export const LongTexts: Story = { args: { scenario: 'long', service: 'langer-text' } };

/** The same catalog in English. */
export const English: Story = { args: { lang: 'en' } };

/** A narrow phone (320 px). */
export const NarrowPhone: Story = {
  args: { scenario: 'long' },
  decorators: [(story) => html`<div style="inline-size: 320px; border: 1px dashed #888">${story()}</div>`],
};

/** A custom theme through the documented `--ozg-*` properties and an inherited serif font. */
export const CustomTheme: Story = {
  decorators: [
    (story) =>
      html`<div
        style="--ozg-color-primary: #7a1f5c; --ozg-color-primary-hover: #5a1544; --ozg-color-surface: #f7eef4;
          --ozg-radius: 0; --ozg-color-focus: #7a1f5c; font-family: Georgia, serif"
      >
        ${story()}
      </div>`,
  ],
};

/** Token values a KERN page sets (illustrative values; the names are those of `@kern-ux/native`). */
const kernPage =
  '--kern-color-action-default: #1b4d8f; --kern-color-layout-text-default: #171a1f; ' +
  '--kern-typography-font-family-default: "Fira Sans", "Segoe UI", sans-serif';

/**
 * Two municipalities side by side: a page using the KERN design tokens (the widgets follow them without
 * any `--ozg-*` setting) and Stadt Heide's own look through `--ozg-*` properties. Two catalogs on one page
 * get different headings, which also name their search landmarks.
 */
export const KernAndMunicipality: Story = {
  render: ({ lang, scenario }) =>
    html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 2rem">
      <div style=${kernPage}>
        <story-service-catalog
          endpoint="https://ozg.example.de"
          tenant="kreis-dithmarschen"
          lang=${lang}
          scenario=${scenario}
          heading="Leistungen des Kreises (KERN)"
          routing="none"
        ></story-service-catalog>
      </div>
      <div
        style="--ozg-color-primary: #0b5c8a; --ozg-color-primary-hover: #084769; --ozg-radius: 4px;
          --ozg-color-surface: #eef5f9; --ozg-color-focus: #0b5c8a; font-family: Georgia, serif"
      >
        <story-service-catalog
          endpoint="https://ozg.example.de"
          tenant="stadt-heide"
          lang=${lang}
          scenario=${scenario}
          heading="Leistungen der Stadt Heide"
          routing="none"
        ></story-service-catalog>
      </div>
    </div>`,
};

/** A dark host page: every colour token set for dark surfaces, contrast checked like the light ones. */
export const DarkPage: Story = {
  decorators: [
    (story) =>
      html`<div
        style="background: #121417; color: #f2f2f2; padding: 1rem;
          --ozg-color-text: #f2f2f2; --ozg-color-text-muted: #c9ccd1; --ozg-color-background: #1b1f24;
          --ozg-color-surface: #232830; --ozg-color-border: #9aa3ad; --ozg-color-primary: #9cc3ff;
          --ozg-color-primary-hover: #c2dbff; --ozg-color-on-primary: #0b1b33; --ozg-color-focus: #ffbf47;
          --ozg-color-error: #ffaaaa; --ozg-color-error-background: #3a1414; --ozg-color-success: #9ee0ad;
          --ozg-color-success-background: #12301a; --ozg-color-warning: #ffd98a;
          --ozg-color-warning-background: #3a2a06"
      >
        ${story()}
      </div>`,
  ],
};

/** A right-to-left page: the layout mirrors (logical properties) and nothing overflows. */
export const RightToLeft: Story = {
  args: { scenario: 'long' },
  decorators: [(story) => html`<div dir="rtl" style="inline-size: 320px">${story()}</div>`],
};
