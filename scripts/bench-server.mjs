// `npm run bench:server`: submissions/s and p99 of POST /api/v1/submissions on loopback (real app, real SQLite
// file with synchronous=FULL in a temp dir), next to a bare Fastify hello-world measured in the same run.
// Writes the `## Server` section of BENCHMARKS.md. BENCH_SECONDS (default 10) bounds each case.
// With a build in dist/, it also weighs what the demo's catalog page downloads, compressed as a browser gets it.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { register } from 'tsx/esm/api';

register();
const { buildApp } = await import('../src/server/app.ts');

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 10;
const catalogDir = fileURLToPath(new URL('../test/server/fixtures/catalog/', import.meta.url));
const body = JSON.stringify({
  tenantId: 'kreis',
  serviceId: 'gewerbe',
  formId: 'gewerbe',
  formVersion: 2,
  lang: 'de',
  // Routed by the place of the business (postal code and town) to Teststadt's trade office.
  data: {
    F100: 'Bäckerei Muster',
    email: 'info@baeckerei.example',
    art: 'neu',
    plz: '25746',
    ort: 'Teststadt',
  },
});

function run(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration: seconds, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

const hello = Fastify({ logger: false });
hello.get('/', async () => ({ hello: 'world' }));
const helloUrl = await hello.listen({ port: 0, host: '127.0.0.1' });
const helloResult = await run({ url: helloUrl });
await hello.close();

const dataDir = mkdtempSync(join(tmpdir(), 'ozg-bench-'));
const app = await buildApp({
  dataDir,
  catalogDir,
  allowDemoKeys: true,
  logLevel: 'warn',
  writesPerMinute: 1e9,
  requestsPerMinute: false,
});
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
const submitResult = await run({
  url: `${appUrl}/api/v1/submissions`,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, 'idempotency-key': `bench-${randomUUID()}` },
      }),
    },
  ],
});
await app.close();
rmSync(dataDir, { recursive: true, force: true });

const row = (name, r) => ({
  name,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx + r.errors,
  total: r.requests.total,
});
const rows = [row('Fastify hello-world (GET)', helloResult), row('POST /api/v1/submissions', submitResult)];
const ratio = rows[1].rps / rows[0].rps;
console.table(rows);
console.log(`submissions/s are ${(ratio * 100).toFixed(1)} % of the hello-world rate`);

/** Bytes of one GET as they travel, with the given Accept-Encoding. */
function weigh(url, encoding) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

// The demo's catalog page (sample catalog): the page, the citizens' bundle and the catalog's API answers.
const widgetsDir = fileURLToPath(new URL('../dist/', import.meta.url));
const page = [];
if (existsSync(join(widgetsDir, 'ozg-widgets.js'))) {
  const demoData = mkdtempSync(join(tmpdir(), 'ozg-bench-'));
  const demo = await buildApp({ dataDir: demoData, widgetsDir, logLevel: 'warn', requestsPerMinute: false });
  const demoUrl = await demo.listen({ port: 0, host: '127.0.0.1' });
  for (const path of [
    '/',
    '/widgets/ozg-widgets.js',
    '/api/v1/tenants/kreis-dithmarschen',
    '/api/v1/tenants/kreis-dithmarschen/services?lang=de',
  ]) {
    page.push({
      path,
      br: await weigh(`${demoUrl}${path}`, 'br, gzip'),
      plain: await weigh(`${demoUrl}${path}`, 'identity'),
    });
  }
  await demo.close();
  rmSync(demoData, { recursive: true, force: true });
}
const kb = (bytes) => (bytes / 1024).toFixed(1);
const pageLines =
  page.length === 0
    ? ['The catalog page was not weighed: run `npm run build` first.', '']
    : [
        "What the demo's catalog page downloads (sample catalog; a browser that accepts brotli, and one that accepts no compression):",
        '',
        '| Resource | brotli (KB) | uncompressed (KB) |',
        '| --- | ---: | ---: |',
        ...page.map((p) => `| \`${p.path}\` | ${kb(p.br)} | ${kb(p.plain)} |`),
        `| **together** | **${kb(page.reduce((n, p) => n + p.br, 0))}** | **${kb(page.reduce((n, p) => n + p.plain, 0))}** |`,
        '',
      ];

const cpu = cpus();
const section = [
  '## Server',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:server\` (autocannon, ${connections} connections, ${seconds} s per case, loopback; ${cpu.length} cores, ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}). Submissions are validated, routed and committed to SQLite (WAL, synchronous=FULL) before the answer; each request has its own Idempotency-Key. The catalog is the test fixture (test/server/fixtures/catalog).`,
  '',
  '| Case | Requests/s | p50 (ms) | p99 (ms) | Errors/non-2xx | Requests |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.total} |`),
  '',
  `Ratio submissions / hello-world: **${(ratio * 100).toFixed(1)} %** (p99 ${rows[1].p99} ms vs ${rows[0].p99} ms).`,
  '',
  'The submission rate is bound by one fsync per commit (durable before the answer) through a single SQLite connection, which runs in its own thread; the hello-world needs no disk. Numbers on a shared machine vary from run to run: compare the ratio.',
  '',
  ...pageLines,
].join('\n');

const file = new URL('../BENCHMARKS.md', import.meta.url);
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
const start = text.indexOf('## Server');
if (start === -1) {
  text = `${text.trimEnd()}\n\n${section}`;
} else {
  const next = text.indexOf('\n## ', start + 1);
  text = text.slice(0, start) + section + (next === -1 ? '' : text.slice(next));
}
writeFileSync(file, text);
console.log('updated BENCHMARKS.md (## Server)');
