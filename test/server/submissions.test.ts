import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { Problem } from '../../src/contract/problem.ts';
import { StatusView, SubmissionReceipt } from '../../src/contract/submission.ts';
import { SAMPLE_CATALOG_DIR, parseTrustProxy } from '../../src/server/app.ts';
import { uploadClient } from '../../src/server/uploads.ts';
import {
  bearer,
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

const PDF = Buffer.from('%PDF-1.4\n% test\n');

async function upload(s: Running, body: Buffer, type: string, name = 'nachweis.pdf', field = 'nachweis') {
  return fetch(`${s.api}/tenants/kreis/forms/gewerbe/fields/${field}/uploads`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    body: new Uint8Array(body),
  });
}

describe('submissions', () => {
  const s = serve({ statusPerMinute: 1000 });

  it('answers a valid submission with id, reference, access code and the responsible authority', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() });
    assert.equal(res.status, 201);
    const receipt = z.parse(SubmissionReceipt, await res.json());
    assert.match(receipt.reference, /^DI-\d{4}-\d{6}$/);
    assert.match(receipt.accessCode, /^[A-Z2-9]{16}$/);
    assert.equal(receipt.authority.id, 'heide-ordnung');
    assert.equal(receipt.status, 'submitted');
  });

  it('rejects invalid answers with JSON pointers into the body (hidden fields are not required)', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe({}, { F100: '', art: 'um' }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = z.parse(Problem, await res.json());
    assert.equal(problem.type, 'urn:ozg:problem:validation');
    assert.deepEqual(problem.errors?.map((e) => e.pointer).sort(), ['/data/F100', '/data/frueher']);

    const hidden = await post(`${s.api}/submissions`, gewerbe({}, { art: 'neu', frueher: 'alt' }), {
      'idempotency-key': key(),
    });
    assert.equal(hidden.status, 201);
  });

  it('rejects a body that breaks the contract with pointers, and a missing Idempotency-Key', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe({ ars: '123', lang: 'fr' }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 400);
    const problem = z.parse(Problem, await res.json());
    assert.deepEqual(problem.errors?.map((e) => e.pointer).sort(), ['/ars', '/lang']);

    const noKey = await post(`${s.api}/submissions`, gewerbe());
    assert.equal(noKey.status, 400);
    assert.equal((await noKey.json()).errors[0].pointer, '/headers/Idempotency-Key');
  });

  it('asks to reload when the form version is outdated', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe({ formVersion: 1 }), { 'idempotency-key': key() });
    assert.equal(res.status, 409);
    assert.match((await res.json()).detail, /neu laden/);
  });

  it('stores one row for 20 concurrent retries and answers all of them identically', async () => {
    const before = rowCount(s.dataDir, 'submissions');
    const k = key();
    const body = gewerbe({}, { F100: 'Parallel GmbH' });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(`${s.api}/submissions`, body, { 'idempotency-key': k })),
    );
    const texts = await Promise.all(answers.map((r) => r.text()));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(20).fill(201),
    );
    assert.equal(new Set(texts).size, 1);
    assert.equal(rowCount(s.dataDir, 'submissions'), before + 1);

    const other = await post(`${s.api}/submissions`, gewerbe({}, { F100: 'Anders' }), {
      'idempotency-key': k,
    });
    assert.equal(other.status, 409);
    assert.equal(rowCount(s.dataDir, 'submissions'), before + 1);
  });

  it('shows the status for reference or id plus access code; unknown and wrong answer identically', async () => {
    const receipt = (await (
      await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() })
    ).json()) as SubmissionReceipt;
    for (const idOrReference of [receipt.reference, receipt.id]) {
      const res = await post(`${s.api}/status`, {
        idOrReference,
        accessCode: receipt.accessCode.toLowerCase(),
      });
      assert.equal(res.status, 200);
      const view = z.parse(StatusView, await res.json());
      assert.equal(view.status, 'submitted');
      assert.equal(view.authority.id, 'heide-ordnung');
      assert.equal(view.events.length, 1);
    }
    const wrong = await post(`${s.api}/status`, {
      idOrReference: receipt.reference,
      accessCode: 'AAAAAAAAAAAAAAAA',
    });
    const unknown = await post(`${s.api}/status`, {
      idOrReference: 'DI-2099-999999',
      accessCode: receipt.accessCode,
    });
    assert.equal(wrong.status, 404);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await wrong.json(), await unknown.json());
  });

  it('accepts an upload within limits, refuses wrong type, forged content and oversize', async () => {
    const ok = await upload(s, PDF, 'application/pdf', 'Gewerbe Nachweis.pdf');
    assert.equal(ok.status, 201);
    const ref = await ok.json();
    assert.equal(ref.name, 'Gewerbe Nachweis.pdf');
    assert.equal(ref.size, PDF.length);

    assert.equal((await upload(s, Buffer.from('hello'), 'text/plain', 'a.txt')).status, 415);
    assert.equal((await upload(s, Buffer.from('not a pdf'), 'application/pdf')).status, 415);
    const big = Buffer.concat([PDF, Buffer.alloc(3000)]);
    const tooBig = await upload(s, big, 'application/pdf');
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((await upload(s, PDF, 'application/pdf', 'x.pdf', 'F100')).status, 404);
  });

  it('links uploaded files to a submission once, and only the handling authority downloads them', async () => {
    const ref = await (await upload(s, PDF, 'application/pdf')).json();
    const res = await post(`${s.api}/submissions`, gewerbe({}, { nachweis: [ref] }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 201);
    const receipt = (await res.json()) as SubmissionReceipt;

    const again = await post(`${s.api}/submissions`, gewerbe({}, { nachweis: [ref] }), {
      'idempotency-key': key(),
    });
    assert.equal(again.status, 400);
    assert.equal((await again.json()).errors[0].pointer, '/data/nachweis/0');

    const forged = { ...ref, uploadId: 'AAAAAAAAAAAAAAAAAAAAAAAA' };
    const unknown = await post(`${s.api}/submissions`, gewerbe({}, { nachweis: [forged] }), {
      'idempotency-key': key(),
    });
    assert.equal(unknown.status, 400);

    const path = `${s.api}/authority/submissions/${receipt.id}/files/${ref.uploadId}`;
    const mine = await fetch(path, { headers: bearer('heide-ordnung') });
    assert.equal(mine.status, 200);
    assert.equal(mine.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(Buffer.from(await mine.arrayBuffer()), PDF);
    const theirs = await fetch(path, { headers: bearer('amt-umland') });
    assert.equal(theirs.status, 404);
    const anonymous = await fetch(path);
    assert.equal(anonymous.status, 401);
  });

  it("refuses a file over the field's own limit while it arrives, not after the whole body", async () => {
    const url = `${s.api}/tenants/kreis/forms/gewerbe/fields/nachweis/uploads`;
    const headers = { 'content-type': 'application/pdf', 'x-file-name': 'gross.pdf' };
    // Declared too large (the field allows 2000 bytes): refused before the body is read.
    const declared = await fetch(url, { method: 'POST', headers, body: new Uint8Array(1024 * 1024) });
    assert.equal(declared.status, 413);
    // Sent in chunks without a length, and never finished: the answer must come anyway.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([...PDF, ...new Uint8Array(4096)]));
      },
    });
    const streamed = await fetch(url, {
      method: 'POST',
      headers,
      body: stream,
      duplex: 'half',
      signal: AbortSignal.timeout(5000),
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal((await streamed.json()).type, 'urn:ozg:problem:payload-too-large');
  });

  it('shows the caseworker the stored file, not what the browser claims about it', async () => {
    const ref = await (await upload(s, PDF, 'application/pdf', 'Nachweis.pdf')).json();
    const claimed = { ...ref, name: 'Harmlos.png', size: 1, type: 'image/png' };
    const res = await post(`${s.api}/submissions`, gewerbe({}, { nachweis: [claimed] }), {
      'idempotency-key': key(),
    });
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as SubmissionReceipt;
    const view = await (
      await fetch(`${s.api}/authority/submissions/${id}`, { headers: bearer('heide-ordnung') })
    ).json();
    assert.deepEqual(view.data.nachweis, [ref]);
  });

  it('stores file names as they will be shown: no invisible characters, the ending of the checked content', async () => {
    // U+202E shows "Foto\u202egnp.hta" as "Fotoath.png".
    const reversed = await upload(s, PDF, 'application/pdf', 'Foto\u202egnp.hta');
    assert.equal(reversed.status, 201);
    assert.equal((await reversed.json()).name, 'Fotognp.hta.pdf');
    const zeroWidth = await upload(s, PDF, 'application/pdf', 'Antrag\u200b.PDF');
    assert.equal((await zeroWidth.json()).name, 'Antrag.PDF');
    // A name of the longest length still fits once the ending is added.
    const long = await upload(s, PDF, 'application/pdf', `${'ä'.repeat(250)}.docx`);
    assert.equal(long.status, 201);
    const longName: string = (await long.json()).name;
    assert.equal(longName, `${'ä'.repeat(250)}.pdf`);
    const longest = await upload(s, PDF, 'application/pdf', 'b'.repeat(255));
    assert.equal((await longest.json()).name, `${'b'.repeat(251)}.pdf`);
    assert.equal((await upload(s, PDF, 'application/pdf', '..')).status, 400);
    assert.equal((await upload(s, PDF, 'application/pdf', '. . ..')).status, 400);
    // A leading dot would hide the file on the caseworker's computer.
    assert.equal((await (await upload(s, PDF, 'application/pdf', '..Antrag.pdf')).json()).name, 'Antrag.pdf');
    assert.equal((await upload(s, PDF, 'application/pdf', '\u202e')).status, 400);
  });
});

describe('status rate limit', () => {
  it('answers 429 problem with Retry-After after the configured number of attempts', async () => {
    const s = await start({ statusPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post(`${s.api}/status`, {
          idOrReference: `DI-2026-00000${i}`,
          accessCode: 'WRONGCODE',
        });
        statuses.push(res.status);
        if (res.status === 429) {
          assert.ok(Number(res.headers.get('retry-after')) > 0);
          assert.equal((await res.json()).type, 'urn:ozg:problem:rate-limited');
        }
      }
      assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('durability', () => {
  it('keeps every acknowledged submission across a restart on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    const receipts: SubmissionReceipt[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(`${first.api}/submissions`, gewerbe({}, { F100: `Firma ${i}` }), {
        'idempotency-key': key(),
      });
      receipts.push((await res.json()) as SubmissionReceipt);
    }
    await first.close();

    const second = await start({ dataDir });
    try {
      for (const r of receipts) {
        const res = await post(`${second.api}/status`, {
          idOrReference: r.reference,
          accessCode: r.accessCode,
        });
        assert.equal(res.status, 200);
      }
      const next = await post(`${second.api}/submissions`, gewerbe(), { 'idempotency-key': key() });
      assert.equal((await next.json()).reference.slice(-6), '000006');
    } finally {
      await second.close();
      removeDir(dataDir);
    }
  });
});

describe('uploads no submission uses', () => {
  it('share a limit of which one client may take a sixteenth; 503 beyond, room again once a submission uses one', async () => {
    // Room for 32 files in all, 2 of them from any one client (counted behind the proxy by its X-Forwarded-For).
    const s = await start({
      maxPendingUploadBytes: PDF.length * 32,
      maxUploadBytes: PDF.length,
      trustProxy: ['127.0.0.1'],
    });
    const from = (client: number) =>
      fetch(`${s.api}/tenants/kreis/forms/gewerbe/fields/nachweis/uploads`, {
        method: 'POST',
        headers: {
          'content-type': 'application/pdf',
          'x-file-name': 'a.pdf',
          'x-forwarded-for': `203.0.113.${client}`,
        },
        body: new Uint8Array(PDF),
      });
    try {
      const first = await (await from(1)).json();
      assert.equal((await from(1)).status, 201);
      const overShare = await from(1);
      assert.equal(overShare.status, 503);
      assert.equal((await overShare.json()).type, 'urn:ozg:problem:unavailable');
      for (let client = 2; client <= 16; client++) {
        assert.equal((await from(client)).status, 201);
        assert.equal((await from(client)).status, 201);
      }
      assert.equal((await from(17)).status, 503, 'the limit in all');
      // A submission that uses a file frees its share, for its client and for all.
      const res = await post(`${s.api}/submissions`, gewerbe({}, { nachweis: [first] }), {
        'idempotency-key': key(),
      });
      assert.equal(res.status, 201);
      assert.equal((await from(1)).status, 201);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  it('are deleted a day after they came, also while the server keeps running', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    let now = new Date('2026-03-02T08:00:00Z');
    const s = await start({ now: () => now });
    const hours = (n: number) => n * 3600 * 1000;
    const uploadsAfterAnHour = async () => {
      t.mock.timers.tick(hours(1));
      await s.app.uploadsPurged();
      return rowCount(s.dataDir, 'uploads');
    };
    try {
      assert.equal((await upload(s, PDF, 'application/pdf')).status, 201);
      now = new Date(now.getTime() + hours(23));
      assert.equal(await uploadsAfterAnHour(), 1, 'kept for a day');
      now = new Date(now.getTime() + hours(2));
      assert.equal(await uploadsAfterAnHour(), 0, 'deleted after a day');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('behind a reverse proxy', () => {
  const lookups = async (s: Running, count: number, forwardedFor = (i: number) => `203.0.113.${i + 1}`) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      const res = await post(
        `${s.api}/status`,
        { idOrReference: 'DI-2026-000001', accessCode: 'WRONGCODE' },
        { 'x-forwarded-for': forwardedFor(i) },
      );
      statuses.push(res.status);
    }
    return statuses;
  };

  it('counts every citizen on their own when the proxy is trusted', async () => {
    const s = await start({ statusPerMinute: 2, trustProxy: ['127.0.0.1'] });
    try {
      assert.deepEqual(await lookups(s, 4), [404, 404, 404, 404]);
      // A client that sends its own X-Forwarded-For, which the proxy appends to, gains nothing by varying it.
      assert.deepEqual(await lookups(s, 3, (i) => `10.9.9.${i}, 198.51.100.7`), [404, 404, 429]);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  it('counts the proxy as one client by default, and believes no forwarded header', async () => {
    const s = await start({ statusPerMinute: 2 });
    try {
      assert.deepEqual(await lookups(s, 3), [404, 404, 429]);
      const headers = {
        origin: 'https://ozg.example.de',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'ozg.example.de',
      };
      assert.equal((await fetch(`${s.api}/tenants/kreis`, { headers })).status, 403);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  it('takes pages of its own public https origin as its own when the proxy is trusted', async () => {
    const s = await start({ trustProxy: ['loopback'] });
    try {
      const headers = {
        origin: 'https://ozg.example.de',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'ozg.example.de',
      };
      assert.equal((await fetch(`${s.api}/tenants/kreis`, { headers })).status, 200);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('HEIC photos', () => {
  it('are checked by their content, like every other checked type', async () => {
    const s = await start({ catalogDir: SAMPLE_CATALOG_DIR });
    const send = (body: Buffer, name: string) =>
      fetch(`${s.api}/tenants/stadt-heide/forms/baumfaellgenehmigung/fields/fotos/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'image/heic', 'x-file-name': encodeURIComponent(name) },
        body: new Uint8Array(body),
      });
    try {
      const page = Buffer.from('<!doctype html><script>alert(1)</script>');
      assert.equal((await send(page, 'Baum.html')).status, 415);
      const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(16)]);
      const photo = await send(heic, 'Baum.html');
      assert.equal(photo.status, 201);
      assert.equal((await photo.json()).name, 'Baum.html.heic');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('OZG_TRUST_PROXY', () => {
  it('takes proxy addresses, CIDR ranges and the named ranges', () => {
    assert.equal(parseTrustProxy(undefined), undefined);
    assert.equal(parseTrustProxy(' '), undefined);
    assert.deepEqual(parseTrustProxy('10.0.0.1, 10.1.0.0/16,fd00::/8 ,loopback'), [
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses what would silently trust nobody or everybody', () => {
    for (const value of ['1', 'true', 'proxy.example.de', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129']) {
      assert.throws(() => parseTrustProxy(value), /OZG_TRUST_PROXY: ".+" is no proxy address/, value);
    }
  });
});

describe('a client share of the pending-upload limit', () => {
  it('always has room for one file of the upload limit, however small a sixteenth is', async () => {
    const file = Buffer.concat([PDF, Buffer.alloc(24)]);
    const s = await start({ maxPendingUploadBytes: PDF.length * 16, maxUploadBytes: file.length });
    try {
      assert.equal((await upload(s, file, 'application/pdf')).status, 201);
      assert.equal((await upload(s, file, 'application/pdf')).status, 503);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('the client of an upload, for its share of the pending-upload limit', () => {
  it('is the IPv4 address, also IPv4-mapped, and the /64 network of an IPv6 address', () => {
    const v4 = uploadClient('192.0.2.7');
    for (const written of [
      '::ffff:192.0.2.7',
      '::ffff:c000:207',
      '0:0:0:0:0:ffff:192.0.2.7',
      '64:ff9b::192.0.2.7',
    ])
      assert.equal(uploadClient(written), v4, written);
    assert.notEqual(uploadClient('192.0.2.8'), v4);
    assert.notEqual(uploadClient('::1'), uploadClient('::ffff:0.0.0.1'));
    assert.equal(uploadClient('2001:db8::1'), uploadClient('2001:db8:0:0:ffff:ffff:ffff:ffff'));
    assert.equal(uploadClient('fe80::1%eth0'), uploadClient('fe80::2'));
    assert.equal(uploadClient('1:2::3:4:5:1.2.3.4'), uploadClient('1:2:0:3::'));
    assert.notEqual(uploadClient('2001:db8::1'), uploadClient('2001:db8:0:1::1'));
    assert.match(v4, /^[0-9a-f]{64}$/);
  });
});
