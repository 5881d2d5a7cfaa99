/**
 * Routing by the place of the matter: the answers of a form's `routing` fields (postal code and town of the
 * business, plot, event or residence) decide the authority, never a client-sent ARS. Real server, real HTTP.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { Problem } from '../../src/contract/problem.ts';
import { FormResponsible } from '../../src/contract/routes-forms.ts';
import { Submission, SubmissionPage, SubmissionReceipt } from '../../src/contract/submission.ts';
import { SAMPLE_CATALOG_DIR, buildApp } from '../../src/server/app.ts';
import { CatalogError } from '../../src/server/catalog.ts';
import { SAMPLE_FORM_VERSION, gewerbeAnswers } from '../helpers/answers.ts';
import {
  bearer,
  copyCatalog,
  gewerbe,
  key,
  post,
  removeDir,
  rowCount,
  start,
  tempDir,
  type Running,
  serve,
} from './helpers.ts';

const HEIDE = '010510044044';
const BRUNSBUETTEL = '010510011011';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value, null, 2));

/** The one field error of a 400 problem. */
async function fieldError(res: Response) {
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  const problem = z.parse(Problem, await res.json());
  assert.equal(problem.errors?.length, 1, JSON.stringify(problem.errors));
  return problem.errors[0]!;
}

/**
 * A valid Gewerbeanmeldung of the sample catalog (tenant kreis-dithmarschen): an Einzelunternehmen, no permit,
 * the applicant living in Brunsbüttel and the business in Heide unless `data` says otherwise.
 */
function sampleGewerbe(data: Record<string, unknown> = {}, more: Record<string, unknown> = {}) {
  return {
    tenantId: 'kreis-dithmarschen',
    serviceId: 'gewerbeanmeldung',
    formId: 'gewerbeanmeldung',
    formVersion: SAMPLE_FORM_VERSION,
    lang: 'de',
    data: { ...gewerbeAnswers(), ...data },
    ...more,
  };
}

describe('routing by the place of the matter (sample catalog)', () => {
  const s = serve({ catalogDir: SAMPLE_CATALOG_DIR });

  const submit = async (body: unknown) => {
    const res = await post(`${s.api}/submissions`, body, { 'idempotency-key': key() });
    const json = await res.json();
    assert.equal(res.status, 201, JSON.stringify(json));
    return z.parse(SubmissionReceipt, json);
  };
  const inbox = async (authority: string) => {
    const res = await fetch(`${s.api}/authority/submissions?pageSize=100`, { headers: bearer(authority) });
    assert.equal(res.status, 200);
    return z.parse(SubmissionPage, await res.json());
  };
  const inboxRow = async (authority: string, id: string) => {
    const row = (await inbox(authority)).items.find((r) => r.id === id);
    assert.ok(row, `${id} is not in the inbox of ${authority}`);
    return row;
  };

  it('sends a Gewerbeanmeldung for a business in Heide to Heide wherever the applicant lives', async () => {
    const applicants: Record<string, Record<string, unknown>> = {
      Brunsbüttel: {},
      Hamburg: { strasse: 'Mönckebergstraße 1', plz: '20095', ort: 'Hamburg' },
      abroad: {
        wohnsitz_ausland: true,
        strasse: 'Torvegade 1',
        plz: undefined,
        plz_ausland: '6700',
        ort: 'Esbjerg',
        staat: 'Dänemark',
      },
    };
    for (const [who, data] of Object.entries(applicants)) {
      const receipt = await submit(sampleGewerbe(data));
      assert.equal(receipt.authority.id, 'stadt-heide-ordnungsamt', who);
      const row = await inboxRow(receipt.authority.id, receipt.id);
      assert.equal(row.placeName, 'Heide', who);
      assert.equal(row.ars, HEIDE, who);
      assert.equal(row.reference, receipt.reference, who);
    }
  });

  it('keeps the foreign address of an applicant abroad as answered', async () => {
    const receipt = await submit(
      sampleGewerbe({
        wohnsitz_ausland: true,
        plz: undefined,
        plz_ausland: '6700',
        ort: 'Esbjerg',
        staat: 'Dänemark',
      }),
    );
    const res = await fetch(`${s.api}/authority/submissions/${receipt.id}`, {
      headers: bearer('stadt-heide-ordnungsamt'),
    });
    assert.equal(res.status, 200);
    const submission = z.parse(Submission, await res.json());
    assert.equal(submission.placeName, 'Heide');
    assert.equal(submission.data['staat'], 'Dänemark');
    assert.equal(submission.data['plz_ausland'], '6700');
    assert.equal(submission.data['plz'], undefined);
  });

  it('ignores a sent ARS that contradicts the answers', async () => {
    const toHeide = await submit(sampleGewerbe({}, { ars: BRUNSBUETTEL }));
    assert.equal(toHeide.authority.id, 'stadt-heide-ordnungsamt');
    assert.equal((await inboxRow('stadt-heide-ordnungsamt', toHeide.id)).ars, HEIDE);

    const toBrunsbuettel = await submit(
      sampleGewerbe(
        {
          strasse: 'Postelweg 1',
          plz: '25746',
          ort: 'Heide',
          betrieb_plz: '25541',
          betrieb_ort: 'Brunsbüttel',
        },
        { ars: HEIDE },
      ),
    );
    assert.equal(toBrunsbuettel.authority.id, 'brunsbuettel-buergerservice');
    const row = await inboxRow('brunsbuettel-buergerservice', toBrunsbuettel.id);
    assert.equal(row.ars, BRUNSBUETTEL);
    assert.equal(row.placeName, 'Brunsbüttel');
    assert.ok(!(await inbox('stadt-heide-ordnungsamt')).items.some((r) => r.id === toBrunsbuettel.id));
  });

  it('refuses a business outside the area at the postal code of the business, in the citizen’s language', async () => {
    const before = rowCount(s.dataDir, 'submissions');
    const heideBefore = (await inbox('stadt-heide-ordnungsamt')).total;
    const kiel = { betrieb_plz: '24103', betrieb_ort: 'Kiel' };

    const de = await fieldError(
      await post(`${s.api}/submissions`, sampleGewerbe(kiel), { 'idempotency-key': key() }),
    );
    assert.equal(de.pointer, '/data/betrieb_plz');
    assert.equal(de.code, 'unknown_place');
    assert.match(de.detail, /Betrieb/);
    assert.match(de.detail, /24103/);

    const en = await fieldError(
      await post(`${s.api}/submissions`, sampleGewerbe(kiel, { lang: 'en' }), { 'idempotency-key': key() }),
    );
    assert.equal(en.pointer, '/data/betrieb_plz');
    assert.equal(en.code, 'unknown_place');
    assert.match(en.detail, /business/);
    assert.match(en.detail, /24103/);
    assert.doesNotMatch(en.detail, /Betrieb/);

    assert.equal(rowCount(s.dataDir, 'submissions'), before);
    assert.equal((await inbox('stadt-heide-ordnungsamt')).total, heideBefore);
  });

  it('checks invalid answers before the place, so a citizen sees all field errors of the form first', async () => {
    const res = await post(`${s.api}/submissions`, sampleGewerbe({ betrieb_plz: '24103', taetigkeit: '' }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 400);
    const problem = z.parse(Problem, await res.json());
    assert.deepEqual(
      problem.errors?.map((e) => e.pointer),
      ['/data/taetigkeit'],
    );
  });

  it('answers the early check with the authority and place of the matter', async () => {
    const url = `${s.api}/tenants/kreis-dithmarschen/forms/gewerbeanmeldung/responsible`;
    const heide = await fetch(`${url}?postalCode=25746&place=Heide`);
    assert.equal(heide.status, 200);
    const found = z.parse(FormResponsible, await heide.json());
    assert.equal(found.authority.id, 'stadt-heide-ordnungsamt');
    assert.equal(found.placeName, 'Heide');
    assert.equal(found.ars, HEIDE);
    assert.equal(found.arsPrefix, HEIDE);

    const village = z.parse(FormResponsible, await (await fetch(`${url}?postalCode=25770`)).json());
    assert.equal(village.authority.id, 'amt-heider-umland-buergerbuero');
    assert.equal(village.placeName, 'Hemmingstedt');
    assert.equal(village.arsPrefix, '010515172');

    const kiel = await fieldError(await fetch(`${url}?postalCode=24103&place=Kiel&lang=en`));
    assert.equal(kiel.pointer, '/data/betrieb_plz');
    assert.equal(kiel.code, 'unknown_place');
    assert.match(kiel.detail, /business in 24103 Kiel/);
    const kielDe = await fieldError(await fetch(`${url}?postalCode=24103`));
    assert.match(kielDe.detail, /Betrieb in 24103/);

    const malformed = await fetch(`${url}?postalCode=2574`);
    assert.equal(malformed.status, 400);
    assert.equal(z.parse(Problem, await malformed.json()).errors?.[0]?.pointer, '/query/postalCode');
    const missing = await fetch(url);
    assert.equal(missing.status, 400);
  });

  it('answers 404 for a form the tenant does not offer', async () => {
    const notOffered = await fetch(
      `${s.api}/tenants/brunsbuettel/forms/versammlungsanzeige/responsible?postalCode=25541`,
    );
    assert.equal(notOffered.status, 404);
    const unknown = await fetch(
      `${s.api}/tenants/kreis-dithmarschen/forms/gibtsnicht/responsible?postalCode=25746`,
    );
    assert.equal(unknown.status, 404);
    const noTenant = await fetch(
      `${s.api}/tenants/nirgendwo/forms/gewerbeanmeldung/responsible?postalCode=25746`,
    );
    assert.equal(noTenant.status, 404);
  });

  it('routes each sample form by its own basis: plot, event and residence', async () => {
    const check = async (formId: string, postalCode: string, place: string) =>
      z.parse(
        FormResponsible,
        await (
          await fetch(
            `${s.api}/tenants/kreis-dithmarschen/forms/${formId}/responsible?postalCode=${postalCode}&place=${encodeURIComponent(place)}`,
          )
        ).json(),
      );
    assert.equal(
      (await check('baumfaellgenehmigung', '25746', 'Heide')).authority.id,
      'stadt-heide-bauen-umwelt',
    );
    assert.equal(
      (await check('versammlungsanzeige', '25541', 'Brunsbüttel')).authority.id,
      'kreis-dithmarschen-versammlungsbehoerde',
    );
    assert.equal(
      (await check('kleiner-waffenschein', '25704', 'Meldorf')).authority.id,
      'kreis-dithmarschen-waffenbehoerde',
    );
    const residence = await fieldError(
      await fetch(
        `${s.api}/tenants/kreis-dithmarschen/forms/kleiner-waffenschein/responsible?postalCode=20095`,
      ),
    );
    assert.equal(residence.pointer, '/data/plz');
    assert.match(residence.detail, /Wohnsitz/);
  });
});

describe('routing by the place of the matter (fixture catalog)', () => {
  let dir: string;
  let s: Running;
  before(async () => {
    dir = copyCatalog();
    const file = join(dir, 'locations.json');
    const locations = readJson(file) as unknown[];
    locations.push({ name: 'Nachbarort (fiktiv)', postalCodes: ['25746'], ars: '010515172998' });
    writeJson(file, locations);
    s = await start({ catalogDir: dir });
  });
  after(async () => {
    await s.close();
    removeDir(s.dataDir);
    removeDir(dir);
  });

  const submit = (body: unknown) => post(`${s.api}/submissions`, body, { 'idempotency-key': key() });

  it('answers no_authority for a known place no authority is responsible for, and stores nothing', async () => {
    const before = rowCount(s.dataDir, 'submissions');
    const error = await fieldError(await submit(gewerbe({}, { plz: '20095', ort: 'Anderswo' })));
    assert.equal(error.pointer, '/data/plz');
    assert.equal(error.code, 'no_authority');
    assert.match(error.detail, /Betrieb in 20095 Anderswo/);
    assert.equal(rowCount(s.dataDir, 'submissions'), before);

    const early = await fieldError(
      await fetch(`${s.api}/tenants/kreis/forms/gewerbe/responsible?postalCode=20095`),
    );
    assert.equal(early.code, 'no_authority');
    assert.equal(early.pointer, '/data/plz');
  });

  it('asks which Gemeinde is meant when several share the postal code and the town does not pick one', async () => {
    const before = rowCount(s.dataDir, 'submissions');
    for (const ort of ['Irgendwo', 'Test']) {
      const error = await fieldError(await submit(gewerbe({}, { ort })));
      assert.equal(error.pointer, '/data/ort', ort);
      assert.equal(error.code, 'ambiguous_place', ort);
      assert.match(error.detail, /Teststadt/);
      assert.match(error.detail, /Nachbarort \(fiktiv\)/);
      assert.match(error.detail, /25746/);
      assert.match(error.detail, /Ort des Betriebs/);
    }
    assert.equal(rowCount(s.dataDir, 'submissions'), before);

    const early = await fieldError(
      await fetch(`${s.api}/tenants/kreis/forms/gewerbe/responsible?postalCode=25746`),
    );
    assert.equal(early.code, 'ambiguous_place');
    assert.equal(early.pointer, '/data/ort');
  });

  it('does not guess a Gemeinde from part of a town name', async () => {
    for (const ort of ['Nicht Teststadt', 'Teststadt Nachbarort', 'Nachbar']) {
      const error = await fieldError(await submit(gewerbe({}, { ort })));
      assert.equal(error.code, 'ambiguous_place', ort);
      assert.equal(error.pointer, '/data/ort', ort);
    }
  });

  it('routes by the town where it picks one of the Gemeinden sharing the postal code', async () => {
    const teststadt = await submit(gewerbe({}, { ort: 'Teststadt' }));
    assert.equal(teststadt.status, 201);
    const receipt = z.parse(SubmissionReceipt, await teststadt.json());
    assert.equal(receipt.authority.id, 'heide-ordnung');
    const row = z
      .parse(
        SubmissionPage,
        await (await fetch(`${s.api}/authority/submissions`, { headers: bearer('heide-ordnung') })).json(),
      )
      .items.find((r) => r.id === receipt.id);
    assert.equal(row?.placeName, 'Teststadt');

    for (const ort of ['Nachbarort', 'nachbarort (fiktiv)', 'NACHBARORT', 'Gemeinde Nachbarort']) {
      const res = await submit(gewerbe({}, { ort }));
      assert.equal(res.status, 201, ort);
      assert.equal(z.parse(SubmissionReceipt, await res.json()).authority.id, 'amt-umland', ort);
    }
    const early = z.parse(
      FormResponsible,
      await (
        await fetch(`${s.api}/tenants/kreis/forms/gewerbe/responsible?postalCode=25746&place=Nachbarort`)
      ).json(),
    );
    assert.equal(early.ars, '010515172998');
    assert.equal(early.placeName, 'Nachbarort (fiktiv)');
    assert.equal(early.authority.id, 'amt-umland');
  });

  it('lets the postal code alone decide where only one Gemeinde has it', async () => {
    const res = await submit(gewerbe({}, { plz: '25799', ort: 'Irgendwie anders' }));
    assert.equal(res.status, 201);
    assert.equal(z.parse(SubmissionReceipt, await res.json()).authority.id, 'amt-umland');
  });
});

/** The parts of a form definition file the loader tests change. */
interface FormFile {
  routing?: { by: string; postalCode: string; place?: string };
  steps: { id: string; title: unknown; visibleWhen?: unknown; fields: Record<string, unknown>[] }[];
}

describe('catalog loading: routing', () => {
  /** Changes the fixture's gewerbe form in a copy and expects start-up to fail with `message`. */
  async function expectStartError(mutate: (form: FormFile) => void, message: RegExp) {
    const dir = copyCatalog();
    const dataDir = tempDir();
    try {
      const file = join(dir, 'forms', 'gewerbe.json');
      const form = readJson(file) as FormFile;
      mutate(form);
      writeJson(file, form);
      const options = { dataDir, catalogDir: dir, allowDemoKeys: true, logLevel: 'silent' };
      await assert.rejects(buildApp(options), (error: Error) => {
        assert.ok(error instanceof CatalogError, String(error));
        assert.match(error.message, message);
        return true;
      });
    } finally {
      removeDir(dir);
      removeDir(dataDir);
    }
  }
  const fieldOf = (form: FormFile, id: string) => form.steps[0]!.fields.find((f) => f.id === id)!;

  it('refuses a form without routing and points at the docs', async () => {
    await expectStartError((form) => {
      delete form.routing;
    }, /^forms\/gewerbe\.json: \/routing: missing; .*docs\/operators\.md, Routing/);
  });

  it('refuses a routing that names a missing field', async () => {
    await expectStartError((form) => {
      form.routing!.postalCode = 'betrieb_plz';
    }, /^forms\/gewerbe\.json: .*\/routing\/postalCode: The routing field names no field of this form \("betrieb_plz"\)/);
    await expectStartError((form) => {
      form.routing!.place = 'betrieb_ort';
    }, /^forms\/gewerbe\.json: .*\/routing\/place: The routing field names no field of this form \("betrieb_ort"\)/);
  });

  it('refuses a routing field inside a group', async () => {
    await expectStartError((form) => {
      const fields = form.steps[0]!.fields;
      const plz = fieldOf(form, 'plz');
      fields.splice(fields.indexOf(plz), 1, {
        id: 'betrieb',
        type: 'group',
        label: { de: 'Betriebsstätte' },
        fields: [plz],
      });
    }, /\/routing\/postalCode: The routing field "plz" is inside a group/);
  });

  it('refuses a routing field of the wrong type', async () => {
    await expectStartError((form) => {
      form.routing!.postalCode = 'F100';
    }, /\/routing\/postalCode: The routing field "F100" is a text field; it must be a postal-code field/);
    await expectStartError((form) => {
      form.routing!.place = 'email';
    }, /\/routing\/place: The routing field "email" is a email field; it must be a text field/);
  });

  it('refuses a routing field that is not required', async () => {
    await expectStartError((form) => {
      delete fieldOf(form, 'plz').required;
    }, /\/routing\/postalCode: The routing field "plz" must be required/);
    await expectStartError((form) => {
      fieldOf(form, 'ort').required = false;
    }, /\/routing\/place: The routing field "ort" must be required/);
  });

  it('refuses a routing field shown only under a condition, on the field or its step', async () => {
    await expectStartError((form) => {
      fieldOf(form, 'plz').visibleWhen = { field: 'art', equals: 'neu' };
    }, /\/routing\/postalCode: The routing field "plz" must always be shown/);
    await expectStartError((form) => {
      const fields = form.steps[0]!.fields;
      const ort = fieldOf(form, 'ort');
      fields.splice(fields.indexOf(ort), 1);
      form.steps.push({
        id: 'ort',
        title: { de: 'Ort' },
        visibleWhen: { field: 'art', equals: 'um' },
        fields: [ort],
      });
    }, /\/routing\/place: The routing field "ort" must always be shown/);
  });

  it('refuses a routing without a town field, or with the town on another step', async () => {
    await expectStartError((form) => {
      delete form.routing!.place;
    }, /^forms\/gewerbe\.json: \/routing\/place: /);
    await expectStartError((form) => {
      const fields = form.steps[0]!.fields;
      const ort = fieldOf(form, 'ort');
      fields.splice(fields.indexOf(ort), 1);
      form.steps.push({ id: 'ort', title: { de: 'Ort' }, fields: [ort] });
    }, /\/routing\/place: The routing fields "plz" and "ort" must be in the same step/);
  });

  it('refuses an unknown basis', async () => {
    await expectStartError((form) => {
      form.routing!.by = 'applicant';
    }, /^forms\/gewerbe\.json: \/routing\/by: /);
  });
});
