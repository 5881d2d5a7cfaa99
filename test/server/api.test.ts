import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { LocationList, Responsible, ServiceList } from '../../src/contract/api.ts';
import { FormDefinition } from '../../src/contract/form-definition.ts';
import { buildApp } from '../../src/server/app.ts';
import { CatalogError } from '../../src/server/catalog.ts';
import { createSearch } from '../../src/server/search.ts';
import { copyCatalog, gewerbe, key, post, removeDir, start, tempDir, serve } from './helpers.ts';

describe('catalog endpoints', () => {
  const s = serve();

  it('lists and searches the services of a tenant with category counts', async () => {
    const all = z.parse(ServiceList, await (await fetch(`${s.api}/tenants/kreis/services`)).json());
    assert.deepEqual(
      all.services.map((x) => x.id),
      ['ikfz', 'baumfaellung', 'gewerbe'],
    );
    assert.equal(all.categories.find((c) => c.id === 'umwelt')?.count, 1);
    const hits = z.parse(ServiceList, await (await fetch(`${s.api}/tenants/kreis/services?q=baum`)).json());
    assert.deepEqual(
      hits.services.map((x) => x.id),
      ['baumfaellung'],
    );
    const cat = z.parse(
      ServiceList,
      await (await fetch(`${s.api}/tenants/kreis/services?category=mobilitaet`)).json(),
    );
    assert.deepEqual(
      cat.services.map((x) => x.id),
      ['ikfz'],
    );
    assert.equal(cat.services[0]?.onlineServiceUrl, 'https://ikfz.example/');
  });

  it('answers unknown tenants and bad queries with problems', async () => {
    const unknown = await fetch(`${s.api}/tenants/nowhere/services`);
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).type, 'urn:ozg:problem:not-found');
    const bad = await fetch(`${s.api}/tenants/kreis/services/gewerbe/responsible?ars=12`);
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).errors[0].pointer, '/query/ars');
    const nothing = await fetch(`${s.api}/does-not-exist`);
    assert.equal(nothing.status, 404);
    assert.match(nothing.headers.get('content-type') ?? '', /problem\+json/);
  });

  it('routes by the most specific ARS prefix: Stadt, village of an Amt, Kreis level', async () => {
    const responsible = async (service: string, ars: string) =>
      z.parse(
        Responsible,
        await (await fetch(`${s.api}/tenants/kreis/services/${service}/responsible?ars=${ars}`)).json(),
      );
    const heide = await responsible('gewerbe', '010510044044');
    assert.equal(heide.authority.id, 'heide-ordnung');
    assert.equal(heide.arsPrefix, '010510044044');
    const village = await responsible('gewerbe', '010515172999');
    assert.equal(village.authority.id, 'amt-umland');
    assert.equal(village.arsPrefix, '010515172');
    const kreisLevel = await responsible('baumfaellung', '010515172999');
    assert.equal(kreisLevel.authority.id, 'kreis-natur');
    const outside = await fetch(`${s.api}/tenants/kreis/services/gewerbe/responsible?ars=020000000000`);
    assert.equal(outside.status, 404);
  });

  it('routes a submission on the Kreis portal to the municipality responsible for it', async () => {
    const village = await post(`${s.api}/submissions`, gewerbe({}, { plz: '25799', ort: 'Testdorf' }), {
      'idempotency-key': key(),
    });
    assert.equal((await village.json()).authority.id, 'amt-umland');
    const kreis = await post(
      `${s.api}/submissions`,
      {
        ...gewerbe({ serviceId: 'baumfaellung', formId: 'baum', formVersion: 1 }),
        data: { plz: '25799', ort: 'Testdorf', anzahl: 2 },
      },
      { 'idempotency-key': key() },
    );
    assert.equal(kreis.status, 201);
    assert.equal((await kreis.json()).authority.id, 'kreis-natur');
  });

  it("finds places of the tenant's area by name or postal code", async () => {
    const byName = z.parse(
      LocationList,
      await (await fetch(`${s.api}/tenants/kreis/locations?q=testd`)).json(),
    );
    assert.deepEqual(
      byName.locations.map((l) => l.ars),
      ['010515172999'],
    );
    const byCode = z.parse(
      LocationList,
      await (await fetch(`${s.api}/tenants/kreis/locations?q=2574`)).json(),
    );
    assert.deepEqual(
      byCode.locations.map((l) => l.ars),
      ['010510044044'],
    );
    const outside = z.parse(
      LocationList,
      await (await fetch(`${s.api}/tenants/kreis/locations?q=anderswo`)).json(),
    );
    assert.equal(outside.locations.length, 0);
    // … but named as lying outside, by name or postal code, so the citizen is told so; never by a guess.
    assert.deepEqual(
      outside.outside?.map((l) => l.name),
      ['Anderswo (außerhalb)'],
    );
    const byCodeOutside = z.parse(
      LocationList,
      await (await fetch(`${s.api}/tenants/kreis/locations?q=20095`)).json(),
    );
    assert.deepEqual(
      byCodeOutside.outside?.map((l) => l.ars),
      ['020000000000'],
    );
    const typo = await (await fetch(`${s.api}/tenants/kreis/locations?q=Anderwso`)).json();
    assert.deepEqual(typo, { locations: [] });
  });

  it('suggests the places a misspelt name means, but none outside the area', async () => {
    const places = async (q: string) =>
      z
        .parse(
          LocationList,
          await (await fetch(`${s.api}/tenants/kreis/locations?q=${encodeURIComponent(q)}`)).json(),
        )
        .locations.map((l) => l.name);
    assert.deepEqual(await places('Teststat'), ['Teststadt']);
    assert.deepEqual(await places('Tesdorf'), ['Testdorf (fiktiv)']);
    assert.deepEqual(await places('testdorff'), ['Testdorf (fiktiv)']);
    // Anderswo is in the catalog, but not in the tenant's area: not even as a suggestion.
    assert.deepEqual(await places('Anderwso'), []);
    assert.deepEqual(await places('20095'), []);
    assert.deepEqual(await places('Xylophonhausen'), []);
  });

  it('searches services without a place the query names, when given the places', () => {
    const sample = (file: string) =>
      JSON.parse(readFileSync(new URL(`../../src/server/sample-catalog/${file}`, import.meta.url), 'utf8'));
    const services = sample('services.json');
    const ids = (search: ReturnType<typeof createSearch>, q: string, lang: 'de' | 'en' = 'de') =>
      search(services, q, lang).map((x) => x.id);
    const withPlaces = createSearch(sample('locations.json'));
    assert.deepEqual(ids(createSearch(), 'Hundesteuer Heide'), []);
    assert.deepEqual(ids(withPlaces, 'Hundesteuer Heide'), ['hundesteuer-anmeldung']);
    assert.deepEqual(ids(withPlaces, 'dog tax 25746', 'en'), ['hundesteuer-anmeldung']);
    assert.deepEqual(ids(withPlaces, 'Hundesteuer Xylophon'), []);
    // A query that finds something as it is stays as it is.
    assert.deepEqual(ids(withPlaces, 'Gewerbe'), ['gewerbeanmeldung']);
  });

  it('serves form definitions with an ETag and answers 304 when unchanged', async () => {
    const res = await fetch(`${s.api}/forms/gewerbe`);
    assert.equal(res.status, 200);
    const form = z.parse(FormDefinition, await res.json());
    assert.equal(form.version, 2);
    const etag = res.headers.get('etag');
    assert.ok(etag);
    const again = await fetch(`${s.api}/forms/gewerbe`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });
});

describe('CORS', () => {
  const s = serve({ corsOrigins: ['https://ops.example'] });

  it("allows a tenant's own origin and operators' origins, refuses others", async () => {
    const ok = await fetch(`${s.api}/tenants/kreis/services`, {
      headers: { origin: 'https://www.kreis.example' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://www.kreis.example');
    const ops = await fetch(`${s.api}/tenants/heide/services`, {
      headers: { origin: 'https://ops.example' },
    });
    assert.equal(ops.status, 200);
    const evil = await fetch(`${s.api}/tenants/kreis/services`, {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
  });

  it("refuses another tenant's origin for tenant routes and submissions", async () => {
    const cross = await fetch(`${s.api}/tenants/kreis/services`, {
      headers: { origin: 'https://www.heide.example' },
    });
    assert.equal(cross.status, 403);
    assert.equal((await cross.json()).type, 'urn:ozg:problem:forbidden');
    const submit = await post(`${s.api}/submissions`, gewerbe(), {
      'idempotency-key': key(),
      origin: 'https://www.heide.example',
    });
    assert.equal(submit.status, 403);
  });

  it('answers preflights for allowed origins with the needed headers', async () => {
    const res = await fetch(`${s.api}/submissions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.kreis.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://www.kreis.example');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  });
});

describe('widget files', () => {
  it('serves the bundle to homepages of any origin (module scripts load with CORS)', async () => {
    const widgetsDir = tempDir('ozg-widgets-');
    writeFileSync(join(widgetsDir, 'ozg-widgets.js'), 'export {};\n');
    const s = await start({ widgetsDir });
    try {
      const res = await fetch(`${s.url}/widgets/ozg-widgets.js`, {
        headers: { origin: 'https://www.amt.example' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('content-type') ?? '', /javascript/);
    } finally {
      await s.close();
      removeDir(s.dataDir);
      removeDir(widgetsDir);
    }
  });
});

describe('catalog loading', () => {
  async function expectStartError(mutate: (dir: string) => void, message: RegExp) {
    const dir = copyCatalog();
    const dataDir = tempDir();
    try {
      mutate(dir);
      const options = { dataDir, catalogDir: dir, allowDemoKeys: true, logLevel: 'silent' };
      await assert.rejects(buildApp(options), (error: Error) => {
        assert.ok(error instanceof CatalogError);
        assert.match(error.message, message);
        return true;
      });
    } finally {
      removeDir(dir);
      removeDir(dataDir);
    }
  }

  it('names the file, the JSON path and the broken rule of an invalid value', async () => {
    await expectStartError((dir) => {
      const file = join(dir, 'services.json');
      const services = JSON.parse(readFileSync(file, 'utf8'));
      services[2].leikaKey = '12345';
      writeFileSync(file, JSON.stringify(services));
    }, /^services\.json: \/2\/leikaKey: Invalid string: must match pattern /);
  });

  it('refuses the public demo keys outside the bundled sample unless allowed', async () => {
    const dir = copyCatalog();
    const dataDir = tempDir();
    try {
      await assert.rejects(buildApp({ dataDir, catalogDir: dir, logLevel: 'silent' }), (error: Error) => {
        assert.ok(error instanceof CatalogError);
        assert.match(error.message, /^api-keys\.json: \/0: this is the public demo key "demo-/);
        return true;
      });
      const allowed = await buildApp({ dataDir, catalogDir: dir, allowDemoKeys: true, logLevel: 'silent' });
      await allowed.close();
      // The bundled sample may keep them: it is the demo.
      const sample = await buildApp({ dataDir, logLevel: 'silent' });
      await sample.close();
    } finally {
      removeDir(dir);
      removeDir(dataDir);
    }
  });

  it('names the file of broken JSON and of a broken reference', async () => {
    await expectStartError(
      (dir) => writeFileSync(join(dir, 'tenants.json'), '[{'),
      /^tenants\.json: invalid JSON/,
    );
    await expectStartError((dir) => {
      const file = join(dir, 'responsibilities.json');
      const list = JSON.parse(readFileSync(file, 'utf8'));
      list[1].authorityId = 'ghost';
      writeFileSync(file, JSON.stringify(list));
    }, /^responsibilities\.json: \/1\/authorityId: unknown authority "ghost"/);
  });

  it('names the form file of an invalid form definition', async () => {
    await expectStartError((dir) => {
      const file = join(dir, 'forms', 'gewerbe.json');
      const form = JSON.parse(readFileSync(file, 'utf8'));
      form.steps[0].fields[0].type = 'colour';
      writeFileSync(file, JSON.stringify(form));
    }, /^forms\/gewerbe\.json: \/steps\/0\/fields\/0/);
  });
});

describe('health check', () => {
  it('answers 200 while the database answers, outside the API and its origin check', async () => {
    const s = await start();
    try {
      const res = await fetch(`${s.url}/healthz`, { headers: { origin: 'https://unbekannt.example' } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok' });
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});
