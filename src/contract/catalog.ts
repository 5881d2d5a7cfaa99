/**
 * The catalog: tenants (municipalities using the widgets), authorities (Organisationseinheiten),
 * responsibilities (service × ARS prefix → authority), locations and services (Leistungen).
 * Shapes follow XZuFi / PVOG where they can.
 */
import * as z from 'zod/mini';
import { Ars, ArsPrefix, Email, HttpUrl, Id, LeikaKey, LocalizedText, Origin, named } from './common.ts';

/** Theme tokens a tenant may set: custom property name (`--ozg-*`) → CSS value. */
export const ThemeTokens = named(
  z.record(
    z.string().check(z.regex(/^--ozg-[a-z0-9-]+$/)),
    z.string().check(z.maxLength(200), z.regex(/^[^;{}<>]*$/)),
  ),
  'ThemeTokens',
  'CSS custom properties (`--ozg-*`) and their values, applied to the widgets of a tenant.',
);
export type ThemeTokens = z.infer<typeof ThemeTokens>;

/** A municipality (or Kreis, Amt) that embeds the widgets on its homepage. */
export const Tenant = named(
  z.object({
    id: Id,
    name: LocalizedText,
    /** The area the tenant's portal serves (e.g. Kreis Dithmarschen: 01051). */
    ars: ArsPrefix,
    /** Two to four capital letters that start every reference of submissions made on this portal. */
    referencePrefix: z.string().check(z.regex(/^[A-Z]{2,4}$/)),
    /** Ids of the services offered on this portal. */
    services: z.array(Id),
    /** Web origins of the tenant's homepage(s) allowed to call the API from a browser. */
    allowedOrigins: z.array(Origin),
    privacyNoticeUrl: HttpUrl,
    /**
     * The text of the privacy checkbox at the end of every form (plain text), when the tenant's data-protection
     * officer wants other words than the default acknowledgement („… zur Kenntnis genommen“).
     */
    privacyAcknowledgement: z.optional(LocalizedText),
    /** Page of the tenant's homepage that hosts `<ozg-submission-status>`. */
    statusPageUrl: z.optional(HttpUrl),
    theme: z.optional(ThemeTokens),
  }),
  'Tenant',
  'A municipality whose homepage embeds the widgets (internal shape, includes allowed origins).',
);
export type Tenant = z.infer<typeof Tenant>;

/** What the browser may learn about a tenant. */
export const PublicTenant = named(
  z.object({
    id: Id,
    name: LocalizedText,
    ars: ArsPrefix,
    privacyNoticeUrl: HttpUrl,
    privacyAcknowledgement: z.optional(LocalizedText),
    statusPageUrl: z.optional(HttpUrl),
    theme: z.optional(ThemeTokens),
    /**
     * Whether the backend mails the applicant a receipt and notices about the application (to the form's contact
     * field). Absent or false: nothing is mailed, and the form promises no mail.
     */
    notifiesByEmail: z.optional(z.boolean()),
  }),
  'PublicTenant',
  'The public part of a tenant: name, area, privacy notice, status page, theme and whether it sends mail.',
);
export type PublicTenant = z.infer<typeof PublicTenant>;

export const Address = named(
  z.object({
    street: z.string().check(z.minLength(1)),
    postalCode: z.string().check(z.regex(/^\d{5}$/)),
    city: z.string().check(z.minLength(1)),
  }),
  'Address',
);
export type Address = z.infer<typeof Address>;

/** An authority (Organisationseinheit) that handles applications. */
export const Authority = named(
  z.object({
    id: Id,
    name: LocalizedText,
    address: Address,
    phone: z.optional(z.string().check(z.regex(/^\+?[\d ()/-]{5,30}$/))),
    email: z.optional(Email),
    openingHours: z.optional(LocalizedText),
    website: z.optional(HttpUrl),
  }),
  'Authority',
  'An authority (Organisationseinheit) that handles applications.',
);
export type Authority = z.infer<typeof Authority>;

/**
 * An authority as the catalog file describes it: the public fields plus where its notices go. These two are never
 * shown to citizens.
 */
export const CatalogAuthority = z.object({
  ...Authority.shape,
  /**
   * Where the notices of new applications and replies go (no personal data in them); default: `email`. Without
   * either, the authority is not mailed.
   */
  notificationEmail: z.optional(Email),
  /** Link to the authority's inbox in those notices; default: the operator's `OZG_INBOX_URL`. */
  inboxUrl: z.optional(HttpUrl),
});
export type CatalogAuthority = z.infer<typeof CatalogAuthority>;

/** Which authority handles a service in an area. The most specific ARS prefix wins. */
export const Responsibility = named(
  z.object({
    serviceId: Id,
    arsPrefix: ArsPrefix,
    authorityId: Id,
  }),
  'Responsibility',
  'Service × ARS prefix → responsible authority; the longest matching prefix wins.',
);
export type Responsibility = z.infer<typeof Responsibility>;

/**
 * The responsibility for a service at a Gemeinde (12-digit ARS): among the entries of the service whose ARS
 * prefix the Gemeinde's ARS starts with, the longest prefix wins (a Gemeinde over its Amt over its Kreis).
 * Shared by the backend and the browser-side fixture backend of the stories.
 */
export function responsibleFor(
  responsibilities: readonly Responsibility[],
  serviceId: string,
  ars: string,
): Responsibility | undefined {
  let best: Responsibility | undefined;
  for (const r of responsibilities) {
    if (r.serviceId !== serviceId || !ars.startsWith(r.arsPrefix)) continue;
    if (!best || r.arsPrefix.length > best.arsPrefix.length) best = r;
  }
  return best;
}

/** A place a citizen can name: a Gemeinde (or part of it) with its postal codes and ARS. */
export const Location = named(
  z.object({
    name: z.string().check(z.minLength(1)),
    postalCodes: z.array(z.string().check(z.regex(/^\d{5}$/))),
    ars: Ars,
    /** The Amt or Kreis it belongs to, for disambiguation in lists. */
    district: z.optional(z.string()),
  }),
  'Location',
  'A Gemeinde with its postal codes and 12-digit ARS.',
);
export type Location = z.infer<typeof Location>;

/** A category or life situation (Lebenslage) that groups services. */
export const Category = named(
  z.object({
    id: Id,
    name: LocalizedText,
  }),
  'Category',
  'A category or life situation (Lebenslage).',
);
export type Category = z.infer<typeof Category>;

const ServiceFields = {
  id: Id,
  /** LeiKa key when known; left out rather than invented. */
  leikaKey: z.optional(LeikaKey),
  name: LocalizedText,
  summary: LocalizedText,
  categories: z.array(Id),
  /** Words citizens use for this service ("Auto anmelden"), per language. */
  synonyms: z.optional(
    z.object({
      de: z.optional(z.array(z.string())),
      en: z.optional(z.array(z.string())),
    }),
  ),
  /** The online form of this service, when it is applied for with `<ozg-form>`. */
  formId: z.optional(Id),
  /** An external online service (e.g. i-Kfz), when the application happens elsewhere. */
  onlineServiceUrl: z.optional(HttpUrl),
};

const oneWayToApply = z.refine<{ formId?: string | undefined; onlineServiceUrl?: string | undefined }>(
  (s) => s.formId === undefined || s.onlineServiceUrl === undefined,
  { message: 'A service has either a formId or an onlineServiceUrl, not both', path: ['onlineServiceUrl'] },
);

/** A service as listed and searched: everything needed for a result row and for local search. */
export const ServiceSummary = named(
  z.object(ServiceFields).check(oneWayToApply),
  'ServiceSummary',
  'A service (Leistung) as listed in search results.',
);
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/** A service (Leistung) in full. Texts are plain text; paragraphs are separated by blank lines. */
export const Service = named(
  z
    .object({
      ...ServiceFields,
      fullText: z.optional(LocalizedText),
      costs: z.optional(LocalizedText),
      deadlines: z.optional(LocalizedText),
      processingTime: z.optional(LocalizedText),
      requiredDocuments: z.optional(z.array(LocalizedText)),
      prerequisites: z.optional(z.array(LocalizedText)),
      legalBasis: z.optional(z.array(LocalizedText)),
      furtherInformation: z.optional(z.array(z.object({ label: LocalizedText, url: HttpUrl }))),
    })
    .check(oneWayToApply),
  'Service',
  'A service (Leistung) in full, shaped after XZuFi. Texts are plain text and rendered as text.',
);
export type Service = z.infer<typeof Service>;
