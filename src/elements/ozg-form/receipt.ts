/**
 * The confirmation of `<ozg-form>` after a submission: an Eingangsbestätigung the citizen can keep. Service,
 * responsible authority, date and time of receipt (German time), what happens next, and reference and access code
 * set large, the code in groups of four. Printing shows it alone on one page (the element's print styles).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { localize, type Lang } from '../../contract/common.ts';
import type { SubmissionReceipt } from '../../contract/submission.ts';
import { formMessages as m } from './ozg-form.messages.ts';

/** An access code as people read and copy it: groups of four characters (`ABCD EFGH JKLM NPQR`). */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join(' ') ?? code;
}

/** When the application was received, in German time whatever the citizen's clock says. */
export function receivedAt(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}

/** The status page link: reference in the query, the access code in the fragment (never sent to a server). */
export function statusLink(
  base: string | undefined,
  receipt: SubmissionReceipt,
  baseUri: string,
): string | undefined {
  if (!base) return undefined;
  try {
    const url = new URL(base, baseUri);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.searchParams.set('reference', receipt.reference);
    url.hash = new URLSearchParams({ 'access-code': receipt.accessCode }).toString();
    return url.href;
  } catch {
    return undefined;
  }
}

export interface ReceiptOptions {
  lang: Lang;
  receipt: SubmissionReceipt;
  /** The name of the service applied for. */
  service: string;
  statusHref: string | undefined;
  /** A receipt goes to the applicant by mail. */
  mailed: boolean;
  heading: (content: unknown, offset: number, id?: string) => TemplateResult;
  onPrint: () => void;
}

export function renderReceipt({
  lang,
  receipt,
  service,
  statusHref,
  mailed,
  heading,
  onPrint,
}: ReceiptOptions) {
  const { authority } = receipt;
  const address = authority.address;
  return html`<div class="done" part="confirmation">
    <p class="caption" part="service-name">${service}</p>
    ${heading(m(lang, 'done'), 0, 'title')}
    <p>${m(lang, 'received', { date: receivedAt(receipt.createdAt, lang) })}</p>
    ${mailed ? html`<p>${m(lang, 'mailSent')}</p>` : nothing}
    <dl class="codes">
      <div>
        <dt>${m(lang, 'reference')}</dt>
        <dd class="code" translate="no">${receipt.reference}</dd>
      </div>
      <div>
        <dt>${m(lang, 'accessCode')}</dt>
        <dd class="code" translate="no">${groupCode(receipt.accessCode)}</dd>
      </div>
    </dl>
    <p><strong>${m(lang, 'accessCodeHint')}</strong></p>
    <dl class="facts">
      <div>
        <dt>${m(lang, 'authority')}</dt>
        <dd>
          ${localize(authority.name, lang)}<br />${address.street}<br />${address.postalCode} ${address.city}
          ${authority.phone ? html`<br />${m(lang, 'phone')} ${authority.phone}` : nothing}
          ${authority.email ? html`<br />${authority.email}` : nothing}
        </dd>
      </div>
    </dl>
    ${heading(m(lang, 'nextSteps'), 1)}
    <p>${m(lang, 'nextStepsText')}</p>
    <div class="actions">
      ${statusHref ? html`<a href=${statusHref}>${m(lang, 'follow')}</a>` : nothing}
      <button type="button" class="ozg-button ozg-button--secondary" @click=${onPrint}>
        ${m(lang, 'print')}
      </button>
    </div>
  </div>`;
}
