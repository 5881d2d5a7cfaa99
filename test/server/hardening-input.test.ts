/**
 * Hardening against what clients send: rate limits count a client the way the upload budget does (an IPv4
 * address however written, an IPv6 address by its /64), deeply nested or huge JSON bodies are refused early,
 * and answers to fields a form does not have are refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROBLEM_CONTENT_TYPE } from '../../src/contract/problem.ts';
import { SAMPLE_CATALOG_DIR } from '../../src/server/app.ts';
import { clientOf } from '../../src/server/client-key.ts';
import { canonicalJson } from '../../src/server/security.ts';
import { gewerbe, key, post, removeDir, rowCount, start, type Running, serve } from './helpers.ts';
import { SAMPLE_FORM_VERSION } from '../helpers/answers.ts';

/** A few requests in a row, each from the address `from(i)` (the trusted proxy's X-Forwarded-For). */
async function statuses(
  count: number,
  from: (i: number) => string,
  send: (headers: Record<string, string>) => Promise<Response>,
) {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await send({ 'x-forwarded-for': from(i) });
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

const times = (n: number, status: number) => Array<number>(n).fill(status);

describe('rate limits behind a trusted proxy', () => {
  const s = serve({
    statusPerMinute: 3,
    writesPerMinute: 2,
    requestsPerMinute: 4,
    trustProxy: ['127.0.0.1'],
  });
  const lookup = (headers: Record<string, string>) =>
    post(`${s.api}/status`, { idOrReference: 'DI-2026-000001', accessCode: 'WRONGCODE' }, headers);

  it('count the status look-ups of one IPv6 /64 together, and another /64 on its own', async () => {
    const sameNetwork = await statuses(25, (i) => `2001:db8:4711:1::${(i + 1).toString(16)}`, lookup);
    assert.deepEqual(sameNetwork, [...times(3, 404), ...times(22, 429)]);
    assert.deepEqual(await statuses(1, () => '2001:db8:4711:2::1', lookup), [404]);
    const refused = await lookup({ 'x-forwarded-for': '2001:db8:4711:1:ffff:ffff:ffff:ffff' });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('content-type')?.split(';')[0], PROBLEM_CONTENT_TYPE);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal((await refused.json()).type, 'urn:ozg:problem:rate-limited');
  });

  it('count one IPv4 address as one client however it is written', async () => {
    const written = ['192.0.2.7', '::ffff:192.0.2.7', '::ffff:c000:207', '64:ff9b::c000:207', '::192.0.2.7'];
    assert.deepEqual(await statuses(5, (i) => written[i]!, lookup), [404, 404, 404, 429, 429]);
    assert.deepEqual(await statuses(1, () => '192.0.2.8', lookup), [404]);
  });

  it('count submissions and every other API request of one /64 together', async () => {
    const submit = (headers: Record<string, string>) =>
      post(`${s.api}/submissions`, {}, { ...headers, 'idempotency-key': key() });
    assert.deepEqual(await statuses(3, (i) => `2001:db8:beef:7:${i}::1`, submit), [400, 400, 429]);
    const tenant = (headers: Record<string, string>) => fetch(`${s.api}/tenants/kreis`, { headers });
    assert.deepEqual(await statuses(5, (i) => `2001:db8:beef:8::${i + 1}`, tenant), [...times(4, 200), 429]);
  });
});

describe('the client of a request', () => {
  it('is the IPv4 address however written, the /64 of an IPv6 address, anything else as it is', () => {
    for (const written of [
      '192.0.2.7',
      '::ffff:192.0.2.7',
      '::FFFF:C000:207',
      '::192.0.2.7',
      '64:ff9b::192.0.2.7',
    ])
      assert.equal(clientOf(written), '192.0.2.7', written);
    assert.equal(clientOf('2001:0db8:4711:0001:abcd::1'), '2001:db8:4711:1::/64');
    assert.equal(clientOf('fe80::1%eth0'), 'fe80:0:0:0::/64');
    // A port written by the proxy is no other client; made-up values share one budget, not one each.
    assert.equal(clientOf('192.0.2.7:5555'), '192.0.2.7');
    assert.equal(clientOf('[2001:db8:4711:1::9]:443'), '2001:db8:4711:1::/64');
    assert.equal(clientOf('not an address'), clientOf('another made-up one'));
  });
});

/** A valid Gewerbeanmeldung whose answers carry one more answer, written as raw JSON text. */
function withRawAnswer(raw: string): string {
  return JSON.stringify(gewerbe({}, { extra: '\u0000' })).replace('"\\u0000"', raw);
}

const sendRaw = (s: Running, body: string) =>
  fetch(`${s.api}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key() },
    body,
  });

describe('deeply nested JSON', () => {
  const s = serve();

  for (const [name, raw] of [
    ['10,000 nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['5,000 nested objects', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
  ] as const) {
    it(`is refused with 400 problem+json, not 500: ${name}`, async () => {
      const stored = rowCount(s.dataDir, 'submissions');
      const res = await sendRaw(s, withRawAnswer(raw));
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('content-type')?.split(';')[0], PROBLEM_CONTENT_TYPE);
      const problem = await res.json();
      assert.equal(problem.type, 'urn:ozg:problem:validation');
      assert.equal(problem.errors[0].code, 'too_deep');
      assert.match(problem.errors[0].pointer, /^\/data\/extra\//);
      assert.equal(rowCount(s.dataDir, 'submissions'), stored);
      // The server still answers, and stores valid submissions.
      assert.equal((await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() })).status, 201);
      assert.equal(rowCount(s.dataDir, 'submissions'), stored + 1);
    });
  }

  it('of a status look-up is refused too', async () => {
    const body = `{"idOrReference":"DI-2026-000001","accessCode":"WRONGCODE","x":${'['.repeat(100)}${']'.repeat(100)}}`;
    const res = await fetch(`${s.api}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).errors[0].code, 'too_deep');
  });

  it('is read up to 64 levels: the body, its data, then 62 levels of one answer', async () => {
    const nested = async (levels: number) => {
      const res = await sendRaw(s, withRawAnswer(`${'['.repeat(levels)}${']'.repeat(levels)}`));
      assert.equal(res.status, 400);
      return (await res.json()).errors.map((e: { code: string }) => e.code);
    };
    // At the limit only the answer itself is wrong: the form has no field `extra`.
    assert.deepEqual(await nested(62), ['unknown_field']);
    assert.deepEqual(await nested(63), ['too_deep']);
  });

  it('is hashed for the idempotency record without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    assert.equal(canonicalJson(deep), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    assert.equal(
      canonicalJson({ b: [1, 'x', null, { d: true, c: undefined, a: [] }], a: { z: 1, y: {} } }),
      '{"a":{"y":{},"z":1},"b":[1,"x",null,{"a":[],"d":true}]}',
    );
  });
});

describe('expensive bodies', () => {
  const s = serve();

  it('60,000 unknown answer keys are refused with 400, a normal submission is still stored', async () => {
    const data: Record<string, string> = {};
    for (let i = 0; i < 60_000; i++) data[`k${i}`] = 'x';
    const res = await post(`${s.api}/submissions`, gewerbe({}, data), { 'idempotency-key': key() });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).type, 'urn:ozg:problem:validation');
    assert.equal(rowCount(s.dataDir, 'submissions'), 0);
    assert.equal((await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() })).status, 201);
  });

  it('answers to fields the form does not have are refused with field errors', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe({}, { F999: 'x', 'a/b': 1 }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 400);
    const problem = await res.json();
    assert.deepEqual(problem.errors, [
      {
        pointer: '/data/F999',
        detail: 'Dieses Feld gibt es im Formular nicht. / The form has no such field.',
        code: 'unknown_field',
      },
      {
        pointer: '/data/a~1b',
        detail: 'Dieses Feld gibt es im Formular nicht. / The form has no such field.',
        code: 'unknown_field',
      },
    ]);
  });

  it('answers to a hidden field are no unknown keys: they are dropped, as before', async () => {
    // `frueher` is shown for a change of address only (art: um); the browser never sends it otherwise.
    const res = await post(`${s.api}/submissions`, gewerbe({}, { frueher: 'Altstadt 1' }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 201);
  });

  it('a form of another version is still answered with 409, not with unknown keys', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe({ formVersion: 1 }, { alt: 'x' }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 409);
  });

  it('an answer that is one huge object is refused before it is hashed', async () => {
    const huge: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) huge[`k${i}`] = i;
    const res = await post(`${s.api}/submissions`, gewerbe({}, { F100: huge }), { 'idempotency-key': key() });
    assert.equal(res.status, 400);
    assert.deepEqual(
      (await res.json()).errors.map((e: { code: string }) => e.code),
      ['too_many_values'],
    );
  });
});

describe('unknown answer keys inside a group', () => {
  it('are refused with their pointer into the group item', async () => {
    const s = await start({ catalogDir: SAMPLE_CATALOG_DIR });
    try {
      const res = await post(
        `${s.api}/submissions`,
        {
          tenantId: 'stadt-heide',
          serviceId: 'baumfaellgenehmigung',
          formId: 'baumfaellgenehmigung',
          formVersion: SAMPLE_FORM_VERSION,
          lang: 'de',
          data: { vorname: 'Erika', baeume: [{ baumart: 'Eiche' }, { baumart: 'Linde', farbe: 'grün' }] },
        },
        { 'idempotency-key': key() },
      );
      assert.equal(res.status, 400);
      const problem = await res.json();
      assert.deepEqual(
        problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/data/baeume/1/farbe', 'unknown_field']],
      );
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});
