/**
 * The stories' fixture backend, used through the real API client (which validates every answer against the
 * contract): its catalog answers equal the reference backend's for the same requests, and a submission made
 * through it shows up in the status look-up and in the inbox of the responsible authority only.
 */
import { expect } from '@open-wc/testing';
import { ApiClient, ApiError } from '../../src/client/index.ts';
import { SubmissionRequest } from '../../src/contract/index.ts';
import {
  fixtureBackend,
  fixtureFetch,
  sampleCatalog,
  treeFellingFromHeide,
  type FixtureOptions,
} from '../../stories/fixture-backend.ts';
import { testBackend } from '../helpers/backend.ts';
import {
  HEIDE_TREES,
  KREIS_CARS,
  KREIS_TREES,
  PHOTO_BYTES,
  demoKey,
  requestInformation,
  submitTreeFelling,
} from '../helpers/submissions.ts';
import exampleApplication from '../../src/server/sample-catalog/example-application.json' with { type: 'json' };

const ENDPOINT = 'https://ozg.example.de';
const TENANT = 'kreis-dithmarschen';

function client(options: FixtureOptions = {}, apiKey?: string) {
  const backend = fixtureBackend(options);
  const api = new ApiClient(ENDPOINT, {
    fetch: backend.fetch,
    xhr: backend.xhr,
    retry: { attempts: 1 },
    ...(apiKey ? { apiKey } : {}),
  });
  return { backend, api };
}

/** The error a request failed with (the test fails when it did not fail). */
async function failure(work: Promise<unknown>): Promise<ApiError> {
  try {
    await work;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

/** The answer of a request, or the HTTP status it failed with. */
const outcome = (work: Promise<unknown>) =>
  work.then(
    (value) => ({ value }),
    (error: ApiError) => ({ status: error.status }),
  );

const photo = () => Object.assign(new Blob([PHOTO_BYTES], { type: 'image/png' }), { name: 'baum.png' });

/** A complete tree felling permit for Heide, as `<ozg-form>` would send it. */
function treeFelling(fotos: unknown[]): SubmissionRequest {
  return SubmissionRequest.parse({
    ...exampleApplication,
    tenantId: TENANT,
    data: { ...exampleApplication.data, fotos },
  });
}

describe('fixture backend', () => {
  it('answers the catalog routes exactly as the reference backend does', async () => {
    const { api } = client();
    const real = new ApiClient((await testBackend()).endpoint, { retry: { attempts: 1 } });
    const places = [
      '010510044044',
      '010510011011',
      '010515172048',
      '010515172122',
      '010515172113',
      '010515175074',
      '010515175001',
      '010515163010',
    ];
    const checks: [string, (c: ApiClient) => Promise<unknown>][] = [
      ...sampleCatalog.tenants.flatMap((tenant): [string, (c: ApiClient) => Promise<unknown>][] => [
        [`tenant ${tenant}`, (c) => c.request('getTenant', { params: { tenant } })],
        [`services of ${tenant}`, (c) => c.request('listServices', { params: { tenant } })],
        [`categories of ${tenant}`, (c) => c.request('listCategories', { params: { tenant } })],
      ]),
      ...[
        { q: 'Baum fällen' },
        { q: 'gewrbe' },
        { q: 'hund', lang: 'en' as const },
        { category: 'mobilitaet' },
        { q: 'ausweis', category: 'ausweise' },
      ].map((query): [string, (c: ApiClient) => Promise<unknown>] => [
        `search ${JSON.stringify(query)}`,
        (c) => c.request('listServices', { params: { tenant: TENANT }, query }),
      ]),
      ...sampleCatalog.services.map((serviceId): [string, (c: ApiClient) => Promise<unknown>] => [
        `service ${serviceId} in Brunsbüttel's catalog`,
        (c) => c.request('getService', { params: { tenant: 'brunsbuettel', serviceId } }),
      ]),
      ...sampleCatalog.services.flatMap((serviceId) =>
        places.map((ars): [string, (c: ApiClient) => Promise<unknown>] => [
          `responsible for ${serviceId} at ${ars}`,
          (c) => c.request('getResponsible', { params: { tenant: TENANT, serviceId }, query: { ars } }),
        ]),
      ),
      ...['heide', 'Wöhrden', 'woehrden', '257', '25541', 'xyz'].map(
        (q): [string, (c: ApiClient) => Promise<unknown>] => [
          `places "${q}"`,
          (c) => c.request('searchLocations', { params: { tenant: TENANT }, query: { q } }),
        ],
      ),
      ...[...sampleCatalog.forms, 'unbekannt'].map((formId): [string, (c: ApiClient) => Promise<unknown>] => [
        `form ${formId}`,
        (c) => c.request('getForm', { params: { formId } }),
      ]),
    ];
    let answered = 0;
    for (const [what, call] of checks) {
      const [mine, theirs] = await Promise.all([outcome(call(api)), outcome(call(real))]);
      expect(mine, what).to.deep.equal(theirs);
      if ('value' in mine) answered += 1;
    }
    // Not everything may be a 404 that happens to agree.
    expect(answered).to.be.greaterThan(checks.length / 2);
  });

  it('gives only the public part of a tenant', async () => {
    const tenant = await client().api.request('getTenant', { params: { tenant: 'stadt-heide' } });
    expect(Object.keys(tenant).sort()).to.deep.equal([
      'ars',
      'id',
      'name',
      'notifiesByEmail',
      'privacyNoticeUrl',
      'statusPageUrl',
      'theme',
    ]);
  });

  it('takes a submission, shows it in the status and in the inbox of the responsible authority only', async () => {
    const { backend, api } = client();
    const ref = await api.upload(
      { tenant: TENANT, formId: 'baumfaellgenehmigung', fieldId: 'fotos' },
      photo(),
    );
    expect(ref).to.include({ name: 'baum.png', size: PHOTO_BYTES.length, type: 'image/png' });

    const key = crypto.randomUUID();
    const body = treeFelling([ref]);
    const receipt = await api.request('createSubmission', { idempotencyKey: key, body });
    expect(receipt.reference).to.match(new RegExp(`^DI-${new Date().getUTCFullYear()}-000001$`));
    expect(receipt.authority.id).to.equal(HEIDE_TREES);
    expect(await api.request('createSubmission', { idempotencyKey: key, body })).to.deep.equal(receipt);
    const second = await api.request('createSubmission', {
      idempotencyKey: crypto.randomUUID(),
      body: treeFelling([
        await api.upload({ tenant: TENANT, formId: 'baumfaellgenehmigung', fieldId: 'fotos' }, photo()),
      ]),
    });
    expect(second.reference).to.match(/-000002$/);

    const status = await api.request('getStatus', {
      body: { idOrReference: receipt.reference, accessCode: receipt.accessCode.toLowerCase() },
    });
    expect(status.status).to.equal('submitted');
    expect(status.authority.id).to.equal(HEIDE_TREES);
    const wrong = await failure(
      api.request('getStatus', { body: { idOrReference: receipt.reference, accessCode: 'FALSCH123' } }),
    );
    expect(wrong.status).to.equal(404);

    const inbox = (authorityId: string) =>
      new ApiClient(ENDPOINT, { fetch: backend.fetch, apiKey: demoKey(authorityId), retry: { attempts: 1 } });
    const heide = inbox(HEIDE_TREES);
    const list = await heide.request('listSubmissions');
    expect(list.items.map((s) => s.reference)).to.deep.equal([second.reference, receipt.reference]);
    const full = await heide.request('getSubmission', { params: { id: receipt.id } });
    expect(full.files).to.deep.equal([ref]);
    expect(full.data['baeume']).to.deep.equal(exampleApplication.data.baeume);
    const file = await heide.request('getSubmissionFile', {
      params: { id: receipt.id, uploadId: ref.uploadId },
    });
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(PHOTO_BYTES);

    const cars = inbox(KREIS_CARS);
    expect((await cars.request('listSubmissions')).total).to.equal(0);
    expect((await failure(cars.request('getSubmission', { params: { id: receipt.id } }))).status).to.equal(
      404,
    );
    expect((await failure(inbox('unbekannt').request('listSubmissions'))).status).to.equal(401);

    await heide.request('appendStatusEvent', {
      params: { id: receipt.id },
      body: { type: 'forwarded', toAuthorityId: KREIS_TREES, message: 'Außerhalb der Innenstadt.' },
    });
    expect((await heide.request('listSubmissions')).items.map((s) => s.id)).to.deep.equal([second.id]);
    const kreis = inbox(KREIS_TREES);
    expect((await kreis.request('listSubmissions')).items.map((s) => s.id)).to.deep.equal([receipt.id]);
    await kreis.request('appendStatusEvent', { params: { id: receipt.id }, body: { type: 'completed' } });
    const closed = await failure(
      kreis.request('appendStatusEvent', { params: { id: receipt.id }, body: { type: 'in-progress' } }),
    );
    expect(closed.status).to.equal(409);

    const after = await api.request('getStatus', {
      body: { idOrReference: receipt.reference, accessCode: receipt.accessCode },
    });
    expect(after.events.map((e) => e.type)).to.deep.equal(['submitted', 'forwarded', 'completed']);
    expect(after.events[1]!.message).to.equal('Außerhalb der Innenstadt.');
    expect(after.authority.id).to.equal(KREIS_TREES);
  });

  it('checks answers with the form and files against the uploads, like the backend', async () => {
    const { api } = client();
    const incomplete = treeFelling([]);
    delete incomplete.data['vorname'];
    const missing = await failure(
      api.request('createSubmission', { idempotencyKey: crypto.randomUUID(), body: incomplete }),
    );
    expect(missing.status).to.equal(400);
    expect(missing.fieldErrors.map((e) => e.pointer)).to.include('/data/vorname');
    const forged = treeFelling([
      { uploadId: 'niehochgeladen0000000', name: 'x.png', size: 1, type: 'image/png' },
    ]);
    const unknownFile = await failure(
      api.request('createSubmission', { idempotencyKey: crypto.randomUUID(), body: forged }),
    );
    expect(unknownFile.fieldErrors.map((e) => e.pointer)).to.deep.equal(['/data/fotos/0']);
    const wrongType = await failure(
      api.upload(
        { tenant: TENANT, formId: 'baumfaellgenehmigung', fieldId: 'fotos' },
        Object.assign(new Blob(['x'], { type: 'text/plain' }), { name: 'x.txt' }),
      ),
    );
    expect(wrongType.status).to.equal(415);
  });

  it('seeds an application with its history', async () => {
    const { backend, api } = client();
    const at = new Date(Date.UTC(2026, 10, 23, 9));
    const receipt = backend.seed({
      tenant: 'stadt-heide',
      serviceId: 'baumfaellgenehmigung',
      data: treeFelling([]).data,
      files: [{ fieldId: 'fotos', name: 'eiche.jpg', type: 'image/jpeg' }],
      at,
      events: [
        { type: 'info-requested', message: 'Bitte ein Foto nachreichen.', at: new Date(+at + 3_600_000) },
      ],
    });
    expect(receipt.reference).to.equal('HEI-2026-000001');
    const status = await api.request('getStatus', {
      body: { idOrReference: receipt.reference, accessCode: receipt.accessCode },
    });
    expect(status.status).to.equal('info-requested');
    expect(status.updatedAt).to.equal('2026-11-23T10:00:00.000Z');
  });

  it('refuses replies as the backend does: not requested, wrong code, wrong type, nothing said', async () => {
    const { backend, api } = client();
    const mine = backend.seed(treeFellingFromHeide(new Date()));
    const real = await testBackend();
    const realApi = new ApiClient(real.endpoint, { retry: { attempts: 1 } });
    const theirs = await submitTreeFelling(real, 'Ulme');
    const pdf = () => Object.assign(new Blob(['%PDF-1.7\n'], { type: 'application/pdf' }), { name: 'a.pdf' });
    const text = () => Object.assign(new Blob(['x'], { type: 'text/plain' }), { name: 'a.txt' });
    const statuses = async (c: ApiClient, r: { reference: string; accessCode: string }) => {
      const body = { idOrReference: r.reference, accessCode: r.accessCode };
      return Promise.all([
        outcome(c.uploadReplyFile({ reference: r.reference }, r.accessCode, pdf())),
        outcome(c.request('replyToRequest', { body: { ...body, message: 'Anbei.' } })),
        outcome(c.uploadReplyFile({ reference: r.reference }, 'FALSCH12345', pdf())),
      ]).then((all) => all.map((o) => ('status' in o ? o.status : 201)));
    };
    // Nothing requested yet: 409, and 404 for a wrong code.
    expect(await statuses(api, mine)).to.deep.equal([409, 409, 404]);
    expect(await statuses(realApi, theirs)).to.deep.equal([409, 409, 404]);

    const heide = new ApiClient(ENDPOINT, { fetch: backend.fetch, apiKey: demoKey(HEIDE_TREES) });
    await heide.request('appendStatusEvent', {
      params: { id: mine.id },
      body: { type: 'info-requested', message: 'Bitte ein Foto.' },
    });
    await requestInformation(real, theirs, 'Bitte ein Foto.');
    for (const [c, r] of [
      [api, mine],
      [realApi, theirs],
    ] as const) {
      const wrongType = await outcome(c.uploadReplyFile({ reference: r.reference }, r.accessCode, text()));
      expect(wrongType).to.deep.equal({ status: 415 });
      const empty = await outcome(
        c.request('replyToRequest', { body: { idOrReference: r.reference, accessCode: r.accessCode } }),
      );
      expect(empty).to.deep.equal({ status: 400 });
      const unknown = await failure(
        c.request('replyToRequest', {
          body: { idOrReference: r.reference, accessCode: r.accessCode, files: ['niehochgeladen0000000'] },
        }),
      );
      expect(unknown.fieldErrors.map((e) => e.pointer)).to.deep.equal(['/files']);
    }
  });

  it('takes a reply with files while information is requested; the authority sees its files and the mails', async () => {
    const { backend, api } = client();
    const at = new Date(Date.UTC(2026, 10, 23, 9));
    const receipt = backend.seed(
      treeFellingFromHeide(at, {
        events: [{ type: 'info-requested', message: 'Bitte ein Foto.', at: new Date(+at + 3_600_000) }],
        notices: [{ audience: 'citizen', about: 'submitted', state: 'failed', at }],
      }),
    );
    const credentials = { idOrReference: receipt.reference, accessCode: receipt.accessCode };
    const ref = await api.uploadReplyFile({ reference: receipt.reference }, receipt.accessCode, photo());
    expect(ref).to.include({ name: 'baum.png', size: PHOTO_BYTES.length, type: 'image/png' });
    const view = await api.request('replyToRequest', {
      body: { ...credentials, message: '  Anbei das Foto.  ', files: [ref.uploadId] },
    });
    expect(view.status).to.equal('info-received');
    expect(view.events.at(-1)).to.deep.include({
      type: 'info-received',
      message: 'Anbei das Foto.',
      files: [{ name: 'baum.png', size: PHOTO_BYTES.length }],
    });
    expect(await api.request('getStatus', { body: credentials })).to.deep.equal(view);
    // Answered: no second reply.
    const again = await failure(
      api.request('replyToRequest', { body: { ...credentials, message: 'Noch was.' } }),
    );
    expect(again.status).to.equal(409);

    const heide = new ApiClient(ENDPOINT, { fetch: backend.fetch, apiKey: demoKey(HEIDE_TREES) });
    const full = await heide.request('getSubmission', { params: { id: receipt.id } });
    expect(full.status).to.equal('info-received');
    expect(full.events.at(-1)!.files).to.deep.equal([ref]);
    expect(full.files.map((f) => f.uploadId)).not.to.include(ref.uploadId);
    expect(full.notices).to.deep.equal([
      { audience: 'citizen', about: 'submitted', state: 'failed', createdAt: at.toISOString() },
    ]);
    const file = await heide.request('getSubmissionFile', {
      params: { id: receipt.id, uploadId: ref.uploadId },
    });
    expect(new Uint8Array(await file.arrayBuffer())).to.deep.equal(PHOTO_BYTES);
  });

  it('seeds a reply with its files', async () => {
    const { backend, api } = client();
    const at = new Date(Date.UTC(2026, 10, 23, 9));
    const receipt = backend.seed(
      treeFellingFromHeide(at, {
        events: [
          { type: 'info-requested', message: 'Bitte ein Foto.', at: new Date(+at + 60_000) },
          {
            type: 'info-received',
            message: 'Anbei.',
            files: [{ name: 'eiche.jpg', type: 'image/jpeg', size: 2048 }],
            at: new Date(+at + 120_000),
          },
        ],
      }),
    );
    expect(receipt.status).to.equal('info-received');
    const view = await api.request('getStatus', {
      body: { idOrReference: receipt.reference, accessCode: receipt.accessCode },
    });
    expect(view.events.map((e) => e.type)).to.deep.equal(['submitted', 'info-requested', 'info-received']);
    expect(view.events[2]!.files).to.deep.equal([{ name: 'eiche.jpg', size: 2048 }]);
  });

  it('injects latency and failures per route', async () => {
    const slow = client({ latency: { listServices: Infinity } }).api;
    const timeout = await failure(
      slow.request('listServices', { params: { tenant: TENANT }, timeoutMs: 100 }),
    );
    expect(timeout.kind).to.equal('timeout');
    expect(await slow.request('listCategories', { params: { tenant: TENANT } })).to.have.property(
      'categories',
    );

    const failing = client({ fail: { getService: 503, uploadFile: 'network' } }).api;
    const unavailable = await failure(
      failing.request('getService', { params: { tenant: TENANT, serviceId: 'wohngeld' } }),
    );
    expect(unavailable.status).to.equal(503);
    const lost = await failure(
      failing.upload({ tenant: TENANT, formId: 'baumfaellgenehmigung', fieldId: 'fotos' }, photo()),
    );
    expect(lost.kind).to.equal('network');

    const started = Date.now();
    const { services } = await new ApiClient(ENDPOINT, { fetch: fixtureFetch({ latency: 200 }) }).request(
      'listServices',
      { params: { tenant: 'brunsbuettel' } },
    );
    expect(Date.now() - started).to.be.at.least(190);
    expect(services.length).to.be.greaterThan(0);
  });
});
