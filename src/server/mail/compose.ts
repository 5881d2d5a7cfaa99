/**
 * The mails the backend sends, composed as plain text and simple HTML from one list of blocks, so both say the
 * same. Every inserted value is escaped in the HTML; no answers and no files go into any mail: the applicant gets
 * the reference, the service, the authority and what the caseworker wrote to them, the authority only the
 * reference, the service and a link to its inbox.
 */
import { localize, type Lang, type LocalizedText } from '../../contract/common.ts';
import type { Authority } from '../../contract/catalog.ts';
import type { Status } from '../../contract/submission.ts';

/** A mail ready for the outbox. */
export interface MailDraft {
  audience: 'citizen' | 'authority';
  /** The event it tells about (`submitted`: the receipt, or the new-application notice). */
  about: Status;
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

/** What the mails of one event need to know. */
export interface MailFacts {
  lang: Lang;
  reference: string;
  serviceName: LocalizedText;
  /** The authority handling the application after the event. */
  authority: Authority;
  /** For `forwarded`: the authority that forwarded it. */
  fromAuthority?: Authority | undefined;
  /** When the event happened (ISO). */
  at: string;
  /** The caseworker's message to the applicant. */
  message?: string | undefined;
  /** The applicant's status page with the reference filled in. */
  statusUrl?: string | undefined;
  /** The authority's inbox. */
  inboxUrl?: string | undefined;
  /** For `info-received`: how many files came with the reply. */
  fileCount?: number | undefined;
}

type Block =
  { p: string } | { facts: [string, string][] } | { quote: string } | { link: string; label: string };

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Date and time in German time, as the authority's office reads it. */
export function formatMailTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}

function toText(blocks: Block[]): string {
  return blocks
    .map((b) =>
      'p' in b
        ? b.p
        : 'facts' in b
          ? b.facts.map(([k, v]) => `${k}: ${v}`).join('\n')
          : 'quote' in b
            ? b.quote
                .split(/\r?\n/)
                .map((line) => `> ${line}`)
                .join('\n')
            : `${b.label}:\n${b.link}`,
    )
    .join('\n\n');
}

function toHtml(blocks: Block[], lang: Lang, subject: string): string {
  const body = blocks
    .map((b) =>
      'p' in b
        ? `<p>${escapeHtml(b.p).replace(/\n/g, '<br>')}</p>`
        : 'facts' in b
          ? `<table role="presentation" cellpadding="4">${b.facts
              .map(
                ([k, v]) =>
                  `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
              )
              .join('')}</table>`
          : 'quote' in b
            ? `<blockquote style="border-left:4px solid #767676;margin:0;padding:0 1em;white-space:pre-wrap">${escapeHtml(b.quote)}</blockquote>`
            : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:Arial,sans-serif;line-height:1.5;color:#1b1b1b">\n${body}\n</body></html>\n`;
}

const T = {
  de: {
    hello: 'Guten Tag,',
    service: 'Leistung',
    reference: 'Aktenzeichen',
    authority: 'Zuständige Stelle',
    received: 'Eingegangen am',
    at: 'Datum',
    statusLink: 'Stand Ihres Antrags',
    statusHint:
      'Für den Stand Ihres Antrags brauchen Sie das Aktenzeichen und den Zugangscode, der Ihnen nach dem Absenden angezeigt wurde.',
    statusHintNoLink:
      'Den Stand Ihres Antrags sehen Sie auf der Website, auf der Sie ihn gestellt haben, mit dem Aktenzeichen und dem Zugangscode, der Ihnen nach dem Absenden angezeigt wurde.',
    questions: (a: string, contact: string) => `Fragen zu Ihrem Antrag beantwortet: ${a}${contact}.`,
    auto: 'Diese Nachricht wurde automatisch versandt. Antworten auf diese E-Mail werden nicht gelesen.',
    inbox: 'Posteingang',
    inboxNoLink: 'Sie finden den Antrag im Posteingang für Online-Anträge.',
    noPersonal: 'Aus Datenschutzgründen enthält diese Nachricht keine Angaben aus dem Antrag.',
    citizen: {
      submitted: {
        subject: 'Eingangsbestätigung',
        lead: 'Ihr Antrag ist eingegangen. Vielen Dank.',
      },
      'info-requested': {
        subject: 'Angaben nachgefordert',
        lead: 'Die Behörde braucht weitere Angaben zu Ihrem Antrag:',
        after: 'Sie können online antworten und Dateien mitschicken, über die Seite zum Stand Ihres Antrags.',
      },
      accepted: { subject: 'Antrag angenommen', lead: 'Ihr Antrag wurde angenommen.' },
      rejected: { subject: 'Antrag abgelehnt', lead: 'Ihr Antrag wurde abgelehnt. Begründung:' },
      completed: { subject: 'Antrag abgeschlossen', lead: 'Ihr Antrag ist abgeschlossen.' },
      forwarded: {
        subject: 'Antrag weitergeleitet',
        lead: 'Ihr Antrag wurde an die zuständige Stelle weitergeleitet. Sie müssen nichts tun.',
      },
    },
    authorityMail: {
      submitted: { subject: 'Neuer Antrag', lead: 'Ein neuer Online-Antrag ist für Sie eingegangen.' },
      forwarded: {
        subject: 'Antrag an Sie weitergeleitet',
        lead: (from: string) => `${from} hat einen Online-Antrag an Sie weitergeleitet.`,
      },
      'info-received': {
        subject: 'Nachgereichte Angaben eingegangen',
        lead: (files: number) =>
          `Die antragstellende Person hat auf Ihre Nachforderung geantwortet${files > 0 ? ` (${files} ${files === 1 ? 'Datei' : 'Dateien'})` : ''}.`,
      },
    },
  },
  en: {
    hello: 'Hello,',
    service: 'Service',
    reference: 'Reference',
    authority: 'Responsible authority',
    received: 'Received on',
    at: 'Date',
    statusLink: 'Status of your application',
    statusHint:
      'To see the status of your application you need the reference and the access code shown to you after sending it.',
    statusHintNoLink:
      'You can see the status of your application on the website where you applied, with the reference and the access code shown to you after sending it.',
    questions: (a: string, contact: string) => `Questions about your application: ${a}${contact}.`,
    auto: 'This message was sent automatically. Replies to this email are not read.',
    inbox: 'Inbox',
    inboxNoLink: 'You find the application in the inbox for online applications.',
    noPersonal: 'For data protection, this message contains nothing from the application.',
    citizen: {
      submitted: {
        subject: 'Confirmation of receipt',
        lead: 'Your application has been received. Thank you.',
      },
      'info-requested': {
        subject: 'Information requested',
        lead: 'The authority needs more information about your application:',
        after: 'You can answer online and attach files on the status page of your application.',
      },
      accepted: { subject: 'Application accepted', lead: 'Your application has been accepted.' },
      rejected: { subject: 'Application rejected', lead: 'Your application has been rejected. Reason:' },
      completed: { subject: 'Application completed', lead: 'Your application has been completed.' },
      forwarded: {
        subject: 'Application forwarded',
        lead: 'Your application has been forwarded to the responsible authority. You need not do anything.',
      },
    },
    authorityMail: {
      submitted: { subject: 'New application', lead: 'A new online application has arrived for you.' },
      forwarded: {
        subject: 'Application forwarded to you',
        lead: (from: string) => `${from} has forwarded an online application to you.`,
      },
      'info-received': {
        subject: 'Requested information received',
        lead: (files: number) =>
          `The applicant has answered your request for information${files > 0 ? ` (${files} ${files === 1 ? 'file' : 'files'})` : ''}.`,
      },
    },
  },
} as const;

/** The events the applicant is told about by mail. */
export const CITIZEN_MAIL_EVENTS = [
  'submitted',
  'info-requested',
  'accepted',
  'rejected',
  'completed',
  'forwarded',
] as const;
/** The events the (new) handling authority is told about by mail. */
export const AUTHORITY_MAIL_EVENTS = ['submitted', 'forwarded', 'info-received'] as const;

type CitizenEvent = (typeof CITIZEN_MAIL_EVENTS)[number];
type AuthorityEvent = (typeof AUTHORITY_MAIL_EVENTS)[number];

/** One line for a subject: no line breaks from catalog text. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function finish(
  audience: MailDraft['audience'],
  about: Status,
  recipient: string,
  lang: Lang,
  subject: string,
  blocks: Block[],
): MailDraft {
  const line = oneLine(subject);
  return {
    audience,
    about,
    recipient,
    subject: line,
    text: `${toText(blocks)}\n`,
    html: toHtml(blocks, lang, line),
  };
}

/** The mail to the applicant about an event, or undefined when that event is not mailed. */
export function citizenMail(about: Status, recipient: string, f: MailFacts): MailDraft | undefined {
  if (!(CITIZEN_MAIL_EVENTS as readonly string[]).includes(about)) return undefined;
  const t = T[f.lang];
  const text = t.citizen[about as CitizenEvent];
  const service = localize(f.serviceName, f.lang);
  const authorityName = localize(f.authority.name, f.lang);
  const address = `${f.authority.address.street}, ${f.authority.address.postalCode} ${f.authority.address.city}`;
  const blocks: Block[] = [{ p: t.hello }, { p: text.lead }];
  if (f.message?.trim()) blocks.push({ quote: f.message.trim() });
  if ('after' in text) blocks.push({ p: text.after });
  const facts: [string, string][] = [
    [t.service, service],
    [t.reference, f.reference],
    [t.authority, `${authorityName}, ${address}`],
  ];
  facts.push([about === 'submitted' ? t.received : t.at, formatMailTime(f.at, f.lang)]);
  blocks.push({ facts });
  if (f.statusUrl) blocks.push({ link: f.statusUrl, label: t.statusLink }, { p: t.statusHint });
  else blocks.push({ p: t.statusHintNoLink });
  const contact = [f.authority.phone, f.authority.email].filter(Boolean).join(', ');
  blocks.push({ p: t.questions(authorityName, contact ? ` (${contact})` : '') }, { p: t.auto });
  return finish('citizen', about, recipient, f.lang, `${text.subject}: ${service} (${f.reference})`, blocks);
}

/** The notice to the handling authority about an event, or undefined when that event is not mailed. */
export function authorityMail(about: Status, recipient: string, f: MailFacts): MailDraft | undefined {
  if (!(AUTHORITY_MAIL_EVENTS as readonly string[]).includes(about)) return undefined;
  const t = T[f.lang];
  const service = localize(f.serviceName, f.lang);
  const blocks: Block[] = [{ p: t.hello }];
  const kind = about as AuthorityEvent;
  if (kind === 'submitted') blocks.push({ p: t.authorityMail.submitted.lead });
  else if (kind === 'forwarded') {
    const from = f.fromAuthority ? localize(f.fromAuthority.name, f.lang) : '';
    blocks.push({ p: t.authorityMail.forwarded.lead(from) });
  } else blocks.push({ p: t.authorityMail['info-received'].lead(f.fileCount ?? 0) });
  blocks.push({
    facts: [
      [t.service, service],
      [t.reference, f.reference],
      [t.at, formatMailTime(f.at, f.lang)],
    ],
  });
  blocks.push(f.inboxUrl ? { link: f.inboxUrl, label: t.inbox } : { p: t.inboxNoLink });
  blocks.push({ p: t.noPersonal }, { p: t.auto });
  return finish(
    'authority',
    about,
    recipient,
    f.lang,
    `${t.authorityMail[kind].subject}: ${service} (${f.reference})`,
    blocks,
  );
}
