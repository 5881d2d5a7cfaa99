/**
 * Real applications for the status and inbox tests: a tree felling permit in Heide (handled by the Stadt Heide,
 * Bauen und Umwelt) with one photo, submitted through the API client as `<ozg-form>` would.
 */
import { ApiClient } from '../../src/client/index.ts';
import { SubmissionRequest, type SubmissionReceipt } from '../../src/contract/submission.ts';
import exampleApplication from '../../src/server/sample-catalog/example-application.json' with { type: 'json' };
import type { TestBackend } from './backend.ts';
import { SAMPLE_FORM_VERSION } from './answers.ts';

/** The authority that handles tree felling in Heide, and its demo key. */
export const HEIDE_TREES = 'stadt-heide-bauen-umwelt';
/** The Kreis authority for tree felling elsewhere: a forwarding target. */
export const KREIS_TREES = 'kreis-dithmarschen-naturschutz';
/** The Kreis's weapons authority: its inbox belongs to the race tests alone (see `submitWeaponsLicence`). */
export const KREIS_WEAPONS = 'kreis-dithmarschen-waffenbehoerde';
/** An authority that never handles these applications. */
export const KREIS_CARS = 'kreis-dithmarschen-zulassung';
/** The demo API key of an authority (see the sample catalog's README). */
export const demoKey = (authorityId: string): string => `demo-${authorityId}`;

/** The bytes of the photo: a PNG signature and a few more bytes, so the backend accepts it as a PNG. */
export const PHOTO_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

/** Uploads a small PNG for a file field and submits the application with it, as `<ozg-form>` does. */
async function submitWithPng(
  backend: TestBackend,
  file: { formId: string; fieldId: string; name: string },
  request: (upload: unknown) => unknown,
): Promise<SubmissionReceipt> {
  const api = new ApiClient(backend.endpoint);
  const upload = await api.upload(
    { tenant: backend.tenant, formId: file.formId, fieldId: file.fieldId },
    Object.assign(new Blob([PHOTO_BYTES], { type: 'image/png' }), { name: file.name }),
  );
  return api.request('createSubmission', {
    idempotencyKey: crypto.randomUUID(),
    body: SubmissionRequest.parse(request(upload)),
  });
}

/** Submits a tree felling permit for Heide and returns the receipt (reference, access code …). */
export async function submitTreeFelling(backend: TestBackend, tree = 'Eiche'): Promise<SubmissionReceipt> {
  const file = { formId: 'baumfaellgenehmigung', fieldId: 'fotos', name: 'baum.png' };
  return submitWithPng(backend, file, (photo) => ({
    ...exampleApplication,
    tenantId: backend.tenant,
    data: {
      ...exampleApplication.data,
      baeume: [{ ...exampleApplication.data.baeume[0]!, baumart: tree }],
      fotos: [photo],
    },
  }));
}

/**
 * Submits a „Kleiner Waffenschein“ from Brunsbüttel (handled by the Kreis's weapons authority) with its ID scan.
 * No other test uses that inbox, so tests that page through it or act on its newest entry are not disturbed by
 * test files running at the same time.
 */
export async function submitWeaponsLicence(
  backend: TestBackend,
  familienname = 'Mustermann',
): Promise<SubmissionReceipt> {
  const file = { formId: 'kleiner-waffenschein', fieldId: 'ausweis', name: 'ausweis.png' };
  return submitWithPng(backend, file, (ausweis) => ({
    tenantId: backend.tenant,
    serviceId: 'kleiner-waffenschein',
    formId: 'kleiner-waffenschein',
    formVersion: SAMPLE_FORM_VERSION,
    lang: 'de',
    data: {
      vorname: 'Erika',
      familienname,
      geburtsdatum: '1980-05-17',
      geburtsort: 'Brunsbüttel',
      staatsangehoerigkeit: 'deutsch',
      strasse: 'Koogstraße 1',
      plz: '25541',
      ort: 'Brunsbüttel',
      email: 'erika@example.org',
      frueherer_wohnsitz: 'nein',
      verfahren: 'nein',
      ausweis: [ausweis],
      richtigkeit: true,
    },
  }));
}

/** Appends a status event as a caseworker would, through the API. */
export async function caseworker(
  backend: TestBackend,
  authorityId: string,
  submissionId: string,
  event: { type: 'in-progress' | 'info-requested' | 'accepted' | 'rejected' | 'completed'; message?: string },
): Promise<void> {
  await new ApiClient(backend.endpoint, { apiKey: demoKey(authorityId) }).request('appendStatusEvent', {
    params: { id: submissionId },
    body: event,
  });
}

/** The caseworker asks the applicant for more (status `info-requested`), through the API. */
export async function requestInformation(
  backend: TestBackend,
  receipt: SubmissionReceipt,
  message = 'Bitte reichen Sie ein Foto des ganzen Baumes nach.',
): Promise<void> {
  await caseworker(backend, receipt.authority.id, receipt.id, { type: 'info-requested', message });
}

/** The applicant answers a request for information through the API (as another tab of theirs would). */
export async function replyAsApplicant(
  backend: TestBackend,
  receipt: SubmissionReceipt,
  message: string,
): Promise<void> {
  await new ApiClient(backend.endpoint).request('replyToRequest', {
    body: { idOrReference: receipt.reference, accessCode: receipt.accessCode, message },
  });
}
