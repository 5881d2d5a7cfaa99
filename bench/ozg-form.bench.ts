/**
 * `<ozg-form>` on the large-form workload (bench/generate-form.ts): 1,000 text fields on 10 steps, on each step
 * the first field drives 30 others ("visible when filled"). The backend is an in-memory `fetch` that answers at
 * once, so the figures are the element's own work: reading and checking the answer against the contract,
 * preparing the form, rendering and layout.
 */
import type { ApiClientOptions } from '../src/client/index.ts';
import { OzgForm } from '../src/ozg-form.ts';
import { report, summarize } from './bench.ts';
import { generateLargeForm } from './generate-form.ts';

const definition = JSON.stringify(generateLargeForm());
const tenant = JSON.stringify({
  id: 'bench',
  name: { de: 'Bench' },
  ars: '010510000000',
  privacyNoticeUrl: 'https://bench.invalid/datenschutz',
});

class BenchForm extends OzgForm {
  protected override apiOptions(): ApiClientOptions {
    return {
      fetch: async (input) =>
        new Response(String(input).includes('/forms/') ? definition : tenant, {
          headers: { 'Content-Type': 'application/json' },
        }),
    };
  }
}
customElements.define('bench-ozg-form', BenchForm);

/** Resolves once the shadow root holds a `<form>` (a MutationObserver: no polling delay in the figure). */
function formShown(el: HTMLElement): Promise<HTMLFormElement> {
  const root = el.shadowRoot!;
  const found = root.querySelector('form');
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const form = root.querySelector('form');
      if (form) {
        observer.disconnect();
        resolve(form);
      }
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function create(): BenchForm {
  const el = document.createElement('bench-ozg-form') as BenchForm;
  el.setAttribute('endpoint', 'https://bench.invalid');
  el.setAttribute('tenant', 'bench');
  el.setAttribute('form-id', 'bench-large');
  el.setAttribute('no-draft', '');
  return el;
}

describe('<ozg-form>, 1,000 fields / 10 steps / 300 conditions', () => {
  it('paints the first step', async () => {
    const samples: number[] = [];
    for (let run = 0; run < 25; run += 1) {
      await frame();
      const el = create();
      const t0 = performance.now();
      document.body.append(el);
      const form = await formShown(el);
      await el.updateComplete;
      form.getBoundingClientRect();
      const t1 = performance.now();
      if (run >= 5) samples.push(t1 - t0);
      el.remove();
    }
    await report(
      summarize('form element: connect → first step rendered and laid out (1,000 fields)', samples, 50),
    );
  });

  it('handles a keystroke in a driving field', async () => {
    const el = create();
    document.body.append(el);
    const form = await formShown(el);
    await el.updateComplete;
    const input = el.shadowRoot!.getElementById('f.s0f0') as HTMLInputElement;
    input.focus();
    const samples: number[] = [];
    for (let i = 0; i < 220; i += 1) {
      if (i % 20 === 0) await frame();
      // Alternating filled / empty: every keystroke shows or hides the 30 driven fields.
      const t0 = performance.now();
      input.value = i % 2 === 0 ? 'x'.repeat((i % 7) + 1) : '';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await el.updateComplete;
      form.getBoundingClientRect();
      const t1 = performance.now();
      if (i >= 20) samples.push(t1 - t0);
    }
    const shown = [...el.shadowRoot!.querySelectorAll('input')].filter((x) => x.checkVisibility()).length;
    if (shown !== 70) throw new Error(`expected 70 visible inputs after an empty driver, saw ${shown}`);
    el.remove();
    await report(
      summarize(
        'form element: keystroke in driving field → 30 fields shown/hidden and laid out',
        samples,
        1.5,
      ),
    );
  });
});
