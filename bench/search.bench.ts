import { buildIndex, search } from '../src/search/index.ts';
import { generateServices } from '../test/search/generate.ts';
import { report, summarize, time } from './bench.ts';

describe('search, 10,000 services', () => {
  const services = generateServices(10_000, 1);

  it('builds the index', async () => {
    await report(
      summarize(
        'search: build index (10,000 services)',
        time(() => buildIndex(services, 'de'), 9, 2),
      ),
    );
  });

  it('answers each keystroke of typical queries', async () => {
    const index = buildIndex(services, 'de');
    const typed = [
      'gewerbe anmelden',
      'baum fällen',
      'hundesteuer',
      'wohnsitz ummelden',
      'parkausweis',
    ].flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
    // Each sample: the same keystroke's query answered 5 times (the clock is too coarse for one).
    const samples = time(
      (i) => search(index, typed[Math.floor(i / 5) % typed.length]!, { limit: 50 }),
      typed.length,
      10,
      5,
    );
    await report(summarize('search: one keystroke → ranked results (module only)', samples, 16));
  });
});
