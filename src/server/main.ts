/** Starts the reference backend from environment variables (see docs/operators.md). */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { SAMPLE_CATALOG_DIR, buildApp, parseTrustProxy } from './app.ts';
import { CatalogError } from './catalog.ts';
import { DataDirError } from './db.ts';
import { MailSettingsError } from './mail/outbox.ts';
import { sha256Hex } from './security.ts';

const env = process.env;
const port = Number(env.PORT ?? 8080);
// This machine only, unless the operator says otherwise: the sample catalog's demo keys are public, so a
// plain `npm start` must not open the inbox to the network. Behind a proxy on another host, set HOST.
const host = env.HOST || '127.0.0.1';
/** Listening on every interface (the unspecified address), so anyone who can reach the machine can connect. */
const everyInterface = ['0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0'].includes(host);
const dataDir = resolve(env.OZG_DATA_DIR ?? './data');
const catalogDir = env.OZG_CATALOG_DIR ? resolve(env.OZG_CATALOG_DIR) : SAMPLE_CATALOG_DIR;
/** A positive whole number, else undefined (the default applies). */
const positive = (value: string | undefined) => {
  const n = Number(value);
  return value && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

try {
  const app = await buildApp({
    dataDir,
    catalogDir,
    corsOrigins: (env.OZG_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
    maxUploadBytes: positive(env.OZG_MAX_UPLOAD_BYTES),
    maxPendingUploadBytes: positive(env.OZG_MAX_PENDING_UPLOAD_BYTES),
    statusPerMinute: positive(env.OZG_STATUS_PER_MINUTE),
    writesPerMinute: positive(env.OZG_WRITES_PER_MINUTE),
    requestTimeoutMs: (positive(env.OZG_REQUEST_TIMEOUT_SECONDS) ?? 120) * 1000,
    trustProxy: parseTrustProxy(env.OZG_TRUST_PROXY),
    allowDemoKeys: env.OZG_ALLOW_DEMO_KEYS === '1',
    mail: env.OZG_SMTP_URL
      ? { smtpUrl: env.OZG_SMTP_URL, from: env.OZG_MAIL_FROM ?? '', inboxUrl: env.OZG_INBOX_URL || undefined }
      : undefined,
  });
  await app.listen({ port, host });
  // The port actually bound (PORT=0 picks a free one); an IPv6 address goes in brackets.
  const bound = (app.server.address() as AddressInfo).port;
  const name = everyInterface ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${name}:${bound}`;
  const lines = [
    '',
    `  Demo:     ${base}/`,
    `  API:      ${base}/api/v1`,
    `  OpenAPI:  ${base}/api/v1/openapi.json`,
    `  Widgets:  ${base}/widgets/ozg-widgets.js (citizens), ${base}/widgets/ozg-caseworker.js (inbox)`,
  ];
  if (env.OZG_SMTP_URL) {
    // Never the password: only where mail goes.
    const smtp = new URL(env.OZG_SMTP_URL);
    lines.push(`  Mail:     ${smtp.protocol}//${smtp.host} (from ${env.OZG_MAIL_FROM})`);
  } else {
    lines.push('  Mail:     off (set OZG_SMTP_URL and OZG_MAIL_FROM to send receipts and notices)');
  }
  // Public keys (`demo-<authorityId>`, authority ids are public): the sample catalog's, or another catalog's
  // with OZG_ALLOW_DEMO_KEYS=1.
  const demoKeys = new Set(
    app.catalog.apiKeys
      .filter((k) => k.hash.toString('hex') === sha256Hex(`demo-${k.authorityId}`))
      .map((k) => `demo-${k.authorityId}`),
  );
  if (demoKeys.size > 0) {
    const which = catalogDir === SAMPLE_CATALOG_DIR ? 'sample data only' : 'OZG_ALLOW_DEMO_KEYS=1';
    lines.push('', `  Demo authority API keys (public, ${which}):`);
    for (const key of demoKeys) lines.push(`    ${key}`);
    if (everyInterface) {
      lines.push(
        '',
        `  Note:     HOST=${host} listens on every network interface, and the demo keys above are public:`,
        "            anyone who can reach this machine can open the authorities' inbox with them. Leave HOST",
        '            unset (127.0.0.1, this machine only), or use a catalog with real keys (docs/operators.md).',
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      void app.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  if (error instanceof CatalogError) {
    process.stderr.write(`Invalid catalog (${catalogDir}):\n${error.message}\n`);
  } else if (error instanceof MailSettingsError) {
    process.stderr.write(`Start failed: ${error.message}\n`);
  } else if (error instanceof DataDirError) {
    process.stderr.write(
      `Start failed: ${error.message}\n(The data directory is OZG_DATA_DIR, default ./data.)\n`,
    );
  } else {
    process.stderr.write(`Start failed: ${(error as Error).message}\n`);
  }
  process.exit(1);
}
