/**
 * The applicant answers a request for information online: files and a message with reference and access code,
 * only while information is requested; the caseworker sees the reply with its files and is notified.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, gewerbe, key, post, removeDir, start, type Running } from './helpers.ts';
import { startSmtp, type MailSink } from './smtp.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PDF = Buffer.from('%PDF-1.7\n%…\n');

interface Receipt {
  id: string;
  reference: string;
  accessCode: string;
}

describe('replying to a request for information', () => {
  let sink: MailSink;
  let s: Running;
  before(async () => {
    sink = await startSmtp();
    s = await start({
      mail: {
        smtpUrl: sink.url,
        from: 'Dienste <noreply@dienste.example>',
        timings: { retryBaseMs: 100, pollMs: 50 },
      },
    });
  });
  after(async () => {
    await s.close();
    removeDir(s.dataDir);
    await sink.close();
  });

  const submit = async (): Promise<Receipt> => {
    const response = await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() });
    assert.equal(response.status, 201);
    return (await response.json()) as Receipt;
  };
  const requestInfo = async (id: string) => {
    const response = await post(
      `${s.api}/authority/submissions/${id}/events`,
      { type: 'info-requested', message: 'Bitte den Mietvertrag schicken.' },
      bearer('heide-ordnung'),
    );
    assert.equal(response.status, 201);
  };
  const upload = (r: Receipt, bytes: Buffer, type: string, name: string, code = r.accessCode) =>
    fetch(`${s.api}/status/${r.reference}/files`, {
      method: 'POST',
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name), 'x-access-code': code },
      body: new Uint8Array(bytes),
    });
  const reply = (r: Receipt, body: Record<string, unknown>) =>
    post(`${s.api}/status/reply`, { idOrReference: r.reference, accessCode: r.accessCode, ...body });
  const submission = async (id: string) =>
    (await (
      await fetch(`${s.api}/authority/submissions/${id}`, { headers: bearer('heide-ordnung') })
    ).json()) as {
      status: string;
      files: unknown[];
      events: { type: string; message?: string; files?: { uploadId: string; name: string }[] }[];
    };

  it('takes a message and files, moves to info-received and notifies the authority', async () => {
    const start = sink.received.length;
    const r = await submit();
    await requestInfo(r.id);
    // Receipt, new-application notice, the request to the applicant.
    await sink.waitFor(start + 3);
    const png = await upload(r, PNG, 'image/png', 'Mietvertrag Seite 1.png');
    assert.equal(png.status, 201, await png.clone().text());
    const pdf = await upload(r, PDF, 'application/pdf', 'Vertrag');
    assert.equal(pdf.status, 201);
    const files = [(await png.json()) as { uploadId: string }, (await pdf.json()) as { uploadId: string }];
    const mailsBefore = sink.received.length;

    const answered = await reply(r, {
      message: '  Anbei der Vertrag.  ',
      files: files.map((f) => f.uploadId),
    });
    assert.equal(answered.status, 201, await answered.clone().text());
    const view = (await answered.json()) as {
      status: string;
      events: { type: string; at: string; message?: string; files?: unknown }[];
    };
    assert.equal(view.status, 'info-received');
    assert.deepEqual(view.events.at(-1), {
      type: 'info-received',
      at: view.events.at(-1)!.at,
      authorityName: { de: 'Stadt – Ordnungsamt' },
      message: 'Anbei der Vertrag.',
      files: [
        { name: 'Mietvertrag Seite 1.png', size: PNG.length },
        { name: 'Vertrag.pdf', size: PDF.length },
      ],
    });

    const seen = await submission(r.id);
    assert.equal(seen.status, 'info-received');
    assert.equal(seen.files.length, 0, "the reply's files are not the form's");
    const event = seen.events.at(-1)!;
    assert.equal(event.message, 'Anbei der Vertrag.');
    assert.deepEqual(
      event.files?.map((f) => f.name),
      ['Mietvertrag Seite 1.png', 'Vertrag.pdf'],
    );
    const download = await fetch(
      `${s.api}/authority/submissions/${r.id}/files/${event.files![0]!.uploadId}`,
      {
        headers: bearer('heide-ordnung'),
      },
    );
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);

    const [notice] = (await sink.waitFor(mailsBefore + 1)).slice(mailsBefore);
    assert.deepEqual(notice!.to, ['antraege-ordnung@heide.example']);
    assert.equal(
      notice!.mail.subject,
      `Nachgereichte Angaben eingegangen: Gewerbe anmelden (${r.reference})`,
    );
    assert.match(notice!.mail.text ?? '', /geantwortet \(2 Dateien\)/);
    assert.ok(!String(notice!.mail.text).includes('Vertrag'), 'no reply content in the notice');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sink.received.length, mailsBefore + 1, 'the applicant gets no mail about their own reply');

    // Answered: closed until the caseworker asks again; the caseworker goes on as usual.
    const again = await reply(r, { message: 'Noch etwas.' });
    assert.equal(again.status, 409);
    assert.equal((await upload(r, PNG, 'image/png', 'x.png')).status, 409);
    const next = await post(
      `${s.api}/authority/submissions/${r.id}/events`,
      { type: 'accepted' },
      bearer('heide-ordnung'),
    );
    assert.equal(next.status, 201);
  });

  it('is closed before information is requested, and for a wrong access code looks like an unknown one', async () => {
    const r = await submit();
    assert.equal((await reply(r, { message: 'Hallo' })).status, 409);
    assert.equal((await upload(r, PNG, 'image/png', 'a.png')).status, 409);
    await requestInfo(r.id);
    const wrong = await upload(r, PNG, 'image/png', 'a.png', 'WRONGCODE1234567');
    assert.equal(wrong.status, 404);
    const unknown = await post(`${s.api}/status/reply`, {
      idOrReference: 'DI-2000-999999',
      accessCode: r.accessCode,
      message: 'x',
    });
    assert.equal(unknown.status, 404);
    assert.deepEqual(
      ((await wrong.json()) as { detail: string }).detail,
      ((await unknown.json()) as { detail: string }).detail,
    );
    // The access code as people write it: grouped, lower case.
    const grouped = r.accessCode.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    assert.equal((await upload(r, PNG, 'image/png', 'a.png', grouped)).status, 201);
  });

  it("checks files as the form does and takes no other application's upload", async () => {
    const r = await submit();
    await requestInfo(r.id);
    const text = await upload(r, Buffer.from('hello'), 'text/plain', 'notiz.txt');
    assert.equal(text.status, 415);
    const fakePdf = await upload(r, Buffer.from('<html>'), 'application/pdf', 'rechnung.pdf');
    assert.equal(fakePdf.status, 415);
    assert.match(((await fakePdf.json()) as { detail: string }).detail, /Inhalt passt nicht/);
    assert.equal((await upload(r, Buffer.alloc(0), 'image/png', 'leer.png')).status, 400);

    const empty = await reply(r, { message: '   ' });
    assert.equal(empty.status, 400);

    const other = await submit();
    await requestInfo(other.id);
    const foreign = (await (await upload(other, PNG, 'image/png', 'b.png')).json()) as { uploadId: string };
    const stolen = await reply(r, { message: 'mit fremder Datei', files: [foreign.uploadId] });
    assert.equal(stolen.status, 400);
    assert.equal((await submission(r.id)).status, 'info-requested', 'nothing stored');
    const twice = await reply(other, { files: [foreign.uploadId, foreign.uploadId] });
    assert.equal(twice.status, 400);
    const ok = await reply(other, { files: [foreign.uploadId] });
    assert.equal(ok.status, 201, 'a reply of files alone');
  });
});
