import { expect } from '@open-wc/testing';
import {
  ApiClient,
  ApiError,
  describeError,
  newIdempotencyKey,
  parseRetryAfter,
  RouteClient,
} from '../../src/client/index.ts';
import { getTenant } from '../../src/contract/api.ts';
import { authority, fakeFetch, hang, json, networkDown, problem, tenant, failure } from './fake-fetch.ts';

const BASE = 'https://ozg.example.de';
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe('ApiClient', () => {
  it('builds the URL from the route table and returns the validated answer', async () => {
    const { fetch, calls } = fakeFetch(() => json(tenant));
    const api = new ApiClient(`${BASE}/`, { fetch });
    const result = await api.request('getTenant', { params: { tenant: 'kreis-dithmarschen' } });
    expect(result.name.de).to.equal('Kreis Dithmarschen');
    expect(calls[0]!.url).to.equal(`${BASE}/api/v1/tenants/kreis-dithmarschen`);
    expect(calls[0]!.init.method).to.equal('GET');
    expect(calls[0]!.headers.get('Authorization')).to.equal(null);
  });

  it('calls only the routes in its table (an element bundles no others)', async () => {
    const { fetch, calls } = fakeFetch(() => json(tenant));
    const api = new RouteClient(BASE, { fetch, routes: { getTenant } });
    expect((await api.request('getTenant', { params: { tenant: 'kreis-dithmarschen' } })).name.de).to.equal(
      'Kreis Dithmarschen',
    );
    // A route outside the table does not type-check; forced, it fails before anything is sent.
    const forced = api as unknown as ApiClient;
    let error: unknown;
    try {
      await forced.request('listServices', { params: { tenant: 'heide' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(TypeError);
    expect((error as Error).message).to.contain('listServices');
    expect(() => forced.url('getStatus')).to.throw(TypeError);
    expect(() =>
      // @ts-expect-error: only a client with the uploadFile route can upload
      api.upload({ tenant: 'heide', formId: 'gewerbe', fieldId: 'nachweis' }, new Blob(['x'])),
    ).to.throw(TypeError);
    expect(calls).to.have.length(1);
  });

  it('serializes the query and leaves out empty values', async () => {
    const { fetch, calls } = fakeFetch(() => json({ services: [], categories: [], total: 0 }));
    const api = new ApiClient(BASE, { fetch });
    await api.request('listServices', {
      params: { tenant: 'heide' },
      query: { q: 'Hund & Katze', lang: undefined },
    });
    expect(calls[0]!.url).to.equal(`${BASE}/api/v1/tenants/heide/services?q=Hund+%26+Katze`);
  });

  it('turns malformed JSON into a malformed error', async () => {
    const { fetch } = fakeFetch(
      () => new Response('{"id": ', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const error = await failure(
      new ApiClient(BASE, { fetch }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.kind).to.equal('malformed');
  });

  it('turns an answer of the wrong shape into a malformed error', async () => {
    const { fetch } = fakeFetch(() => json({ ...tenant, privacyNoticeUrl: 'javascript:alert(1)' }));
    const error = await failure(
      new ApiClient(BASE, { fetch }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.kind).to.equal('malformed');
  });

  it('turns a wrong content type into a malformed error', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response('<html>Wartungsarbeiten</html>', {
          status: 200,
          headers: { 'Content-Type': 'text/html' },
        }),
    );
    const error = await failure(
      new ApiClient(BASE, { fetch }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.kind).to.equal('malformed');
  });

  it('parses problem+json with field errors and does not retry a 422', async () => {
    const errors = [
      { pointer: '/data/F60000236', detail: 'Bitte geben Sie Ihren Namen an.', code: 'required' },
    ];
    const { fetch, calls } = fakeFetch(() => problem(422, { errors }));
    const api = new ApiClient(BASE, { fetch, retry: fast });
    const error = await failure(
      api.request('getStatus', { body: { idOrReference: 'DI-2026-000001', accessCode: 'abcdefgh' } }),
    );
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(422);
    expect(error.problem?.status).to.equal(422);
    expect(error.fieldErrors).to.deep.equal(errors);
    expect(calls).to.have.length(1);
  });

  it('does not retry a 400 on a retryable GET', async () => {
    const { fetch, calls } = fakeFetch(
      () => problem(400),
      () => json(tenant),
    );
    const error = await failure(
      new ApiClient(BASE, { fetch, retry: fast }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.status).to.equal(400);
    expect(calls).to.have.length(1);
  });

  it('keeps an HTTP error when the problem body is broken', async () => {
    const { fetch } = fakeFetch(
      () => new Response('oops', { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    const error = await failure(
      new ApiClient(BASE, { fetch }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(404);
    expect(error.problem).to.equal(undefined);
  });

  it('retries a GET after network errors and 503, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(
      networkDown,
      () => problem(503),
      () => json(tenant),
    );
    const api = new ApiClient(BASE, { fetch, retry: fast });
    const result = await api.request('getTenant', { params: { tenant: 'x' } });
    expect(result.id).to.equal('kreis-dithmarschen');
    expect(calls).to.have.length(3);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const { fetch, calls } = fakeFetch(() => problem(502));
    const error = await failure(
      new ApiClient(BASE, { fetch, retry: { ...fast, attempts: 2 } }).request('getTenant', {
        params: { tenant: 'x' },
      }),
    );
    expect(error.status).to.equal(502);
    expect(calls).to.have.length(2);
  });

  it('reports a network failure as kind network', async () => {
    const { fetch } = fakeFetch(networkDown);
    const error = await failure(
      new ApiClient(BASE, { fetch, retry: fast }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.kind).to.equal('network');
  });

  it('does not retry a POST route without retry', async () => {
    const { fetch, calls } = fakeFetch(() => problem(503));
    const api = new ApiClient(BASE, { fetch, retry: fast, apiKey: 'key-123' });
    const error = await failure(
      api.request('appendStatusEvent', { params: { id: 'sub1' }, body: { type: 'in-progress' } }),
    );
    expect(error.status).to.equal(503);
    expect(calls).to.have.length(1);
    expect(calls[0]!.init.method).to.equal('POST');
    expect(calls[0]!.headers.get('Content-Type')).to.equal('application/json');
    expect(calls[0]!.init.body).to.equal('{"type":"in-progress"}');
  });

  it('sends the API key only on authority routes', async () => {
    const { fetch, calls } = fakeFetch(
      () => json(authority),
      () => json(tenant),
    );
    const api = new ApiClient(BASE, { fetch, apiKey: 'key-123' });
    await api.request('getOwnAuthority');
    await api.request('getTenant', { params: { tenant: 'x' } });
    expect(calls[0]!.headers.get('Authorization')).to.equal('Bearer key-123');
    expect(calls[1]!.headers.get('Authorization')).to.equal(null);
  });

  it('times out a hanging request', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const api = new ApiClient(BASE, { fetch, timeoutMs: 30, retry: { ...fast, attempts: 2 } });
    const error = await failure(api.request('getTenant', { params: { tenant: 'x' } }));
    expect(error.kind).to.equal('timeout');
    expect(calls).to.have.length(2);
  });

  it('times out an answer whose body never ends', async () => {
    const stalled = new ReadableStream({ start() {} });
    const { fetch } = fakeFetch(
      () => new Response(stalled, { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const api = new ApiClient(BASE, { fetch, timeoutMs: 30, retry: { attempts: 1 } });
    const error = await failure(api.request('getTenant', { params: { tenant: 'x' } }));
    expect(error.kind).to.equal('timeout');
  });

  it("reports the caller's abort as aborted and does not retry", async () => {
    const { fetch, calls } = fakeFetch(hang);
    const controller = new AbortController();
    const pending = new ApiClient(BASE, { fetch, retry: fast }).request('getTenant', {
      params: { tenant: 'x' },
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    const error = await failure(pending);
    expect(error.kind).to.equal('aborted');
    expect(calls).to.have.length(1);
  });

  it('aborts pending requests on dispose and refuses new ones', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const api = new ApiClient(BASE, { fetch });
    const pending = api.request('getTenant', { params: { tenant: 'x' } });
    await new Promise((r) => setTimeout(r, 5));
    api.dispose();
    expect((await failure(pending)).kind).to.equal('aborted');
    expect((await failure(api.request('getTenant', { params: { tenant: 'x' } }))).kind).to.equal('aborted');
    expect(calls).to.have.length(1);
  });

  it('aborts during the backoff sleep without waiting for it', async () => {
    const { fetch, calls } = fakeFetch(() => problem(503, {}, { 'Retry-After': '5' }));
    const controller = new AbortController();
    const api = new ApiClient(BASE, { fetch, signal: controller.signal });
    const started = performance.now();
    const pending = api.request('getTenant', { params: { tenant: 'x' } });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).kind).to.equal('aborted');
    expect(performance.now() - started).to.be.below(1000);
    expect(calls).to.have.length(1);
  });

  it('honours Retry-After on 429 before retrying', async () => {
    const { fetch, calls } = fakeFetch(
      () => problem(429, {}, { 'Retry-After': '1' }),
      () => json(tenant),
    );
    const started = performance.now();
    await new ApiClient(BASE, { fetch, retry: fast }).request('getTenant', { params: { tenant: 'x' } });
    expect(calls).to.have.length(2);
    expect(performance.now() - started).to.be.at.least(950);
  });

  it('does not wait for a Retry-After beyond the cap and exposes it', async () => {
    const { fetch, calls } = fakeFetch(() => problem(429, {}, { 'Retry-After': '120' }));
    const error = await failure(
      new ApiClient(BASE, { fetch, retry: fast }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(error.status).to.equal(429);
    expect(error.retryAfter).to.equal(120);
    expect(calls).to.have.length(1);
    expect(describeError(error, 'de')).to.contain('120 Sekunden');
  });

  it('sends the Idempotency-Key of createSubmission, the same on every retry', async () => {
    const receipt = {
      id: 'sub-1',
      reference: 'DI-2026-000123',
      accessCode: 'Abcdefgh1234',
      status: 'submitted',
      createdAt: '2026-01-05T10:00:00.000Z',
      authority,
    };
    const { fetch, calls } = fakeFetch(networkDown, () => json(receipt, 201));
    const key = newIdempotencyKey();
    const body = {
      tenantId: 'kreis-dithmarschen',
      serviceId: 'gewerbeanmeldung',
      formId: 'gewerbeanmeldung',
      formVersion: 1,
      ars: '010510044044',
      lang: 'de' as const,
      data: {},
    };
    const result = await new ApiClient(BASE, { fetch, retry: fast }).request('createSubmission', {
      body,
      idempotencyKey: key,
    });
    expect(result.reference).to.equal('DI-2026-000123');
    expect(calls.map((c) => c.headers.get('Idempotency-Key'))).to.deep.equal([key, key]);
    expect(key).to.match(/^[0-9a-f-]{36}$/);
    expect(newIdempotencyKey()).not.to.equal(key);
  });

  it('refuses createSubmission without an idempotency key', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const api = new ApiClient(BASE, { fetch });
    const body = {
      tenantId: 't',
      serviceId: 's',
      formId: 'f',
      formVersion: 1,
      ars: '010510044044',
      lang: 'de',
      data: {},
    };
    let thrown: unknown;
    try {
      // @ts-expect-error the key is required by the types
      await api.request('createSubmission', { body });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(TypeError);
    expect(calls).to.have.length(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).to.equal(7);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).to.equal(10);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});

describe('describeError', () => {
  it('describes errors in German and English without internals', () => {
    const unavailable = new ApiError('http', 'HTTP 503', { status: 503 });
    expect(describeError(unavailable, 'de')).to.equal(
      'Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.',
    );
    expect(describeError(unavailable, 'en')).to.equal(
      'The service is currently unavailable. Please try again in a few minutes.',
    );
    expect(describeError(new ApiError('timeout', 'x'), 'de')).to.contain('nicht rechtzeitig');
    expect(describeError(new Error('SQLITE_BUSY at db.ts:12'), 'de')).to.equal(
      'Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.',
    );
  });
});
