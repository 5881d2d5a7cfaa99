/**
 * Mail through a real SMTP server: the applicant's receipt and notices, the authority's notices, the durable
 * outbox (retries after an outage, nothing twice after a restart, permanent failures shown to the caseworker).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/server/app.ts';
import { MailSettingsError } from '../../src/server/mail/outbox.ts';
import {
  FIXTURE_CATALOG,
  bearer,
  gewerbe,
  key,
  post,
  removeDir,
  rowCount,
  start,
  tempDir,
  type Running,
} from './helpers.ts';
import { freePort, startSmtp, type MailSink } from './smtp.ts';

const FROM = '"Online-Dienste Test" <noreply@dienste.example>';
const FAST = { retryBaseMs: 150, maxRetryMs: 400, pollMs: 50 };
const CITIZEN = 'info@baeckerei.example';
const AUTHORITY = 'antraege-ordnung@heide.example';

async function submit(
  s: Running,
  overrides: Record<string, unknown> = {},
  data: Record<string, unknown> = {},
) {
  const response = await post(`${s.api}/submissions`, gewerbe(overrides, data), { 'idempotency-key': key() });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string; reference: string; accessCode: string };
}

async function appendEvent(s: Running, id: string, body: Record<string, unknown>) {
  const response = await post(`${s.api}/authority/submissions/${id}/events`, body, bearer('heide-ordnung'));
  assert.equal(response.status, 201, await response.clone().text());
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const health = async (s: Running) =>
  (await (await fetch(`${s.url}/healthz`)).json()) as {
    status: string;
    mail?: { pending: number; failed: number; oldestPendingAt?: string };
  };

describe('mail after submitting', () => {
  let sink: MailSink;
  let s: Running;
  before(async () => {
    sink = await startSmtp();
    s = await start({
      mail: { smtpUrl: sink.url, from: FROM, inboxUrl: 'https://intranet.dienste.example/', timings: FAST },
    });
  });
  after(async () => {
    await s.close();
    removeDir(s.dataDir);
    await sink.close();
  });

  it('sends the applicant a receipt and the authority a notice, without any answer', async () => {
    const start = sink.received.length;
    const receipt = await submit(s, { tenantId: 'heide' }, { F100: 'Bäckerei <b>Geheim</b> & Söhne' });
    const mails = (await sink.waitFor(start + 2)).slice(start);
    const toCitizen = mails.find((m) => m.to.includes(CITIZEN));
    const toAuthority = mails.find((m) => m.to.includes(AUTHORITY));
    assert.ok(toCitizen && toAuthority, JSON.stringify(mails.map((m) => m.to)));

    const citizen = toCitizen.mail;
    assert.equal(citizen.subject, `Eingangsbestätigung: Gewerbe anmelden (${receipt.reference})`);
    assert.match(citizen.from?.text ?? '', /noreply@dienste\.example/);
    assert.match(citizen.text ?? '', new RegExp(`Aktenzeichen: ${receipt.reference}`));
    assert.match(citizen.text ?? '', /Stadt – Ordnungsamt, Teststraße 2, 25746 Heide/);
    // The tenant's status page with the reference filled in, never the access code.
    assert.match(
      citizen.text ?? '',
      new RegExp(`https://www\\.heide\\.example/status\\?reference=${receipt.reference}`),
    );
    assert.match(String(citizen.html), /<a href="https:\/\/www\.heide\.example\/status\?reference=/);
    assert.equal(citizen.headers.get('auto-submitted'), 'auto-generated');
    assert.match(citizen.messageId ?? '', /^<[0-9a-f-]{36}@dienste\.example>$/);

    const authority = toAuthority.mail;
    assert.equal(authority.subject, `Neuer Antrag: Gewerbe anmelden (${receipt.reference})`);
    assert.match(authority.text ?? '', /https:\/\/intranet\.heide\.example\/antraege/);

    for (const { mail } of [toCitizen, toAuthority]) {
      const all = `${mail.subject}\n${mail.text}\n${String(mail.html)}`;
      for (const secret of ['Geheim', 'Bäckerei', receipt.accessCode, CITIZEN.split('@')[0]!]) {
        assert.ok(!all.includes(secret), `a mail contains "${secret}"`);
      }
    }
    assert.ok(!String(authority.text).includes(CITIZEN), 'the authority notice names the applicant');
  });

  it('tells the applicant about the status changes that concern them, in their language, escaped', async () => {
    const receipt = await submit(s, { lang: 'en' });
    await sink.waitFor(sink.received.length + 2);
    const before = sink.received.length;
    await appendEvent(s, receipt.id, { type: 'in-progress' });
    await appendEvent(s, receipt.id, {
      type: 'info-requested',
      message: 'Please send the <script>alert(1)</script> lease & plan.',
    });
    const mails = (await sink.waitFor(before + 1)).slice(before);
    assert.equal(mails.length, 1, 'in-progress is not mailed');
    const mail = mails[0]!.mail;
    assert.deepEqual(mails[0]!.to, [CITIZEN]);
    assert.equal(mail.subject, `Information requested: Register a business (${receipt.reference})`);
    assert.match(mail.text ?? '', /> Please send the <script>alert\(1\)<\/script> lease & plan\./);
    assert.match(String(mail.html), /&lt;script&gt;alert\(1\)&lt;\/script&gt; lease &amp; plan/);
    assert.ok(!String(mail.html).includes('<script>'));
    // No status page for this tenant: the mail says where to look instead.
    assert.match(mail.text ?? '', /on the website where you applied/);

    await appendEvent(s, receipt.id, { type: 'rejected', message: 'Not allowed here.' });
    const [rejected] = (await sink.waitFor(before + 2)).slice(before + 1);
    assert.equal(rejected!.mail.subject, `Application rejected: Register a business (${receipt.reference})`);
    assert.match(rejected!.mail.text ?? '', /> Not allowed here\./);
  });

  it('tells both sides when an application is forwarded, the new authority in German', async () => {
    const receipt = await submit(s);
    await sink.waitFor(sink.received.length + 2);
    const before = sink.received.length;
    await appendEvent(s, receipt.id, { type: 'forwarded', toAuthorityId: 'kreis-natur' });
    const mails = (await sink.waitFor(before + 2)).slice(before);
    const citizen = mails.find((m) => m.to.includes(CITIZEN))!.mail;
    const authority = mails.find((m) => m.to.includes('natur@kreis.example'))!.mail;
    assert.equal(citizen.subject, `Antrag weitergeleitet: Gewerbe anmelden (${receipt.reference})`);
    assert.match(citizen.text ?? '', /Kreis – Untere Naturschutzbehörde/);
    assert.equal(authority.subject, `Antrag an Sie weitergeleitet: Gewerbe anmelden (${receipt.reference})`);
    assert.match(authority.text ?? '', /Stadt – Ordnungsamt hat einen Online-Antrag an Sie weitergeleitet/);
    // The operator's inbox link where the catalog sets none for the authority.
    assert.match(authority.text ?? '', /https:\/\/intranet\.dienste\.example\//);
  });

  it('mails only the authority for a form without a contact field, and says in public that it mails', async () => {
    const tenant = (await (await fetch(`${s.api}/tenants/kreis`)).json()) as { notifiesByEmail?: boolean };
    assert.equal(tenant.notifiesByEmail, true);
    const before = sink.received.length;
    await submit(s, {
      serviceId: 'baumfaellung',
      formId: 'baum',
      formVersion: 1,
      data: { plz: '25746', ort: 'Teststadt', anzahl: 2 },
    });
    const mails = (await sink.waitFor(before + 1)).slice(before);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(
      sink.received.slice(before).map((m) => m.to),
      [['natur@kreis.example']],
    );
    assert.equal(mails[0]!.mail.subject?.startsWith('Neuer Antrag: '), true);
  });

  it('reports the outbox in the health check', async () => {
    await until(async () => (await health(s)).mail?.pending === 0);
    const h = await health(s);
    assert.equal(h.status, 'ok');
    assert.deepEqual(h.mail, { pending: 0, failed: 0 });
  });
});

describe('the outbox', () => {
  it('delays mail while the SMTP server is down and sends each mail once when it is back', async () => {
    const port = await freePort();
    const s = await start({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timings: FAST } });
    let sink: MailSink | undefined;
    try {
      const receipt = await submit(s);
      await until(async () => rowCount(s.dataDir, 'outbox') === 2);
      // Tried and failed at least once: still pending, and the health check says so.
      await until(async () => {
        const h = await health(s);
        return h.status === 'ok' && h.mail?.pending === 2 && h.mail.oldestPendingAt !== undefined;
      });
      sink = await startSmtp({ port });
      const mails = await sink.waitFor(2);
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(mails.length, 2, 'each mail once');
      assert.match(mails[0]!.mail.subject ?? '', new RegExp(receipt.reference));
      assert.deepEqual((await health(s)).mail, { pending: 0, failed: 0 });
    } finally {
      await s.close();
      removeDir(s.dataDir);
      await sink?.close();
    }
  });

  it('sends nothing again after a restart, and what was left before it', async () => {
    const sink = await startSmtp();
    const dataDir = tempDir();
    const options = { dataDir, mail: { smtpUrl: sink.url, from: FROM, timings: FAST } };
    try {
      let s = await start(options);
      await submit(s);
      await sink.waitFor(2);
      await s.close();
      // Mail written by a server that stopped before sending it (here: written straight into the outbox).
      s = await start({ ...options, mail: { ...options.mail, smtpUrl: 'smtp://127.0.0.1:1' } });
      await submit(s);
      await s.close();
      s = await start(options);
      await sink.waitFor(4);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(sink.received.length, 4, 'the two sent before the restart are not sent again');
      await s.close();
    } finally {
      removeDir(dataDir);
      await sink.close();
    }
  });

  it('gives up a mail the SMTP server refuses for good, and the caseworker sees it', async () => {
    const sink = await startSmtp({
      server: {
        onRcptTo(address, _session, done) {
          if (address.address === CITIZEN) {
            const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
            return done(error);
          }
          done();
        },
      },
    });
    const s = await start({ mail: { smtpUrl: sink.url, from: FROM, timings: FAST } });
    try {
      const receipt = await submit(s, { tenantId: 'heide' });
      await sink.waitFor(1);
      await until(async () => (await health(s)).mail?.failed === 1);
      const response = await fetch(`${s.api}/authority/submissions/${receipt.id}`, {
        headers: bearer('heide-ordnung'),
      });
      const submission = (await response.json()) as {
        notices: { audience: string; about: string; state: string }[];
      };
      assert.deepEqual(
        submission.notices
          .map(({ audience, about, state }) => ({ audience, about, state }))
          .sort((a, b) => a.audience.localeCompare(b.audience)),
        [
          { audience: 'authority', about: 'submitted', state: 'sent' },
          { audience: 'citizen', about: 'submitted', state: 'failed' },
        ],
      );
      assert.ok(!JSON.stringify(submission.notices).includes('@'), 'no address in the notices');
    } finally {
      await s.close();
      removeDir(s.dataDir);
      await sink.close();
    }
  });

  it('logs in and upgrades to TLS when the SMTP server offers STARTTLS', async () => {
    const sink = await startSmtp({
      server: {
        disabledCommands: [],
        allowInsecureAuth: false,
        authOptional: false,
        onAuth(auth, _session, done) {
          if (auth.username === 'dienste' && auth.password === 'geh:eim')
            return done(null, { user: 'dienste' });
          done(new Error('Invalid login'));
        },
      },
    });
    // The test server's certificate is self-signed; an operator's would be trusted.
    const url = `smtp://dienste:${encodeURIComponent('geh:eim')}@127.0.0.1:${sink.port}?requireTLS=true&tls.rejectUnauthorized=false`;
    const s = await start({ mail: { smtpUrl: url, from: FROM, timings: FAST } });
    try {
      await submit(s);
      const [first] = await sink.waitFor(2);
      assert.equal(first!.secure, true);
      assert.equal(first!.user, 'dienste');
    } finally {
      await s.close();
      removeDir(s.dataDir);
      await sink.close();
    }
  });
});

describe('mail settings', () => {
  it('sends nothing and promises nothing without OZG_SMTP_URL', async () => {
    const s = await start();
    try {
      const tenant = (await (await fetch(`${s.api}/tenants/kreis`)).json()) as { notifiesByEmail?: boolean };
      assert.equal(tenant.notifiesByEmail, false);
      await submit(s);
      assert.equal(rowCount(s.dataDir, 'outbox'), 0);
      assert.equal((await health(s)).mail, undefined);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  it('refuses settings that cannot work, with a reason for the operator', async () => {
    const dataDir = tempDir();
    try {
      const build = (mail: { smtpUrl: string; from: string; inboxUrl?: string }) =>
        buildApp({ dataDir, catalogDir: FIXTURE_CATALOG, allowDemoKeys: true, logLevel: 'silent', mail });
      await assert.rejects(build({ smtpUrl: 'smtp://127.0.0.1:25', from: '' }), (error: Error) => {
        assert.ok(error instanceof MailSettingsError);
        assert.match(error.message, /OZG_MAIL_FROM/);
        return true;
      });
      await assert.rejects(build({ smtpUrl: 'http://mail.example', from: FROM }), /smtp:\/\/ or smtps:\/\//);
      await assert.rejects(build({ smtpUrl: 'mail.example', from: FROM }), /OZG_SMTP_URL is no URL/);
      await assert.rejects(
        build({ smtpUrl: 'smtp://127.0.0.1:25', from: FROM, inboxUrl: 'javascript:alert(1)' }),
        /OZG_INBOX_URL/,
      );
    } finally {
      removeDir(dataDir);
    }
  });
});
