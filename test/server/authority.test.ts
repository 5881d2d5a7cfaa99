import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import { Submission, SubmissionPage, type SubmissionReceipt } from '../../src/contract/submission.ts';
import { bearer, gewerbe, key, post, removeDir, start, type Running } from './helpers.ts';

describe('authority API', () => {
  let s: Running;
  let heide: SubmissionReceipt;
  let village: SubmissionReceipt;
  before(async () => {
    s = await start();
    heide = await (await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() })).json();
    village = await (
      await post(`${s.api}/submissions`, gewerbe({}, { plz: '25799', ort: 'Testdorf' }), {
        'idempotency-key': key(),
      })
    ).json();
  });
  after(async () => {
    await s.close();
    removeDir(s.dataDir);
  });

  const list = async (authority: string) =>
    z.parse(
      SubmissionPage,
      await (await fetch(`${s.api}/authority/submissions`, { headers: bearer(authority) })).json(),
    );

  it('refuses a missing or unknown API key with 401', async () => {
    const none = await fetch(`${s.api}/authority/submissions`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const wrong = await fetch(`${s.api}/authority/submissions`, {
      headers: { authorization: 'Bearer demo-nobody' },
    });
    assert.equal(wrong.status, 401);
  });

  it('lists only its own submissions, newest first', async () => {
    const more = await (await post(`${s.api}/submissions`, gewerbe(), { 'idempotency-key': key() })).json();
    const page = await list('heide-ordnung');
    assert.deepEqual(
      page.items.map((i) => i.id),
      [more.id, heide.id],
    );
    assert.deepEqual(
      (await list('amt-umland')).items.map((i) => i.id),
      [village.id],
    );
    const paged = z.parse(
      SubmissionPage,
      await (
        await fetch(`${s.api}/authority/submissions?pageSize=1&page=2`, { headers: bearer('heide-ordnung') })
      ).json(),
    );
    assert.deepEqual(
      paged.items.map((i) => i.id),
      [heide.id],
    );
    assert.equal(paged.total, 2);
  });

  it("cannot read or change another authority's submission (404 as if unknown)", async () => {
    const read = await fetch(`${s.api}/authority/submissions/${village.id}`, {
      headers: bearer('heide-ordnung'),
    });
    assert.equal(read.status, 404);
    const change = await post(
      `${s.api}/authority/submissions/${village.id}/events`,
      { type: 'accepted' },
      bearer('heide-ordnung'),
    );
    assert.equal(change.status, 404);
    const own = await fetch(`${s.api}/authority/submissions/${village.id}`, {
      headers: bearer('amt-umland'),
    });
    const submission = z.parse(Submission, await own.json());
    assert.equal(submission.status, 'submitted');
    assert.equal(submission.data.F100, 'Bäckerei Muster');
  });

  it('appends events; the citizen sees them; a forwarded submission moves to the new authority only', async () => {
    const info = await post(
      `${s.api}/authority/submissions/${village.id}/events`,
      { type: 'info-requested', message: 'Bitte Personalausweis nachreichen.' },
      bearer('amt-umland'),
    );
    assert.equal(info.status, 201);
    const missingMessage = await post(
      `${s.api}/authority/submissions/${village.id}/events`,
      { type: 'rejected' },
      bearer('amt-umland'),
    );
    assert.equal(missingMessage.status, 400);
    assert.equal((await missingMessage.json()).errors[0].pointer, '/message');

    const forward = await post(
      `${s.api}/authority/submissions/${village.id}/events`,
      { type: 'forwarded', toAuthorityId: 'kreis-gewerbe', message: 'Zuständig ist der Kreis.' },
      bearer('amt-umland'),
    );
    assert.equal(forward.status, 201);
    assert.deepEqual(
      (await list('amt-umland')).items.map((i) => i.id),
      [],
    );
    assert.deepEqual(
      (await list('kreis-gewerbe')).items.map((i) => i.id),
      [village.id],
    );
    const status = await (
      await post(`${s.api}/status`, { idOrReference: village.reference, accessCode: village.accessCode })
    ).json();
    assert.equal(status.status, 'forwarded');
    assert.equal(status.authority.id, 'kreis-gewerbe');
    assert.deepEqual(
      status.events.map((e: { type: string }) => e.type),
      ['submitted', 'info-requested', 'forwarded'],
    );
  });

  it('allows no events after a final state', async () => {
    const done = await post(
      `${s.api}/authority/submissions/${heide.id}/events`,
      { type: 'completed' },
      bearer('heide-ordnung'),
    );
    assert.equal(done.status, 201);
    const after = await post(
      `${s.api}/authority/submissions/${heide.id}/events`,
      { type: 'in-progress' },
      bearer('heide-ordnung'),
    );
    assert.equal(after.status, 409);
  });
});
