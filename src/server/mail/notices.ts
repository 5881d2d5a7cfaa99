/**
 * Who is mailed about which event of a submission, with what: the applicant at their contact address (receipt and
 * the status changes that concern them), the handling authority at its notification address (new application,
 * forwarded to it, reply received). Used by the routes inside the transaction that stores the event.
 */
import type { Status } from '../../contract/submission.ts';
import type { Catalog } from '../catalog.ts';
import type { StoredEvent, SubmissionFacts } from '../store.ts';
import { authorityMail, citizenMail, type MailDraft, type MailFacts } from './compose.ts';

/** The query parameter of the status page that carries the reference (see `<ozg-submission-status>`). */
const REFERENCE_PARAM = 'reference';

/** The status page of the tenant with the reference filled in (never the access code). */
function statusUrlOf(catalog: Catalog, tenantId: string, reference: string): string | undefined {
  const page = catalog.tenants.get(tenantId)?.statusPageUrl;
  if (!page) return undefined;
  const url = new URL(page);
  url.searchParams.set(REFERENCE_PARAM, reference);
  return url.href;
}

/** The submission's columns the mails use. */
export type MailSubject = Pick<
  SubmissionFacts,
  'reference' | 'tenant_id' | 'service_id' | 'lang' | 'authority_id' | 'notify_email'
>;

/**
 * The mails an event causes. `inboxUrl` is the operator's default link to the inbox; `fileCount` the number of files
 * of a reply.
 */
export function mailsFor(
  catalog: Catalog,
  inboxUrl: string | undefined,
  submission: MailSubject,
  event: StoredEvent,
  fileCount = 0,
): MailDraft[] {
  const authority = catalog.authorities.get(submission.authority_id);
  if (!authority) return [];
  const about = event.type as Status;
  const notices = catalog.authorityNotices.get(authority.id) ?? {};
  const facts: MailFacts = {
    lang: submission.lang === 'en' ? 'en' : 'de',
    reference: submission.reference,
    serviceName: catalog.services.get(submission.service_id)?.name ?? { de: submission.service_id },
    authority,
    fromAuthority: event.fromAuthorityId ? catalog.authorities.get(event.fromAuthorityId) : undefined,
    at: event.at,
    message: event.message,
    statusUrl: statusUrlOf(catalog, submission.tenant_id, submission.reference),
    inboxUrl: notices.inboxUrl ?? inboxUrl,
    fileCount,
  };
  const mails: MailDraft[] = [];
  // A reply is the applicant's own doing: they see it on the page, no mail needed.
  const citizen = submission.notify_email ? citizenMail(about, submission.notify_email, facts) : undefined;
  if (citizen) mails.push(citizen);
  // Caseworkers read German; the notice carries no personal data.
  const own = notices.email ? authorityMail(about, notices.email, { ...facts, lang: 'de' }) : undefined;
  if (own) mails.push(own);
  return mails;
}
