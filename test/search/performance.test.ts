import { expect } from '@open-wc/testing';
import { buildIndex, search } from '../../src/search/index.ts';
import { generateServices } from './generate.ts';

const QUERIES = [
  'a',
  'ge',
  'baum',
  'Baum fällen',
  'gewrbe',
  'hundesteuer anmelden',
  'fuhrerschein',
  'xylophon',
];

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe('search performance on 10,000 services', () => {
  it('builds the index and answers keystrokes in reasonable time', () => {
    const catalog = generateServices(10_000, 42);
    const builds: number[] = [];
    let index = buildIndex(catalog, 'de');
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      index = buildIndex(catalog, 'de');
      builds.push(performance.now() - start);
    }
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const query of QUERIES) {
        const start = performance.now();
        search(index, query, { limit: 50 });
        times.push(performance.now() - start);
      }
    }
    // The real figures belong to the benchmark; these bounds only catch a broken algorithm.
    console.log(
      `search 10k: build median ${median(builds).toFixed(1)} ms, query median ${median(times).toFixed(2)} ms, ` +
        `max ${Math.max(...times).toFixed(2)} ms`,
    );
    expect(median(builds)).to.be.below(2000);
    expect(median(times)).to.be.below(50);
    expect(search(index, 'Baum fällen').total).to.be.greaterThan(0);
    expect(search(index, 'xylophon').total).to.equal(0);
  });
});
