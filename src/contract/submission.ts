/**
 * Submissions and their status.
 *
 * Status model, aligned with FIT-Connect (see README for the full mapping):
 *
 * | our status       | event type       | FIT-Connect state / event                   |
 * |------------------|------------------|---------------------------------------------|
 * | `submitted`      | `submitted`      | submitted (submit-submission)               |
 * | `forwarded`      | `forwarded`      | forwarded (forward-submission)              |
 * | `in-progress`    | `in-progress`    | submitted/forwarded, no own state (ours)    |
 * | `info-requested` | `info-requested` | submitted/forwarded, no own state (ours)    |
 * | `info-received`  | `info-received`  | submitted/forwarded, no own state (ours)    |
 * | `accepted`       | `accepted`       | accepted (accept-submission)                |
 * | `rejected`       | `rejected`       | rejected (reject-submission, RFC 7807)      |
 * | `completed`      | `completed`      | accepted, then closed (ours)                |
 */
import * as z from 'zod/mini';
import { Ars, Id, Lang, LocalizedText, Timestamp, named } from './common.ts';
import { Authority } from './catalog.ts';
import { FileRef, FormAnswers } from './form-definition.ts';

export const STATUSES = [
  'submitted',
  'forwarded',
  'in-progress',
  'info-requested',
  'info-received',
  'accepted',
  'rejected',
  'completed',
] as const;
export const Status = named(z.enum(STATUSES), 'Status', 'The state of a submission.');
export type Status = z.infer<typeof Status>;

/** States after which nothing more happens. */
export const FINAL_STATUSES: readonly Status[] = ['rejected', 'completed'];

/** A reference such as `DI-2026-000123`: tenant prefix, year, sequence. */
export const Reference = z.string().check(z.regex(/^[A-Z]{2,4}-\d{4}-\d{6}$/));

/** The random code the citizen needs to see the status. */
export const AccessCode = z.string().check(z.regex(/^[A-Za-z0-9]{8,64}$/));

/**
 * An access code as typed or copied: the confirmation shows it in groups of four, people write it with dashes or in
 * lower case; all of that is the same code. Browser and backend compare codes only in this form.
 */
export function normalizeAccessCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export const SubmissionRequest = named(
  z.object({
    tenantId: Id,
    serviceId: Id,
    formId: Id,
    formVersion: z.int().check(z.gte(1)),
    /**
     * Ignored, kept so that older clients are still accepted: the server derives the Gemeinde from the answers of
     * the form's routing fields (the place of the matter) and routes by it alone.
     */
    ars: z.optional(Ars),
    /** Language the citizen used; messages to them are sent in it. */
    lang: Lang,
    data: FormAnswers,
  }),
  'SubmissionRequest',
  'A completed application. Sent with an `Idempotency-Key` header.',
);
export type SubmissionRequest = z.infer<typeof SubmissionRequest>;

/** Public view of an authority, as shown to citizens. */
export const SubmissionReceipt = named(
  z.object({
    id: z.string(),
    reference: Reference,
    /** Shown once; the citizen needs it with the reference to see the status. */
    accessCode: AccessCode,
    status: Status,
    createdAt: Timestamp,
    authority: Authority,
  }),
  'SubmissionReceipt',
  'The answer to a submission: what the citizen needs to follow it.',
);
export type SubmissionReceipt = z.infer<typeof SubmissionReceipt>;

/** Problem shapes of a rejection (RFC 7807 as in FIT-Connect). */
export const RejectionProblem = named(
  z.object({
    type: z.string(),
    title: z.string(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
  }),
  'RejectionProblem',
);

export const EVENT_TYPES = STATUSES;
export const StatusEvent = named(
  z.object({
    type: Status,
    at: Timestamp,
    /** The authority that handles the submission after this event. */
    authorityId: Id,
    /** For `forwarded`: the authority that forwarded it. */
    fromAuthorityId: z.optional(Id),
    /** Caseworker's message to the citizen (plain text): what is needed, why it was rejected … */
    message: z.optional(z.string().check(z.maxLength(4000))),
    problems: z.optional(z.array(RejectionProblem)),
    /** For `info-received`: the files the citizen sent with the reply. */
    files: z.optional(z.array(FileRef)),
  }),
  'StatusEvent',
  'One step in the life of a submission.',
);
export type StatusEvent = z.infer<typeof StatusEvent>;

/** What a caseworker may append. */
export const StatusEventRequest = named(
  z
    .object({
      type: z.enum(['in-progress', 'info-requested', 'forwarded', 'accepted', 'rejected', 'completed']),
      message: z.optional(z.string().check(z.maxLength(4000))),
      /** Required for `forwarded`. */
      toAuthorityId: z.optional(Id),
    })
    .check(
      z.refine((e) => e.type !== 'forwarded' || e.toAuthorityId !== undefined, {
        message: 'toAuthorityId is required when forwarding',
        path: ['toAuthorityId'],
      }),
      z.refine(
        (e) =>
          (e.type !== 'info-requested' && e.type !== 'rejected') ||
          (e.message !== undefined && e.message.trim() !== ''),
        { message: 'a message is required for info-requested and rejected', path: ['message'] },
      ),
    ),
  'StatusEventRequest',
  'A status change made by the handling authority.',
);
export type StatusEventRequest = z.infer<typeof StatusEventRequest>;

/** What the citizen sees (with reference + access code). */
export const StatusView = named(
  z.object({
    reference: Reference,
    status: Status,
    serviceName: LocalizedText,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    authority: Authority,
    events: z.array(
      z.object({
        type: Status,
        at: Timestamp,
        authorityName: LocalizedText,
        /** The caseworker's message to the citizen, or for `info-received` the citizen's own reply. */
        message: z.optional(z.string()),
        /** For `info-received`: names and sizes of the files the citizen sent. */
        files: z.optional(z.array(z.object({ name: z.string(), size: z.int().check(z.gte(0)) }))),
      }),
    ),
  }),
  'StatusView',
  "The citizen's view of a submission: current state, handling authority, timeline.",
);
export type StatusView = z.infer<typeof StatusView>;

export const StatusQuery = named(
  z.object({
    /** The submission id or its reference (`DI-2026-000123`). */
    idOrReference: z.string().check(z.minLength(1), z.maxLength(64)),
    accessCode: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
  'StatusQuery',
  'Look up a submission by id or reference plus access code.',
);
export type StatusQuery = z.infer<typeof StatusQuery>;

export const SubmissionSummary = named(
  z.object({
    id: z.string(),
    reference: Reference,
    serviceId: Id,
    serviceName: LocalizedText,
    tenantId: Id,
    /** The Gemeinde of the place of the matter, which decided the authority. */
    ars: Ars,
    /** Its name, from the catalog's places. */
    placeName: z.optional(z.string()),
    status: Status,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  'SubmissionSummary',
  'A row of the authority inbox.',
);
export type SubmissionSummary = z.infer<typeof SubmissionSummary>;

export const NOTICE_STATES = ['pending', 'sent', 'failed'] as const;

/** One mail about a submission, as the handling authority sees it (no address, no content). */
export const Notice = named(
  z.object({
    /** Who it is for: the applicant or an authority. */
    audience: z.enum(['citizen', 'authority']),
    /** The event it tells about (`submitted` is the receipt). */
    about: Status,
    /** `pending` until the mail server took it (retried with backoff), `failed` when it never will. */
    state: z.enum(NOTICE_STATES),
    createdAt: Timestamp,
    sentAt: z.optional(Timestamp),
  }),
  'Notice',
  'A mail about the submission and whether it was delivered to the mail server.',
);
export type Notice = z.infer<typeof Notice>;

/** A submission as the handling authority reads it. */
export const Submission = named(
  z.object({
    ...SubmissionSummary.shape,
    formId: Id,
    formVersion: z.int(),
    lang: Lang,
    authorityId: Id,
    data: FormAnswers,
    /** The files of the form's answers (those of replies are in their events). */
    files: z.array(FileRef),
    events: z.array(StatusEvent),
    /** Mails about the submission, oldest first; empty when the backend sends none. */
    notices: z.optional(z.array(Notice)),
  }),
  'Submission',
  'A submission in full, for the handling authority only.',
);
export type Submission = z.infer<typeof Submission>;

export const SubmissionPage = named(
  z.object({
    items: z.array(SubmissionSummary),
    total: z.int().check(z.gte(0)),
    page: z.int().check(z.gte(1)),
    pageSize: z.int().check(z.gte(1)),
  }),
  'SubmissionPage',
  "A page of the authority's own submissions, newest first.",
);
export type SubmissionPage = z.infer<typeof SubmissionPage>;

/** What a citizen may send with a reply to a request for information. */
export const REPLY_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_REPLY_FILES = 10;
export const MAX_REPLY_LENGTH = 4000;

export const ReplyRequest = named(
  z
    .object({
      idOrReference: StatusQuery.shape.idOrReference,
      accessCode: StatusQuery.shape.accessCode,
      /** The citizen's answer (plain text). */
      message: z.optional(z.string().check(z.maxLength(MAX_REPLY_LENGTH))),
      /** Files uploaded for this reply before (`uploadReplyFile`). */
      files: z.optional(
        z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/))).check(z.maxLength(MAX_REPLY_FILES)),
      ),
    })
    .check(
      z.refine((r) => (r.message ?? '').trim() !== '' || (r.files ?? []).length > 0, {
        message: 'a reply needs a message or a file',
        path: ['message'],
      }),
    ),
  'ReplyRequest',
  "The citizen's answer to a request for information, with reference and access code.",
);
export type ReplyRequest = z.infer<typeof ReplyRequest>;
