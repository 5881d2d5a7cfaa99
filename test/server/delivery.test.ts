/**
 * How the widgets and the API travel: the build's brotli and gzip copies go to browsers that accept them, hashed
 * chunks are cached for a year and the stable bundle names briefly (revalidated by ETag), JSON answers above 1 KB
 * are compressed. Real server, raw HTTP requests (fetch would hide the encoding).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { SAMPLE_CATALOG_DIR } from '../../src/server/app.ts';
import { removeDir, start, tempDir, type Running } from './helpers.ts';

/** One GET with the given headers: status, headers and the raw (still encoded) body. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('delivery of widgets and answers', () => {
  let s: Running;
  let widgetsDir: string;
  const bundle = Buffer.from(`export const widgets = ${JSON.stringify('x'.repeat(5000))};\n`);
  before(async () => {
    widgetsDir = tempDir('ozg-widgets-');
    writeFileSync(join(widgetsDir, 'ozg-widgets.js'), bundle);
    writeFileSync(join(widgetsDir, 'ozg-widgets.js.br'), brotliCompressSync(bundle));
    writeFileSync(join(widgetsDir, 'ozg-widgets.js.gz'), gzipSync(bundle));
    mkdirSync(join(widgetsDir, 'chunks'));
    writeFileSync(join(widgetsDir, 'chunks', 'fields-Sm5Z5b0c.js'), 'export {};\n');
    s = await start({ widgetsDir });
  });
  after(async () => {
    await s.close();
    removeDir(s.dataDir);
    removeDir(widgetsDir);
  });

  it('sends the precompressed bundle to browsers that accept brotli or gzip, and the plain one otherwise', async () => {
    const br = await get(`${s.url}/widgets/ozg-widgets.js`, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers['vary']), /accept-encoding/i);
    assert.deepEqual(brotliDecompressSync(br.body), bundle);
    assert.ok(br.body.length < bundle.length / 10, 'compressed');

    const gz = await get(`${s.url}/widgets/ozg-widgets.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), bundle);

    const plain = await get(`${s.url}/widgets/ozg-widgets.js`);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.body, bundle);
    assert.equal(plain.headers['access-control-allow-origin'], '*');
  });

  it('caches hashed chunks for a year and the stable bundle name briefly, revalidated by its ETag', async () => {
    const chunk = await get(`${s.url}/widgets/chunks/fields-Sm5Z5b0c.js`);
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    const stable = await get(`${s.url}/widgets/ozg-widgets.js`, { 'accept-encoding': 'br' });
    assert.equal(stable.headers['cache-control'], 'public, max-age=300, must-revalidate');
    const etag = String(stable.headers['etag']);
    assert.ok(etag.length > 2);
    const again = await get(`${s.url}/widgets/ozg-widgets.js`, {
      'accept-encoding': 'br',
      'if-none-match': etag,
    });
    assert.equal(again.status, 304);
  });

  it('compresses JSON answers above 1 KB', async () => {
    const sample = await start({ catalogDir: SAMPLE_CATALOG_DIR });
    try {
      const list = await get(`${sample.api}/tenants/kreis-dithmarschen/services`, {
        'accept-encoding': 'br',
      });
      assert.equal(list.status, 200);
      assert.equal(list.headers['content-encoding'], 'br');
      assert.equal(JSON.parse(brotliDecompressSync(list.body).toString('utf8')).services.length, 15);
      const small = await get(`${sample.api}/tenants/kreis-dithmarschen`, { 'accept-encoding': 'br' });
      assert.equal(small.status, 200);
      assert.equal(small.headers['content-encoding'], undefined);
    } finally {
      await sample.close();
      removeDir(sample.dataDir);
    }
  });
});
