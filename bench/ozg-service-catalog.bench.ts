/**
 * Benchmark (not a test): keystroke → painted results in `<ozg-service-catalog>` over 10,000 generated
 * services, fed from memory so the network does not count. Part of `npm run bench`; alone:
 * `npx wtr --config web-test-runner.bench.config.mjs --files bench/ozg-service-catalog.bench.ts`.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { report, summarize } from './bench.ts';
import type { ApiClientOptions } from '../src/client/index.ts';
import { OzgServiceCatalog } from '../src/ozg-service-catalog.ts';
import { GENERATED_CATEGORIES, generateServices } from '../test/search/generate.ts';

const services = generateServices(10_000, 1);
const body = JSON.stringify({
  services,
  categories: GENERATED_CATEGORIES.map((id) => ({ id, name: { de: id }, count: 1 })),
  total: services.length,
});

class BenchCatalog extends OzgServiceCatalog {
  protected override apiOptions(): ApiClientOptions {
    return {
      fetch: async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }),
    };
  }
}
customElements.define('bench-service-catalog', BenchCatalog);

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

describe('<ozg-service-catalog>, 10,000 services', () => {
  it('answers each keystroke with rendered results', async () => {
    const el = await fixture<BenchCatalog>(
      html`<bench-service-catalog
        endpoint="https://bench.invalid"
        tenant="bench"
        routing="none"
      ></bench-service-catalog>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part="results"]'), 'results', { timeout: 60000 });
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#ozg-search')!;
    const typed = [
      'gewerbe anmelden',
      'baum fällen',
      'hundesteuer',
      'wohnsitz ummelden',
      'parkausweis',
    ].flatMap((q) => ['', ...Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))]);
    const work: number[] = [];
    const painted: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const text of typed) {
        await frame();
        const t0 = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await el.updateComplete;
        // Style and layout of the new results, forced here so they count.
        el.shadowRoot!.querySelector('.catalog')!.getBoundingClientRect();
        const t1 = performance.now();
        // The frame after the update: a task queued from requestAnimationFrame runs after its paint.
        await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const t2 = performance.now();
        if (round > 0) {
          work.push(t1 - t0);
          painted.push(t2 - t0);
        }
      }
    }
    await report(
      summarize('catalog element: keystroke → results rendered and laid out (10,000 services)', work, 16),
    );
    await report(
      summarize(
        'catalog element: keystroke at a frame start → results painted (one frame is 16.7 ms: none lost)',
        painted,
      ),
    );
  });
});
