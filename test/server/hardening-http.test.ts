/**
 * HTTP hardening: a client trickling a request is cut off, the demo pages cannot be framed and name the one Trusted
 * Types policy the widgets use, and answers with personal data are never cached. Real server, real sockets.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { bearer, gewerbe, key, post, serve } from './helpers.ts';

describe('HTTP hardening', () => {
  const s = serve({ requestTimeoutMs: 1000 });

  it('answers 408 and closes a connection whose body trickles in, one byte at a time', async () => {
    const { port } = new URL(s.url);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      'POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\nIdempotency-Key: trickle-trickle-trickle\r\n\r\n{',
    );
    // A byte every 200 ms: never idle, never done. Stopped after 8 s at the latest.
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    const deadline = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 8000).unref());
    const outcome = await Promise.race([closed.then(() => 'closed' as const), deadline]);
    clearInterval(trickle);
    socket.destroy();
    assert.equal(outcome, 'closed', 'the server still holds the connection');
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });

  it('still serves requests that arrive in time', async () => {
    const res = await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() });
    assert.equal(res.status, 201);
  });

  it('never lets caches keep personal answers, and leaves the catalog cacheable', async () => {
    const receipt = await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() });
    assert.equal(receipt.headers.get('cache-control'), 'no-store');
    const inbox = await fetch(`${s.api}/authority/submissions`, { headers: bearer('heide-ordnung') });
    assert.equal(inbox.status, 200);
    assert.equal(inbox.headers.get('cache-control'), 'no-store');
    const status = await post(`${s.api}/status`, { idOrReference: 'XX-2026-000001', accessCode: 'ABCDEFGH' });
    assert.equal(status.status, 404);
    assert.equal(status.headers.get('cache-control'), 'no-store');
    const tenant = await fetch(`${s.api}/tenants/kreis`);
    assert.equal(tenant.status, 200);
    assert.notEqual(tenant.headers.get('cache-control'), 'no-store');
  });
});

describe('demo pages', () => {
  const s = serve();

  it('may not be framed by another site and allow only lit’s Trusted Types policy', async () => {
    for (const page of ['/', '/sachbearbeitung.html']) {
      const res = await fetch(`${s.url}${page}`);
      assert.equal(res.status, 200, page);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, page);
      assert.match(csp, /require-trusted-types-for 'script'/, page);
      assert.match(csp, /trusted-types lit-html 'allow-duplicates'/, page);
    }
  });
});
