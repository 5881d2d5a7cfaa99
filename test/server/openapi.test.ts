import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createConfig, lint } from '@redocly/openapi-core';
import { routes, type RouteDef } from '../../src/contract/api.ts';
import { contractRegistry } from '../../src/contract/common.ts';
import { buildOpenApi } from '../../src/contract/openapi.ts';
import { serve } from './helpers.ts';

const DOCUMENT = new URL('../../docs/openapi.json', import.meta.url);

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI document', () => {
  const s = serve();
  const doc = buildOpenApi() as unknown as Document;

  // The registry only exists where the OpenAPI document is made: the browser's validator keeps no metadata.
  it('names every schema used by a route in the registry', () => {
    for (const route of Object.values(routes)) {
      if (typeof route.response !== 'string') {
        assert.equal(typeof contractRegistry.get(route.response)?.id, 'string', route.path);
      }
    }
  });

  it('is committed as generated from the contract (run `npm run openapi` after a contract change)', () => {
    const committed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    assert.deepEqual(committed, buildOpenApi());
  });

  it('is served as generated', async () => {
    const res = await fetch(`${s.api}/openapi.json`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), buildOpenApi());
  });

  // What a user gets from `redocly lint docs/openapi.json`: the recommended rules, no errors, no warnings.
  it('passes Redocly lint (recommended rules) without errors or warnings', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lint({ ref: fileURLToPath(DOCUMENT), config });
    const report = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location.map((l) => l.pointer).join(', ')})`,
    );
    assert.deepEqual(report, []);
  });

  it('has one relative server, and each path under it is a route the server has', () => {
    assert.equal(doc.servers.length, 1);
    const [server] = doc.servers;
    assert.match(server!.url, /^\/[^/]/, 'relative to the origin that serves the document');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const url = server!.url + path.replace(/\{(\w+)\}/g, ':$1');
        assert.ok(s.app.hasRoute({ method: method.toUpperCase(), url }), `${method} ${url}`);
        documented.add(operations[method]!.operationId);
      }
    }
    assert.deepEqual([...documented].sort(), Object.keys(routes).sort());
  });

  it('says the security of every operation: none for citizens, the API key for the authority inbox', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const route: RouteDef = routes[op.operationId as keyof typeof routes];
        const expected = route.auth ? [{ authorityKey: [] }] : [];
        assert.deepEqual(op.security, expected, `${method} ${path}`);
      }
    }
  });

  it('emits only components that something references', () => {
    for (const id of Object.keys(doc.components.schemas)) {
      const { [id]: _self, ...others } = doc.components.schemas;
      const text = JSON.stringify({ paths: doc.paths, others });
      assert.ok(text.includes(`"#/components/schemas/${id}"`), id);
    }
    // Catalog file formats are registered for the loader, but no route sends them.
    assert.ok(!('Tenant' in doc.components.schemas));
    assert.ok(!('Responsibility' in doc.components.schemas));
    assert.ok('Problem' in doc.components.schemas);
  });
});
