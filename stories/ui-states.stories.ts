/**
 * The shared states every element shows: missing configuration, error with retry, loading.
 * A small story-only element built on `OzgElement` renders them with the real building blocks.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiError, type ApiErrorKind } from '../src/client/index.ts';
import { blockStyles, OzgElement, renderErrorAlert, renderLoading, tokens } from '../src/ui/index.ts';
import '../src/ozg-config.ts';

type DemoState = 'ready' | 'error' | 'loading';

class StoryUiDemo extends OzgElement {
  static override styles = [tokens, blockStyles];
  // Storybook has no backend: no tenant theme to fetch (from a made-up endpoint on a real domain).
  static override themed = false;

  /** Which shared state to show once configured. */
  @property() state: DemoState = 'ready';

  /** Kind of the simulated error. */
  @property() kind: ApiErrorKind = 'http';

  /** HTTP status of the simulated error. */
  @property({ type: Number }) status = 503;

  protected override render() {
    if (!this.config.ok) return this.renderMissingConfig();
    switch (this.state) {
      case 'loading':
        return renderLoading({ lang: this.uiLang });
      case 'error':
        return renderErrorAlert({
          lang: this.uiLang,
          error: new ApiError(this.kind, 'demo', this.kind === 'http' ? { status: this.status } : {}),
          onRetry: () => {
            this.state = 'loading';
            setTimeout(() => (this.state = 'ready'), 1500);
          },
        });
      default:
        return html`${this.renderHeading(this.uiLang === 'en' ? 'Configured' : 'Eingerichtet')}
          <p>
            <span translate="no">${this.config.endpoint}</span> ·
            <span translate="no">${this.config.tenant}</span>
          </p>`;
    }
  }
}
if (!customElements.get('story-ui-demo')) customElements.define('story-ui-demo', StoryUiDemo);

interface Args {
  lang: 'de' | 'en';
  state: DemoState;
  kind: ApiErrorKind;
  status: number;
}

const meta: Meta<Args> = {
  title: 'Shared/UI states',
  args: { lang: 'de', state: 'ready', kind: 'http', status: 503 },
  argTypes: {
    lang: { control: 'inline-radio', options: ['de', 'en'] },
    state: { control: 'inline-radio', options: ['ready', 'error', 'loading'] },
    kind: { control: 'select', options: ['network', 'timeout', 'http', 'malformed'] },
    status: { control: 'select', options: [400, 403, 404, 409, 413, 429, 500, 503] },
  },
  render: ({ lang, state, kind, status }) =>
    html`<ozg-config endpoint="https://ozg.example.de" tenant="kreis-dithmarschen" lang=${lang}>
      <story-ui-demo state=${state} kind=${kind} status=${status}></story-ui-demo>
    </ozg-config>`,
};
export default meta;

type Story = StoryObj<Args>;

/**
 * Without endpoint and tenant the element explains, politely and visibly, what is missing.
 * (The empty `<ozg-config>` keeps it from using the config of another story on the docs page.)
 */
export const MissingConfiguration: Story = {
  render: ({ lang }) => html`<ozg-config><story-ui-demo lang=${lang}></story-ui-demo></ozg-config>`,
};

/** An error alert (role="alert") with a retry button; the text never shows internals. */
export const ErrorWithRetry: Story = { args: { state: 'error' } };

/** The service is unreachable (network error). */
export const NetworkError: Story = { args: { state: 'error', kind: 'network' } };

/** A skeleton with an accessible name ("Wird geladen …"); still under `prefers-reduced-motion`. */
export const Loading: Story = { args: { state: 'loading' } };

/** Configured from the surrounding `<ozg-config>`. */
export const Configured: Story = {};

/** Two `<ozg-config>` on one page: each element uses its own. */
export const TwoConfigs: Story = {
  render: () => html`
    <ozg-config endpoint="https://ozg.example.de" tenant="heide" lang="de">
      <story-ui-demo heading-level="3"></story-ui-demo>
    </ozg-config>
    <ozg-config endpoint="https://ozg.example.org" tenant="brunsbuettel" lang="en">
      <story-ui-demo heading-level="3"></story-ui-demo>
    </ozg-config>
  `,
};
