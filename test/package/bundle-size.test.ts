/**
 * What citizens download: each element's entry bundled with lit, as a browser loads it. Every entry
 * stays under its ceiling (scripts/bundle-sizes.mjs), so growth is a decision, never an accident.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUDGETS, CEILINGS, measureEntries } from '../../scripts/bundle-sizes.mjs';

describe('bundle sizes (gzip, lit included)', () => {
  it('keeps every entry under its ceiling, and no ceiling above need', async () => {
    const sizes = await measureEntries();
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const { name, gzip } of sizes) {
      const ceiling = CEILINGS[name];
      assert.ok(ceiling !== undefined, `${name} has no ceiling in scripts/bundle-sizes.mjs`);
      assert.ok(gzip <= ceiling, `${name} is ${kb(gzip)}, over its ceiling of ${kb(ceiling)}`);
      const budget = BUDGETS[name];
      if (budget !== undefined) {
        // A ceiling never allows more than today's size needs; once under budget, the budget rules.
        assert.ok(
          ceiling - gzip <= 2 * 1024 || ceiling <= budget,
          `${name}: lower its ceiling to near ${kb(gzip)}`,
        );
      }
    }
  });
});
