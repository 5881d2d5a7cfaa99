import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAMPLE_CATALOG_DIR } from '../../src/server/app.ts';
import { bearer, serve } from './helpers.ts';

describe('bundled sample catalog', () => {
  const s = serve({ catalogDir: SAMPLE_CATALOG_DIR });

  const responsible = async (service: string, ars: string) => {
    const res = await fetch(`${s.api}/tenants/kreis-dithmarschen/services/${service}/responsible?ars=${ars}`);
    assert.equal(res.status, 200);
    return (await res.json()) as { arsPrefix: string; authority: { id: string } };
  };

  it('sends a Gewerbeanmeldung from the Kreis portal to the municipality, not the Kreis', async () => {
    assert.equal(
      (await responsible('gewerbeanmeldung', '010510044044')).authority.id,
      'stadt-heide-ordnungsamt',
    );
    assert.equal(
      (await responsible('gewerbeanmeldung', '010510011011')).authority.id,
      'brunsbuettel-buergerservice',
    );
    const village = await responsible('gewerbeanmeldung', '010515172048');
    assert.equal(village.authority.id, 'amt-heider-umland-buergerbuero');
    assert.equal(village.arsPrefix, '010515172');
  });

  it('keeps Kreis-level services at the Kreis for a village of an Amt', async () => {
    const res = await responsible('baumfaellgenehmigung', '010515172048');
    assert.equal(res.authority.id, 'kreis-dithmarschen-naturschutz');
    assert.equal(res.arsPrefix, '01051');
  });

  it('accepts the demo API key of every authority', async () => {
    const res = await fetch(`${s.api}/authority`, { headers: bearer('stadt-heide-ordnungsamt') });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).id, 'stadt-heide-ordnungsamt');
  });
});
