/**
 * A backend that runs in the browser, for Storybook: it answers the routes of the contract
 * (`src/contract/api.ts`) from the sample catalog the reference backend ships with, and keeps uploads,
 * submissions and status events in memory. Stories show their normal states with real catalog data and
 * real behaviour (search, routing to the responsible authority, validation with the form engine, references,
 * access codes, the status timeline, the authority inbox) without a server.
 *
 * ```ts
 * const backend = fixtureBackend({ latency: 150 });
 * new ApiClient('https://ozg.example.de', { fetch: backend.fetch, xhr: backend.xhr });
 * ```
 *
 * A citizen's reply to a request for information works as on the server: files only while information is requested
 * (409 otherwise), PDF, JPEG or PNG up to 10 MB, at most 10, each used once; the status becomes `info-received` with
 * the message and the files. The authority sees the reply's files in the event and the mails about an application
 * (`notices`), which only seeded applications have: the fixture sends no mail.
 *
 * What it leaves out on purpose: origin checks (CORS), rate limits, the pending-upload limit and the upload rules
 * that guard caseworkers' computers (the magic-number check, file names cleaned and given their type's ending,
 * answers showing the stored file): stories upload well-named sample files. Failures and slow answers are
 * injected per route with the `fail` and `latency` options.
 */
import * as z from 'zod/mini';
import {
  API_BASE,
  Authority,
  Category,
  FINAL_STATUSES,
  FormDefinition,
  Location,
  PROBLEM_CONTENT_TYPE,
  PublicTenant,
  REPLY_FILE_TYPES,
  Responsibility,
  Service,
  ServiceSummary,
  Tenant,
  problemType,
  normalizeAccessCode,
  responsibleFor,
  routes,
  type CategoryCount,
  type FieldError,
  type FileRef,
  type FormAnswers,
  type Lang,
  type Notice,
  type ProblemKind,
  type ReplyRequest,
  type RouteDef,
  type RouteName,
  type Status,
  type StatusEvent,
  type StatusEventRequest,
  type StatusView,
  type Submission,
  type SubmissionReceipt,
  type SubmissionRequest,
  type SubmissionSummary,
} from '../src/contract/index.ts';
import {
  collectFileAnswers,
  compile,
  fileFields,
  routeByPlace,
  typeAccepted,
  type CompiledForm,
} from '../src/forms/index.ts';
import { buildIndex, search, type SearchIndex } from '../src/search/index.ts';
import { findPlaces, findPlacesOutside } from '../src/search/places.ts';
import tenantsJson from '../src/server/sample-catalog/tenants.json' with { type: 'json' };
import authoritiesJson from '../src/server/sample-catalog/authorities.json' with { type: 'json' };
import responsibilitiesJson from '../src/server/sample-catalog/responsibilities.json' with { type: 'json' };
import locationsJson from '../src/server/sample-catalog/locations.json' with { type: 'json' };
import categoriesJson from '../src/server/sample-catalog/categories.json' with { type: 'json' };
import servicesJson from '../src/server/sample-catalog/services.json' with { type: 'json' };
import baumfaellgenehmigungJson from '../src/server/sample-catalog/forms/baumfaellgenehmigung.json' with { type: 'json' };
import gewerbeanmeldungJson from '../src/server/sample-catalog/forms/gewerbeanmeldung.json' with { type: 'json' };
import kleinerWaffenscheinJson from '../src/server/sample-catalog/forms/kleiner-waffenschein.json' with { type: 'json' };
import versammlungsanzeigeJson from '../src/server/sample-catalog/forms/versammlungsanzeige.json' with { type: 'json' };
import exampleApplication from '../src/server/sample-catalog/example-application.json' with { type: 'json' };

/** The sample catalog, checked with the contract as the reference backend checks it on start. */
const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
const catalog = {
  tenants: byId(z.parse(z.array(Tenant), tenantsJson)),
  authorities: byId(z.parse(z.array(Authority), authoritiesJson)),
  responsibilities: z.parse(z.array(Responsibility), responsibilitiesJson),
  locations: z.parse(z.array(Location), locationsJson),
  categories: byId(z.parse(z.array(Category), categoriesJson)),
  services: byId(z.parse(z.array(Service), servicesJson)),
  forms: byId(
    z.parse(z.array(FormDefinition), [
      baumfaellgenehmigungJson,
      gewerbeanmeldungJson,
      kleinerWaffenscheinJson,
      versammlungsanzeigeJson,
    ]),
  ),
};

/** Ids of the sample catalog, for stories and tests. */
export const sampleCatalog = {
  tenants: [...catalog.tenants.keys()],
  authorities: [...catalog.authorities.keys()],
  services: [...catalog.services.keys()],
  forms: [...catalog.forms.keys()],
};

/**
 * How a route fails: an HTTP status (answered as problem details), a status with the seconds of its
 * `Retry-After` header (rate limits), or a network error.
 */
export type Failure = number | { status: number; retryAfter: number } | 'network';

/** Options of {@link fixtureBackend}. */
export interface FixtureOptions {
  /**
   * Delay of every answer in ms, or per route (`{ listServices: 800 }`; other routes answer at once).
   * `Infinity` never answers: the element stays in its loading state.
   */
  latency?: number | Partial<Record<RouteName, number>>;
  /**
   * Routes that fail, e.g. `{ listSubmissions: 503 }`, `{ getStatus: { status: 429, retryAfter: 40 } }` or
   * `{ uploadFile: 'network' }`.
   */
  fail?: Partial<Record<RouteName, Failure>>;
  /**
   * Form definitions of a story (e.g. one with every field type), offered as the form of a sample service:
   * `getForm` answers them, uploads and submissions are checked against them and routed like that service's.
   */
  forms?: { definition: FormDefinition; serviceId: string }[];
  /** The clock (default: the real one). */
  now?: () => Date;
  /**
   * What tenants say about mail (`notifiesByEmail`), as a backend with mail set up would: default false, like the
   * reference backend without mail. The fixture itself never mails anybody.
   */
  notifiesByEmail?: boolean;
}

/** A step of a seeded application: a caseworker's (`by` defaults to the authority handling it then) or the reply. */
export type SeedEvent =
  | (StatusEventRequest & { at: Date; by?: string })
  | {
      type: 'info-received';
      at: Date;
      message?: string;
      /** Files sent with the reply. */
      files?: { name: string; type: string; size?: number }[];
    };

/** A mail about a seeded application (the fixture itself mails nobody). */
export type SeedNotice = Pick<Notice, 'audience' | 'about' | 'state'> & { at: Date; sentAt?: Date };

/** An application put into the backend before a story starts, as a citizen and caseworkers would have. */
export interface SeedApplication {
  tenant: string;
  serviceId: string;
  lang?: Lang;
  /** The answers; checked with the form and routed by its place of the matter like a real submission. */
  data: FormAnswers;
  /** Files uploaded for top-level file fields (the answers of those fields are filled in). */
  files?: { fieldId: string; name: string; type: string; size?: number }[];
  /** When the citizen submitted it. */
  at: Date;
  /** What caseworkers (and the citizen, replying) did afterwards, in order. */
  events?: SeedEvent[];
  /** Mails about it and whether they reached the mail server (e.g. a receipt that `failed`). */
  notices?: SeedNotice[];
}

/** The backend: `fetch` and `xhr` go straight into `ApiClientOptions`. */
export interface FixtureBackend {
  /** Answers every JSON route. */
  fetch: typeof fetch;
  /** Creates the XMLHttpRequest stand-in the API client uploads files with. */
  xhr: () => XMLHttpRequest;
  /** Stores an application with its history; resolves with the receipt (reference, access code …). */
  seed(application: SeedApplication): SubmissionReceipt;
}

/** A refusal a handler throws; becomes problem details. */
class Refusal extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly status: number,
    detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}
const notFound = (detail: string) => new Refusal('not-found', 404, detail);
const invalid = (detail: string, errors?: FieldError[]) => new Refusal('validation', 400, detail, errors);

const NO_SERVICE = 'Diese Leistung gibt es hier nicht. / This service is not offered here.';
const NO_SUBMISSION = 'Antrag nicht gefunden. / Submission not found.';
const NO_AUTHORITY =
  'Für diesen Ort ist keine zuständige Stelle hinterlegt. / No responsible authority for this place.';
const STATUS_NOT_FOUND =
  'Kein Antrag passt zu diesen Angaben. Bitte Aktenzeichen und Zugangscode prüfen. / No application matches these details. Please check the reference and access code.';
const NOT_REQUESTED =
  'Zu diesem Antrag werden gerade keine Angaben nachgefordert. / No information is requested for this application.';
/** The reference backend's default upload limit. */
const MAX_REPLY_FILE_BYTES = 10 * 1024 * 1024;

/** The uploaded file's name from `X-File-Name` (URI-encoded), without any path; 400 when there is none. */
function fileName(headers: Headers): string {
  let name = headers.get('X-File-Name') ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // An undecodable name is kept as sent.
  }
  name = name.split(/[\\/]/).pop()!.trim();
  if (name === '') {
    throw invalid('Dateiname fehlt. / File name missing.', [
      { pointer: '/headers/X-File-Name', detail: 'Dateiname fehlt. / File name missing.', code: 'required' },
    ]);
  }
  return name;
}

/** No 0/O, 1/I/L: codes are read from paper and typed by hand (as the reference backend does). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function randomCode(length: number, alphabet = CODE_ALPHABET): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

interface StoredUpload {
  ref: FileRef;
  tenant: string;
  formId: string;
  fieldId: string;
  content: Blob;
  submissionId?: string;
  /** For a file of a reply: the submission it was uploaded for (`submissionId` is set once the reply is sent). */
  replyFor?: string;
}

interface StoredSubmission {
  id: string;
  reference: string;
  accessCode: string;
  tenantId: string;
  serviceId: string;
  formId: string;
  formVersion: number;
  ars: string;
  lang: Lang;
  authorityId: string;
  status: Status;
  data: FormAnswers;
  createdAt: string;
  updatedAt: string;
  files: string[];
  events: StatusEvent[];
  notices: Notice[];
}

interface Call {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Headers;
  raw: Blob | undefined;
}
type Answer = { body: unknown; headers?: Record<string, string> } | Blob;

const compiledForms = new WeakMap<FormDefinition, CompiledForm>();
const compiled = (form: FormDefinition) => {
  let out = compiledForms.get(form);
  if (!out) compiledForms.set(form, (out = compile(form)));
  return out;
};

/** Creates a fixture backend with its own, empty store. */
export function fixtureBackend(options: FixtureOptions = {}): FixtureBackend {
  const now = options.now ?? (() => new Date());
  const extraForms = new Map(
    (options.forms ?? []).map(({ definition, serviceId }) => [
      definition.id,
      { definition: { ...definition, serviceId }, serviceId },
    ]),
  );
  const uploads = new Map<string, StoredUpload>();
  const submissions = new Map<string, StoredSubmission>();
  const counters = new Map<string, number>();
  const idempotency = new Map<string, { request: string; receipt: SubmissionReceipt }>();
  const indexes = new Map<string, SearchIndex<Service>>();

  const tenantOf = (id: string) => {
    const tenant = catalog.tenants.get(id);
    if (!tenant) throw notFound('Unbekannter Mandant. / Unknown tenant.');
    return tenant;
  };
  const offeredServices = (tenant: Tenant) =>
    tenant.services.map((id) => catalog.services.get(id)).filter((s): s is Service => s !== undefined);
  const formById = (id: string) => extraForms.get(id)?.definition ?? catalog.forms.get(id);
  /** Whether a form is the form of a service (its own, or a story's form standing in for it). */
  const formOfService = (formId: string, serviceId: string) =>
    catalog.services.get(serviceId)?.formId === formId || extraForms.get(formId)?.serviceId === serviceId;
  const authorityOf = (id: string) => {
    const authority = catalog.authorities.get(id);
    if (!authority) throw new Error(`Authority ${id} is not in the sample catalog`);
    return authority;
  };
  const serviceName = (id: string) => catalog.services.get(id)?.name ?? { de: id };
  const placeNameOf = (ars: string) => {
    const placeName = catalog.locations.find((l) => l.ars === ars)?.name;
    return placeName === undefined ? {} : { placeName };
  };

  /** The signed-in authority: demo keys are `demo-<authority id>`, as the reference backend's sample. */
  function authenticate(headers: Headers) {
    const match = /^Bearer demo-(\S+)$/.exec(headers.get('Authorization') ?? '');
    const authority = match ? catalog.authorities.get(match[1]!) : undefined;
    if (!authority)
      throw new Refusal(
        'unauthorized',
        401,
        'API-Schlüssel fehlt oder ist unbekannt. / API key missing or unknown.',
      );
    return authority;
  }

  function storeUpload(
    tenantId: string,
    formId: string,
    fieldId: string,
    name: string,
    type: string,
    content: Blob,
  ): FileRef {
    const tenant = tenantOf(tenantId);
    const form = formById(formId);
    const offered = tenant.services.some((id) => formOfService(formId, id));
    const field = form && offered ? fileFields(form).get(fieldId) : undefined;
    if (!field) throw notFound('Dieses Dateifeld gibt es nicht. / No such file field.');
    if (content.size === 0) {
      throw invalid('Die Datei ist leer. / The file is empty.', [
        { pointer: '/body', detail: 'Die Datei ist leer. / The file is empty.', code: 'empty' },
      ]);
    }
    if (!typeAccepted(type, field.accept)) {
      throw new Refusal(
        'unsupported-media-type',
        415,
        `Dieser Dateityp ist hier nicht erlaubt (erlaubt: ${(field.accept ?? []).join(', ')}). / This file type is not accepted here.`,
      );
    }
    if (field.maxSize !== undefined && content.size > field.maxSize) {
      throw new Refusal(
        'payload-too-large',
        413,
        `Die Datei ist zu groß (höchstens ${field.maxSize} Bytes). / The file is too large (at most ${field.maxSize} bytes).`,
      );
    }
    const ref: FileRef = {
      uploadId: randomCode(24, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      name,
      size: content.size,
      type,
    };
    uploads.set(ref.uploadId, { ref, tenant: tenantId, formId, fieldId, content });
    return ref;
  }

  /** Stores a submission made at `at`; dates in the answers are checked against `today` (default: the browser's). */
  function submit(body: SubmissionRequest, at: Date, today?: string): SubmissionReceipt {
    const tenant = catalog.tenants.get(body.tenantId);
    if (!tenant) {
      throw invalid('Unbekannter Mandant. / Unknown tenant.', [
        { pointer: '/tenantId', detail: 'Unbekannter Mandant. / Unknown tenant.', code: 'unknown' },
      ]);
    }
    if (!tenant.services.includes(body.serviceId)) {
      throw invalid(NO_SERVICE, [
        { pointer: '/serviceId', detail: 'Unbekannte Leistung. / Unknown service.', code: 'unknown' },
      ]);
    }
    const form = formById(body.formId);
    if (!form || !formOfService(form.id, body.serviceId)) {
      throw invalid(
        'Das Formular gehört nicht zu dieser Leistung. / The form does not belong to this service.',
        [{ pointer: '/formId', detail: 'Falsches Formular. / Wrong form.', code: 'mismatch' }],
      );
    }
    if (form.version !== body.formVersion) {
      throw new Refusal(
        'conflict',
        409,
        `Das Formular wurde geändert (jetzt Version ${form.version}). / The form has changed (now version ${form.version}).`,
      );
    }
    const result = compiled(form).validate(body.data, { lang: body.lang, ...(today ? { today } : {}) });
    if (!result.ok) {
      throw invalid(
        'Bitte die markierten Angaben prüfen. / Please check the marked answers.',
        result.errors.map((e) => ({ ...e, pointer: `/data${e.pointer}` })),
      );
    }
    // As the backend: the place of the matter in the answers decides, a sent `ars` is ignored.
    const routed = routeByPlace(catalog, body.serviceId, form, result.data, body.lang);
    if (!routed.ok) throw invalid(NO_AUTHORITY, [routed.error]);
    const responsible = routed.responsibility;
    const fileIds: string[] = [];
    const fileErrors: FieldError[] = [];
    for (const { field, pointer, refs } of collectFileAnswers(form, result.data)) {
      refs.forEach((ref, i) => {
        const upload = uploads.get(String(ref?.uploadId));
        const ok =
          upload &&
          upload.tenant === tenant.id &&
          upload.formId === form.id &&
          upload.fieldId === field.id &&
          upload.submissionId === undefined &&
          !fileIds.includes(upload.ref.uploadId);
        if (ok) fileIds.push(upload.ref.uploadId);
        else
          fileErrors.push({
            pointer: `/data${pointer}/${i}`,
            detail: 'Datei nicht gefunden. Bitte erneut hochladen. / File not found. Please upload again.',
            code: 'unknown_file',
          });
      });
    }
    if (fileErrors.length > 0)
      throw invalid('Bitte die Dateien prüfen. / Please check the files.', fileErrors);

    const year = at.getUTCFullYear();
    const counterKey = `${tenant.referencePrefix}-${year}`;
    const sequence = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, sequence);
    const stamp = at.toISOString();
    const stored: StoredSubmission = {
      id: crypto.randomUUID(),
      reference: `${counterKey}-${String(sequence).padStart(6, '0')}`,
      accessCode: randomCode(16),
      tenantId: tenant.id,
      serviceId: body.serviceId,
      formId: form.id,
      formVersion: form.version,
      ars: routed.location.ars,
      lang: body.lang,
      authorityId: responsible.authorityId,
      status: 'submitted',
      data: result.data,
      createdAt: stamp,
      updatedAt: stamp,
      files: fileIds,
      events: [{ type: 'submitted', at: stamp, authorityId: responsible.authorityId }],
      notices: [],
    };
    submissions.set(stored.id, stored);
    for (const id of fileIds) uploads.get(id)!.submissionId = stored.id;
    return {
      id: stored.id,
      reference: stored.reference,
      accessCode: stored.accessCode,
      status: 'submitted',
      createdAt: stamp,
      authority: authorityOf(stored.authorityId),
    };
  }

  function append(authorityId: string, id: string, request: StatusEventRequest, at: Date): StatusEvent {
    const stored = submissions.get(id);
    if (!stored || stored.authorityId !== authorityId) throw notFound(NO_SUBMISSION);
    if (request.type === 'forwarded') {
      const target =
        request.toAuthorityId === undefined ? undefined : catalog.authorities.get(request.toAuthorityId);
      const problem = !target
        ? 'Unbekannte Stelle. / Unknown authority.'
        : target.id === authorityId
          ? 'Weiterleitung an sich selbst. / Cannot forward to yourself.'
          : undefined;
      if (problem) throw invalid(problem, [{ pointer: '/toAuthorityId', detail: problem, code: 'invalid' }]);
    }
    if (FINAL_STATUSES.includes(stored.status))
      throw new Refusal('conflict', 409, 'Der Antrag ist abgeschlossen. / The submission is closed.');
    const handler = request.type === 'forwarded' ? request.toAuthorityId! : authorityId;
    const event: StatusEvent = { type: request.type, at: at.toISOString(), authorityId: handler };
    if (request.type === 'forwarded') event.fromAuthorityId = authorityId;
    const message = request.message?.trim();
    if (message) event.message = message;
    stored.events.push(event);
    stored.status = request.type;
    stored.authorityId = handler;
    stored.updatedAt = event.at;
    return event;
  }

  /** The application a citizen opens with reference (or id) and access code; wrong and unknown alike: 404. */
  function byCredentials(idOrReference: string, accessCode: string): StoredSubmission {
    const wanted = idOrReference.trim();
    const stored = [...submissions.values()].find((s) => s.id === wanted || s.reference === wanted);
    if (!stored || stored.accessCode !== normalizeAccessCode(accessCode)) throw notFound(STATUS_NOT_FOUND);
    return stored;
  }

  function viewOf(stored: StoredSubmission): StatusView {
    return {
      reference: stored.reference,
      status: stored.status,
      serviceName: serviceName(stored.serviceId),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      authority: authorityOf(stored.authorityId),
      events: stored.events.map((e) => ({
        type: e.type,
        at: e.at,
        authorityName: authorityOf(e.authorityId).name,
        ...(e.message !== undefined ? { message: e.message } : {}),
        ...(e.files ? { files: e.files.map(({ name, size }) => ({ name, size })) } : {}),
      })),
    };
  }

  /** Keeps one file of a reply, checked as the reference backend checks it (but for the magic number). */
  function storeReplyUpload(stored: StoredSubmission, name: string, type: string, content: Blob): FileRef {
    if (stored.status !== 'info-requested') throw new Refusal('conflict', 409, NOT_REQUESTED);
    if (content.size === 0) {
      throw invalid('Die Datei ist leer. / The file is empty.', [
        { pointer: '/body', detail: 'Die Datei ist leer. / The file is empty.', code: 'empty' },
      ]);
    }
    if (!(REPLY_FILE_TYPES as readonly string[]).includes(type)) {
      throw new Refusal(
        'unsupported-media-type',
        415,
        'Erlaubt sind PDF, JPEG und PNG. / Only PDF, JPEG and PNG are accepted.',
      );
    }
    if (content.size > MAX_REPLY_FILE_BYTES) {
      throw new Refusal('payload-too-large', 413, 'Die Datei ist zu groß. / The file is too large.');
    }
    const ref: FileRef = {
      uploadId: randomCode(24, 'abcdefghijklmnopqrstuvwxyz0123456789'),
      name,
      size: content.size,
      type,
    };
    uploads.set(ref.uploadId, {
      ref,
      tenant: stored.tenantId,
      formId: '',
      fieldId: '',
      content,
      replyFor: stored.id,
    });
    return ref;
  }

  /** The citizen's reply: only while information is requested; each file of this application, used once. */
  function reply(
    stored: StoredSubmission,
    message: string | undefined,
    uploadIds: readonly string[],
    at: Date,
  ) {
    if (stored.status !== 'info-requested') throw new Refusal('conflict', 409, NOT_REQUESTED);
    const usable = (id: string, i: number) => {
      const upload = uploads.get(id);
      return (
        upload?.replyFor === stored.id && upload.submissionId === undefined && uploadIds.indexOf(id) === i
      );
    };
    if (!uploadIds.every(usable)) {
      throw invalid(
        'Eine Datei wurde nicht gefunden. Bitte erneut hochladen. / A file was not found. Please upload it again.',
        [{ pointer: '/files', detail: 'Datei nicht gefunden. / File not found.', code: 'unknown_file' }],
      );
    }
    const event: StatusEvent = {
      type: 'info-received',
      at: at.toISOString(),
      authorityId: stored.authorityId,
    };
    const text = message?.trim();
    if (text) event.message = text;
    if (uploadIds.length > 0) {
      event.files = uploadIds.map((id) => {
        const upload = uploads.get(id)!;
        upload.submissionId = stored.id;
        return upload.ref;
      });
    }
    stored.events.push(event);
    stored.status = 'info-received';
    stored.updatedAt = event.at;
  }

  function summaryOf(s: StoredSubmission): SubmissionSummary {
    return {
      id: s.id,
      reference: s.reference,
      serviceId: s.serviceId,
      serviceName: serviceName(s.serviceId),
      tenantId: s.tenantId,
      ars: s.ars,
      ...placeNameOf(s.ars),
      status: s.status,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    };
  }

  function ownSubmission(headers: Headers, id: string | undefined) {
    const authority = authenticate(headers);
    const stored = id === undefined ? undefined : submissions.get(id);
    if (!stored || stored.authorityId !== authority.id) throw notFound(NO_SUBMISSION);
    return stored;
  }

  const handlers: Record<RouteName, (call: Call) => Answer> = {
    getTenant: ({ params }) => ({
      body: {
        ...z.parse(PublicTenant, tenantOf(params.tenant!)),
        notifiesByEmail: options.notifiesByEmail ?? false,
      },
    }),

    listServices: ({ params, query }) => {
      const tenant = tenantOf(params.tenant!);
      const lang: Lang = query.lang === 'en' ? 'en' : 'de';
      const all = offeredServices(tenant);
      const q = (query.q ?? '').trim();
      let matches = all;
      if (q !== '') {
        const key = `${tenant.id}\n${lang}`;
        let index = indexes.get(key);
        if (!index) indexes.set(key, (index = buildIndex(all, lang)));
        matches = search(index, q).items;
      }
      const counts = new Map<string, number>();
      for (const s of matches) for (const c of s.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
      const categories: CategoryCount[] = [...catalog.categories.values()]
        .filter((c) => counts.has(c.id))
        .map((c) => ({ id: c.id, name: c.name, count: counts.get(c.id)! }));
      const services = (
        query.category ? matches.filter((s) => s.categories.includes(query.category!)) : matches
      ).map((s) => z.parse(ServiceSummary, s));
      return { body: { services, categories, total: services.length } };
    },

    listCategories: ({ params }) => {
      const used = new Set(offeredServices(tenantOf(params.tenant!)).flatMap((s) => s.categories));
      return { body: { categories: [...catalog.categories.values()].filter((c) => used.has(c.id)) } };
    },

    getService: ({ params }) => {
      const tenant = tenantOf(params.tenant!);
      const service = catalog.services.get(params.serviceId!);
      if (!service || !tenant.services.includes(service.id)) throw notFound(NO_SERVICE);
      return { body: service };
    },

    getResponsible: ({ params, query }) => {
      const tenant = tenantOf(params.tenant!);
      const serviceId = params.serviceId!;
      if (!tenant.services.includes(serviceId)) throw notFound(NO_SERVICE);
      const found = responsibleFor(catalog.responsibilities, serviceId, query.ars!);
      if (!found) {
        throw notFound(
          'Für diesen Ort ist keine zuständige Stelle hinterlegt. / No responsible authority is known for this place.',
        );
      }
      return {
        body: {
          serviceId,
          ars: query.ars,
          arsPrefix: found.arsPrefix,
          authority: authorityOf(found.authorityId),
        },
      };
    },

    getFormResponsible: ({ params, query }) => {
      const tenant = tenantOf(params.tenant!);
      const form = formById(params.formId!);
      const serviceId = tenant.services.find(
        (id) =>
          form && formOfService(form.id, id) && (query.serviceId === undefined || id === query.serviceId),
      );
      if (!form?.routing || !serviceId) throw notFound('Formular nicht gefunden. / Form not found.');
      const data: FormAnswers = {
        [form.routing.postalCode]: query.postalCode ?? '',
        [form.routing.place]: query.place ?? '',
      };
      const lang: Lang = query.lang === 'en' ? 'en' : 'de';
      if (!/^\d{5}$/.test(query.postalCode ?? '')) {
        throw invalid('Ungültige Anfrage. / Invalid request.', [
          { pointer: '/query/postalCode', detail: 'Fünf Ziffern. / Five digits.', code: 'pattern' },
        ]);
      }
      const routed = routeByPlace(catalog, serviceId, form, data, lang);
      if (!routed.ok) throw invalid(NO_AUTHORITY, [routed.error]);
      const { location, responsibility } = routed;
      return {
        body: {
          ars: location.ars,
          placeName: location.name,
          arsPrefix: responsibility.arsPrefix,
          authority: authorityOf(responsibility.authorityId),
        },
      };
    },

    searchLocations: ({ params, query }) => {
      const area = tenantOf(params.tenant!).ars;
      const locations = findPlaces(catalog.locations, area, query.q!);
      const outside = locations.length ? [] : findPlacesOutside(catalog.locations, area, query.q!);
      return { body: outside.length ? { locations, outside } : { locations } };
    },

    getForm: ({ params }) => {
      const form = formById(params.formId!);
      if (!form) throw notFound('Formular nicht gefunden. / Form not found.');
      return { body: form };
    },

    uploadFile: ({ params, headers, raw }) => {
      const name = fileName(headers);
      const type = (headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      return {
        body: storeUpload(params.tenant!, params.formId!, params.fieldId!, name, type, raw ?? new Blob()),
      };
    },

    createSubmission: ({ body, headers }) => {
      const key = headers.get('Idempotency-Key') ?? '';
      if (!/^[A-Za-z0-9_.:-]{16,128}$/.test(key)) {
        throw invalid('Idempotency-Key fehlt oder ist ungültig. / Idempotency-Key missing or invalid.', [
          {
            pointer: '/headers/Idempotency-Key',
            detail: '16–128 Zeichen / 16–128 characters',
            code: 'required',
          },
        ]);
      }
      const request = JSON.stringify(body);
      const earlier = idempotency.get(key);
      if (earlier) {
        if (earlier.request !== request) {
          throw new Refusal(
            'conflict',
            409,
            'Dieser Idempotency-Key wurde schon für einen anderen Antrag verwendet. / This Idempotency-Key was used for another request.',
          );
        }
        return { body: earlier.receipt, headers: { 'Idempotent-Replayed': 'true' } };
      }
      const receipt = submit(body as SubmissionRequest, now());
      idempotency.set(key, { request, receipt });
      return { body: receipt };
    },

    getStatus: ({ body }) => {
      const { idOrReference, accessCode } = body as { idOrReference: string; accessCode: string };
      return { body: viewOf(byCredentials(idOrReference, accessCode)) };
    },

    uploadReplyFile: ({ params, headers, raw }) => {
      const stored = byCredentials(params.reference!, headers.get('X-Access-Code') ?? '');
      const type = (headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { body: storeReplyUpload(stored, fileName(headers), type, raw ?? new Blob()) };
    },

    replyToRequest: ({ body }) => {
      const request = body as ReplyRequest;
      const stored = byCredentials(request.idOrReference, request.accessCode);
      reply(stored, request.message, request.files ?? [], now());
      return { body: viewOf(stored) };
    },

    getOwnAuthority: ({ headers }) => ({ body: authenticate(headers) }),

    listAuthorities: ({ headers }) => {
      authenticate(headers);
      return { body: { authorities: [...catalog.authorities.values()] } };
    },

    listSubmissions: ({ headers, query }) => {
      const authority = authenticate(headers);
      const page = Number(query.page ?? '1');
      const pageSize = Number(query.pageSize ?? '20');
      const own = [...submissions.values()]
        .filter((s) => s.authorityId === authority.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.reference.localeCompare(a.reference));
      const items = own.slice((page - 1) * pageSize, page * pageSize).map(summaryOf);
      return { body: { items, total: own.length, page, pageSize } };
    },

    getSubmission: ({ headers, params }) => {
      const s = ownSubmission(headers, params.id);
      const body: Submission = {
        ...summaryOf(s),
        formId: s.formId,
        formVersion: s.formVersion,
        lang: s.lang,
        authorityId: s.authorityId,
        data: s.data,
        files: s.files.map((id) => uploads.get(id)!.ref),
        events: s.events,
        notices: s.notices,
      };
      return { body };
    },

    getSubmissionFile: ({ headers, params }) => {
      const s = ownSubmission(headers, params.id);
      // The form's files and those of replies sent: both belong to the application.
      const upload = uploads.get(params.uploadId!);
      if (!upload || upload.submissionId !== s.id) throw notFound(NO_SUBMISSION);
      return upload.content;
    },

    appendStatusEvent: ({ headers, params, body }) => ({
      body: append(authenticate(headers).id, params.id!, body as StatusEventRequest, now()),
    }),
  };

  /** Answers one request: finds the route, checks it with the contract, runs its handler. */
  async function answer(
    method: string,
    url: URL,
    headers: Headers,
    read: () => Promise<Blob>,
  ): Promise<Response> {
    const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : '';
    const found = matchRoute(method, path);
    if (!found) return problemResponse(notFound('Unbekannte Adresse. / Unknown address.'));
    const { name, route, params } = found;
    try {
      const query = Object.fromEntries(url.searchParams);
      checkPart(route.params, params, '/params');
      checkPart(route.query, query, '/query');
      const raw = route.body !== undefined ? await read() : undefined;
      let body: unknown;
      if (route.body !== undefined && route.body !== 'raw') {
        try {
          body = JSON.parse(await raw!.text()) as unknown;
        } catch {
          throw invalid('Kein gültiges JSON. / Not valid JSON.');
        }
        body = checkPart(route.body, body, '');
      }
      const out = handlers[name]({
        params,
        query,
        body,
        headers,
        raw: route.body === 'raw' ? raw : undefined,
      });
      if (out instanceof Blob) {
        return new Response(out, {
          status: 200,
          headers: { 'Content-Type': out.type || 'application/octet-stream' },
        });
      }
      return new Response(JSON.stringify(out.body), {
        status: route.status,
        headers: { 'Content-Type': 'application/json', ...out.headers },
      });
    } catch (error) {
      if (error instanceof Refusal) return problemResponse(error);
      throw error;
    }
  }

  /** Waits the configured latency of a route and applies its injected failure. */
  async function delayOrFail(
    url: URL,
    method: string,
    signal: AbortSignal | null | undefined,
  ): Promise<Response | undefined> {
    const path = url.pathname.startsWith(API_BASE) ? url.pathname.slice(API_BASE.length) : '';
    const name = matchRoute(method, path)?.name;
    const latency =
      typeof options.latency === 'number' ? options.latency : name ? options.latency?.[name] : undefined;
    if (latency) await wait(latency, signal);
    const failure = name ? options.fail?.[name] : undefined;
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (failure !== undefined) {
      const { status, retryAfter } =
        typeof failure === 'number' ? { status: failure, retryAfter: undefined } : failure;
      const kind: ProblemKind =
        status === 404 ? 'not-found' : status === 429 ? 'rate-limited' : 'unavailable';
      const response = problemResponse(
        new Refusal(kind, status, 'Eingestellter Fehler. / Injected failure.'),
      );
      if (retryAfter !== undefined) response.headers.set('Retry-After', String(retryAfter));
      return response;
    }
    return undefined;
  }

  const fixtureFetchFn: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const failed = await delayOrFail(url, request.method, init?.signal ?? request.signal);
    return failed ?? answer(request.method, url, request.headers, () => request.blob());
  };

  function seed(application: SeedApplication): SubmissionReceipt {
    const service = catalog.services.get(application.serviceId);
    const formId = service?.formId;
    if (!service || !formId)
      throw new Error(`Service ${application.serviceId} has no form in the sample catalog`);
    const data: FormAnswers = { ...application.data };
    for (const file of application.files ?? []) {
      const content = new Blob([new Uint8Array(file.size ?? 1024)], { type: file.type });
      const ref = storeUpload(application.tenant, formId, file.fieldId, file.name, file.type, content);
      data[file.fieldId] = [...((data[file.fieldId] as FileRef[] | undefined) ?? []), ref];
    }
    const receipt = submit(
      {
        tenantId: application.tenant,
        serviceId: service.id,
        formId,
        formVersion: catalog.forms.get(formId)!.version,
        lang: application.lang ?? 'de',
        data,
      },
      application.at,
      // The answers were checked on the day they were submitted (a planned date may have passed since).
      application.at.toISOString().slice(0, 10),
    );
    const stored = submissions.get(receipt.id)!;
    for (const event of application.events ?? []) {
      if (event.type === 'info-received') {
        const ids = (event.files ?? []).map(
          (file) =>
            storeReplyUpload(
              stored,
              file.name,
              file.type,
              new Blob([new Uint8Array(file.size ?? 1024)], { type: file.type }),
            ).uploadId,
        );
        reply(stored, event.message, ids, event.at);
      } else {
        const { at, by, ...request } = event;
        append(by ?? stored.authorityId, receipt.id, request, at);
      }
    }
    stored.notices = (application.notices ?? []).map(({ at, sentAt, ...notice }) => ({
      ...notice,
      createdAt: at.toISOString(),
      ...(sentAt ? { sentAt: sentAt.toISOString() } : {}),
    }));
    return { ...receipt, status: stored.status };
  }

  return {
    fetch: fixtureFetchFn,
    xhr: () => new FixtureXhr(fixtureFetchFn) as unknown as XMLHttpRequest,
    seed,
  };
}

/** A `fetch` answered by a fresh {@link fixtureBackend} (uploads need its `xhr` as well). */
export function fixtureFetch(options?: FixtureOptions): typeof fetch {
  return fixtureBackend(options).fetch;
}

const routeTable = (Object.entries(routes) as [RouteName, RouteDef][]).map(([name, route]) => ({
  name,
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

function matchRoute(method: string, path: string) {
  for (const { name, route, pattern } of routeTable) {
    const match = route.method === method ? pattern.exec(path) : null;
    if (match) {
      const params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
      );
      return { name, route, params };
    }
  }
  return undefined;
}

/** Parses a part of the request with its schema; a mismatch is a validation problem like the server's. */
function checkPart(schema: z.ZodMiniType | 'raw' | undefined, value: unknown, prefix: string): unknown {
  if (schema === undefined || schema === 'raw') return value;
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw invalid(
    'Ungültige Angaben. / Invalid request.',
    result.error.issues.map((issue) => ({
      pointer:
        prefix + issue.path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
      detail: issue.message,
      code: issue.code,
    })),
  );
}

function problemResponse(refusal: Refusal): Response {
  const body = {
    type: problemType(refusal.kind),
    title: refusal.kind,
    status: refusal.status,
    detail: refusal.message,
    ...(refusal.errors && refusal.errors.length > 0 ? { errors: refusal.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: refusal.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE },
  });
}

function wait(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    // `Infinity` (and anything beyond what a timer holds) never answers, until aborted.
    const timer = Number.isFinite(ms) && ms < 2 ** 31 ? setTimeout(resolve, ms) : undefined;
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Just enough of XMLHttpRequest for the API client's uploads, answered by the fixture's `fetch`. */
class FixtureXhr extends EventTarget {
  readonly upload = new EventTarget();
  status = 0;
  responseText = '';
  timeout = 0;
  #method = 'GET';
  #url = '';
  #headers = new Headers();
  #response: Response | undefined;
  #abort = new AbortController();

  constructor(readonly answer: typeof fetch) {
    super();
  }

  open(method: string, url: string): void {
    this.#method = method;
    this.#url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.#headers.set(name, value);
  }

  getResponseHeader(name: string): string | null {
    return this.#response?.headers.get(name) ?? null;
  }

  send(body: Blob): void {
    void (async () => {
      try {
        const response = await this.answer(this.#url, {
          method: this.#method,
          headers: this.#headers,
          body,
          signal: this.#abort.signal,
        });
        const size = body.size;
        this.upload.dispatchEvent(
          new ProgressEvent('progress', { loaded: size, total: size, lengthComputable: true }),
        );
        this.#response = response;
        this.status = response.status;
        this.responseText = await response.text();
        this.dispatchEvent(new Event('load'));
      } catch {
        if (!this.#abort.signal.aborted) this.dispatchEvent(new Event('error'));
      }
    })();
  }

  abort(): void {
    this.#abort.abort();
    this.dispatchEvent(new Event('abort'));
  }
}

/** A tree felling permit from Heide (the sample form `baumfaellgenehmigung`, with a photo), to seed stories. */
export function treeFellingFromHeide(at: Date, more: Partial<SeedApplication> = {}): SeedApplication {
  return {
    tenant: exampleApplication.tenantId,
    serviceId: exampleApplication.serviceId,
    at,
    data: {
      ...exampleApplication.data,
      baeume: [
        { baumart: 'Stieleiche', stammumfang: 180, grund: 'krank' },
        { baumart: 'Birke', stammumfang: 90, grund: 'gefahr' },
      ],
      faelltermin: '2027-02-15',
    },
    files: [{ fieldId: 'fotos', name: 'eiche-von-sueden.jpg', type: 'image/jpeg', size: 482_133 }],
    ...more,
  };
}
