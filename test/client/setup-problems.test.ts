/**
 * How the client tells a page's setup mistakes (an origin the backend refuses, an unknown tenant, a wrong endpoint)
 * from failures a retry can mend, with a scripted fetch that answers like the reference backend. The same cases
 * against the real backend and real CORS: test/ui/setup-problems.test.ts.
 */
import { expect } from '@open-wc/testing';
import { ApiClient, describeError, type SetupProblem } from '../../src/client/index.ts';
import { isRetryable } from '../../src/ui/events.ts';
import { fakeFetch, json, problem, tenant, type Call, failure } from './fake-fetch.ts';

const BASE = 'https://ozg.example.de';
const API = `${BASE}/api/v1`;
const once = { retry: { attempts: 1 } };

/** Answers per request: the client's own checks (no `Accept` header) by URL and mode, everything else by `main`. */
function backend(answers: {
  main: (call: Call) => Response | Promise<Response>;
  described?: number | 'down';
  tenants?: Record<string, number>;
  /** `no-cors` requests get an opaque answer (the server is there) unless `down`. */
  opaque?: 'down';
}) {
  return fakeFetch((call) => {
    if (call.headers.has('Accept')) return answers.main(call);
    if (call.init.mode === 'no-cors') {
      if (answers.opaque === 'down') return Promise.reject(new TypeError('Failed to fetch'));
      return new Response(null, { status: 200 });
    }
    if (call.url === `${API}/openapi.json`) {
      if (answers.described === 'down') return Promise.reject(new TypeError('Failed to fetch'));
      return new Response(null, { status: answers.described ?? 200 });
    }
    const id = decodeURIComponent(call.url.slice(`${API}/tenants/`.length));
    const status = answers.tenants?.[id] ?? 404;
    return status === 200 ? json({ ...tenant, id }) : notFound();
  });
}

const refused = () =>
  problem(403, {
    type: 'urn:ozg:problem:forbidden',
    detail: 'Diese Website darf diesen Dienst nicht nutzen. / This website may not use this service.',
  });
const notFound = () => problem(404, { type: 'urn:ozg:problem:not-found' });
const down = () => Promise.reject(new TypeError('Failed to fetch'));

describe('RouteClient: setup problems', () => {
  it('names the refused origin of a 403, without further requests and without a retry', async () => {
    const found: SetupProblem[] = [];
    const { fetch, calls } = backend({ main: refused });
    const api = new ApiClient(BASE, { fetch, ...once, onSetupProblem: (p) => found.push(p) });
    const error = await failure(api.request('listServices', { params: { tenant: 'heide' } }));
    expect(error.setup).to.deep.equal({
      kind: 'origin',
      endpoint: BASE,
      origin: location.origin,
      tenant: 'heide',
    });
    expect(found).to.deep.equal([error.setup]);
    expect(calls).to.have.length(1);
    expect(error.status).to.equal(403);
    expect(isRetryable(error)).to.equal(false);
    expect(describeError(error, 'de')).to.equal(
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden. Bitte wenden Sie sich an die Betreiber dieser Seite.',
    );
    expect(describeError(error, 'en')).to.equal(
      'This service is not set up correctly on this page. Please contact the operators of this website.',
    );
  });

  it('calls a 404 an unknown tenant when the API is there and the tenant is not, and asks only once', async () => {
    const found: SetupProblem[] = [];
    const { fetch, calls } = backend({ main: notFound, tenants: { heide: 200 } });
    const api = new ApiClient(BASE, { fetch, ...once, onSetupProblem: (p) => found.push(p) });
    const error = await failure(api.request('listServices', { params: { tenant: 'heide-typo' } }));
    expect(error.setup).to.deep.equal({ kind: 'tenant', endpoint: BASE, tenant: 'heide-typo' });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).to.deep.equal([
      `GET ${API}/tenants/heide-typo/services`,
      `GET ${API}/tenants/heide-typo`,
      `HEAD ${API}/openapi.json`,
    ]);
    expect(isRetryable(error)).to.equal(false);
    // The next failure of the same kind is told from what the client already found out.
    const again = await failure(
      api.request('getService', { params: { tenant: 'heide-typo', serviceId: 'x' } }),
    );
    expect(again.setup?.kind).to.equal('tenant');
    expect(calls).to.have.length(4);
    expect(found).to.have.length(2);
  });

  it('leaves a 404 alone when the tenant is known, or when nothing was found wrong before', async () => {
    const { fetch, calls } = backend({ main: notFound, tenants: { heide: 200 } });
    const api = new ApiClient(BASE, {
      fetch,
      ...once,
      onSetupProblem: () => expect.fail('no setup problem'),
    });
    const error = await failure(api.request('getService', { params: { tenant: 'heide', serviceId: 'x' } }));
    expect(error.setup).to.equal(undefined);
    expect(describeError(error, 'de')).to.equal('Das Gesuchte wurde nicht gefunden.');
    expect(calls).to.have.length(2);
    // A route without tenant: a form that is not there, and nothing to check.
    await failure(api.request('getForm', { params: { formId: 'x' } }));
    expect(calls).to.have.length(3);
  });

  it('blames the endpoint when neither the tenant nor the API description is there, also on routes without tenant', async () => {
    const { fetch, calls } = backend({ main: notFound, described: 404 });
    // `tenant`: the page's tenant, for routes without one.
    const api = new ApiClient(BASE, {
      fetch,
      ...once,
      onSetupProblem: () => undefined,
      tenant: () => 'heide',
    });
    const first = await failure(api.request('getTenant', { params: { tenant: 'heide' } }));
    expect(first.setup).to.deep.equal({ kind: 'endpoint', endpoint: BASE, tenant: 'heide' });
    const later = await failure(api.request('getForm', { params: { formId: 'gewerbe' } }));
    expect(later.setup).to.deep.equal({ kind: 'endpoint', endpoint: BASE });
    expect(calls).to.have.length(4);
  });

  it('says "not set up or not reachable" when the server answers but not to this page (CORS)', async () => {
    const { fetch, calls } = backend({ main: down, described: 'down' });
    const api = new ApiClient(BASE, { fetch, ...once, onSetupProblem: () => undefined });
    const error = await failure(api.request('getTenant', { params: { tenant: 'heide' } }));
    expect(error.kind).to.equal('network');
    expect(error.setup).to.deep.equal({
      kind: 'blocked',
      endpoint: BASE,
      origin: location.origin,
      tenant: 'heide',
    });
    expect(calls.map((c) => `${c.init.method} ${c.init.mode}`)).to.deep.equal([
      'GET cors',
      'HEAD cors',
      'HEAD no-cors',
    ]);
    expect(calls[2]!.init.credentials).to.equal('omit');
    // It may still be an outage behind a proxy: the retry stays.
    expect(isRetryable(error)).to.equal(true);
    expect(describeError(error, 'de')).to.equal(
      'Dieser Dienst ist auf dieser Seite nicht richtig eingebunden oder gerade nicht erreichbar. Bitte versuchen Sie es später erneut oder wenden Sie sich an die Betreiber dieser Seite.',
    );
    expect(describeError(error, 'en')).to.equal(
      'This service is not set up correctly on this page, or it cannot be reached right now. Please try again later or contact the operators of this website.',
    );
  });

  it('keeps a network error when nothing answers at all, or when the page may read the answer again', async () => {
    const offline = backend({ main: down, described: 'down', opaque: 'down' });
    const quiet = { ...once, onSetupProblem: () => expect.fail('no setup problem') };
    const lost = await failure(
      new ApiClient(BASE, { ...quiet, fetch: offline.fetch }).request('getTenant', {
        params: { tenant: 'heide' },
      }),
    );
    expect(lost.setup).to.equal(undefined);
    expect(describeError(lost, 'de')).to.contain('Internetverbindung');

    const flaky = backend({ main: down });
    const flakyError = await failure(
      new ApiClient(BASE, { ...quiet, fetch: flaky.fetch }).request('getTenant', {
        params: { tenant: 'heide' },
      }),
    );
    expect(flakyError.setup).to.equal(undefined);
    expect(flaky.calls.map((c) => c.init.mode)).to.deep.equal(['cors', 'cors']);
  });

  it('looks no closer without onSetupProblem, nor at a network error of its own origin', async () => {
    const plain = backend({ main: down, described: 'down' });
    await failure(
      new ApiClient(BASE, { ...once, fetch: plain.fetch }).request('getTenant', { params: { tenant: 'x' } }),
    );
    expect(plain.calls).to.have.length(1);

    const own = backend({ main: down, described: 'down' });
    const api = new ApiClient(location.origin, {
      ...once,
      fetch: own.fetch,
      onSetupProblem: () => undefined,
    });
    const error = await failure(api.request('getTenant', { params: { tenant: 'x' } }));
    expect(error.setup).to.equal(undefined);
    expect(own.calls).to.have.length(1);
  });

  it('still answers normally', async () => {
    const { fetch } = fakeFetch(() => json(tenant));
    const api = new ApiClient(BASE, { fetch, onSetupProblem: () => expect.fail('no setup problem') });
    expect((await api.request('getTenant', { params: { tenant: 'kreis-dithmarschen' } })).id).to.equal(
      'kreis-dithmarschen',
    );
  });
});
