/**
 * The whole loop as an operator runs it (`node src/server/main.ts` with OZG_SMTP_URL, the sample catalog): the
 * demo application, a request for information, the applicant's reply with a file, while the SMTP server is down;
 * the backend is killed (-9) and started again once the SMTP server is back: every mail arrives exactly once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import exampleApplication from '../../src/server/sample-catalog/example-application.json' with { type: 'json' };
import { key, post, removeDir, tempDir } from './helpers.ts';
import { freePort, startSmtp, type MailSink } from './smtp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEIDE_TREES = 'stadt-heide-bauen-umwelt';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);

function backend(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let text = '';
    const read = (chunk: Buffer) => {
      text += chunk.toString();
      if (/API:/.test(text)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`backend exited (${code}): ${text}`)));
  });
  return { child, ready };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('mail across an SMTP outage and a killed backend', () => {
  it('delivers every mail exactly once after both are back', async () => {
    const dataDir = tempDir();
    const smtpPort = await freePort();
    const port = await freePort();
    const env = {
      OZG_DATA_DIR: dataDir,
      PORT: String(port),
      OZG_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OZG_MAIL_FROM: 'Online-Dienste Dithmarschen <noreply@dithmarschen.example>',
      OZG_INBOX_URL: `http://127.0.0.1:${port}/sachbearbeitung.html`,
    };
    const api = `http://127.0.0.1:${port}/api/v1`;
    let running = backend(env);
    let sink: MailSink | undefined;
    try {
      await running.ready;
      // The demo application (tree felling in Heide) with its photo, while the SMTP server is down.
      const photo = await fetch(
        `${api}/tenants/${exampleApplication.tenantId}/forms/${exampleApplication.formId}/fields/fotos/uploads`,
        { method: 'POST', headers: { 'content-type': 'image/png', 'x-file-name': 'eiche.png' }, body: PNG },
      );
      assert.equal(photo.status, 201);
      const application = {
        ...exampleApplication,
        data: { ...exampleApplication.data, fotos: [await photo.json()] },
      };
      const submitted = await post(`${api}/submissions`, application, { 'idempotency-key': key() });
      assert.equal(submitted.status, 201, await submitted.clone().text());
      const receipt = (await submitted.json()) as { id: string; reference: string; accessCode: string };
      const asked = await post(
        `${api}/authority/submissions/${receipt.id}/events`,
        { type: 'info-requested', message: 'Bitte ein Foto des Baumes nachreichen.' },
        { authorization: `Bearer demo-${HEIDE_TREES}` },
      );
      assert.equal(asked.status, 201);
      const file = await fetch(`${api}/status/${receipt.reference}/files`, {
        method: 'POST',
        headers: {
          'content-type': 'image/png',
          'x-file-name': 'baum.png',
          'x-access-code': receipt.accessCode,
        },
        body: PNG,
      });
      assert.equal(file.status, 201);
      const { uploadId } = (await file.json()) as { uploadId: string };
      const replied = await post(`${api}/status/reply`, {
        idOrReference: receipt.reference,
        accessCode: receipt.accessCode,
        message: 'Foto anbei.',
        files: [uploadId],
      });
      assert.equal(replied.status, 201);
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        mail: { pending: number };
      };
      assert.equal(health.mail.pending, 4, 'receipt, new application, request, reply: all waiting');

      await kill(running.child);
      sink = await startSmtp({ port: smtpPort });
      running = backend(env);
      await running.ready;
      const mails = await sink.waitFor(4, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(mails.length, 4, 'no mail twice');
      const summary = mails.map((m) => `${m.to.join()} ${m.mail.subject?.split(':')[0]}`).sort();
      assert.deepEqual(summary, [
        'erika@example.org Angaben nachgefordert',
        'erika@example.org Eingangsbestätigung',
        'umwelt@heide.example Nachgereichte Angaben eingegangen',
        'umwelt@heide.example Neuer Antrag',
      ]);
      assert.equal(new Set(mails.map((m) => m.mail.messageId)).size, 4);
      const notice = mails.find((m) => m.mail.subject?.startsWith('Neuer Antrag'))!;
      assert.match(
        notice.mail.text ?? '',
        new RegExp(`http://127\\.0\\.0\\.1:${port}/sachbearbeitung\\.html`),
      );
      const receiptMail = mails.find((m) => m.mail.subject?.startsWith('Eingangsbestätigung'))!;
      assert.match(
        receiptMail.mail.text ?? '',
        new RegExp(
          `https://www\\.dithmarschen\\.example/online-dienste/antragsstatus\\?reference=${receipt.reference}`,
        ),
      );
    } finally {
      await kill(running.child);
      await sink?.close();
      removeDir(dataDir);
    }
  });
});
