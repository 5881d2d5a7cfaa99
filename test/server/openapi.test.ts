import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { API_BASE, routes } from '../../src/contract/api.ts';
import { contractRegistry } from '../../src/contract/common.ts';
import { buildOpenApi } from '../../src/contract/openapi.ts';
import { serve } from './helpers.ts';

describe('OpenAPI document', () => {
  const s = serve();

  // The registry only exists where the OpenAPI document is made: the browser's validator keeps no metadata.
  it('names every schema used by a route in the registry', () => {
    for (const route of Object.values(routes)) {
      if (typeof route.response !== 'string') {
        assert.equal(typeof contractRegistry.get(route.response)?.id, 'string', route.path);
      }
    }
  });

  it('is committed as generated from the contract (run `npm run openapi` after a contract change)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(committed, buildOpenApi());
  });

  it('is served as generated', async () => {
    const res = await fetch(`${s.api}/openapi.json`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), buildOpenApi());
  });

  it('documents only routes the server has, and the server has every route of the table', () => {
    for (const [name, route] of Object.entries(routes)) {
      const url = API_BASE + route.path.replace(/\{(\w+)\}/g, ':$1');
      assert.ok(s.app.hasRoute({ method: route.method, url }), `${name}: ${route.method} ${url}`);
    }
  });
});
