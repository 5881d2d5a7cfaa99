import { expect } from '@open-wc/testing';
import type * as z from 'zod/mini';
import {
  Authority,
  Category,
  Condition,
  Field,
  FileRef,
  FormDefinition,
  Location,
  LocalizedText,
  Problem,
  PublicTenant,
  Responsibility,
  Service,
  ServiceSummary,
  StatusEvent,
  StatusEventRequest,
  StatusView,
  Submission,
  SubmissionReceipt,
  SubmissionRequest,
  Tenant,
  fillPath,
  localize,
  routes,
} from '../../src/contract/index.ts';

const now = '2026-11-22T09:15:00.000Z';

const authority = {
  id: 'heide-gewerbe',
  name: { de: 'Stadt Heide – Gewerbeamt', en: 'Town of Heide – trade office' },
  address: { street: 'Postelweg 1', postalCode: '25746', city: 'Heide' },
  phone: '+49 481 000-0',
  email: 'gewerbe@heide.example',
  openingHours: { de: 'Mo–Fr 8–12 Uhr', en: 'Mon–Fri 8 am–12 pm' },
};

const service = {
  id: 'gewerbeanmeldung',
  leikaKey: '99050012104000',
  name: { de: 'Gewerbe anmelden', en: 'Register a business' },
  summary: { de: 'Sie melden ein Gewerbe an.' },
  categories: ['wirtschaft'],
  synonyms: { de: ['Firma gründen', 'selbstständig machen'] },
  formId: 'gewerbeanmeldung',
  fullText: { de: 'Wer ein Gewerbe beginnt, muss es anzeigen.\n\nDas gilt auch für Nebenerwerb.' },
  costs: { de: '20 bis 40 Euro laut Gebührenordnung' },
  requiredDocuments: [{ de: 'Personalausweis' }],
  legalBasis: [{ de: '§ 14 Gewerbeordnung (GewO)' }],
};

const form = {
  id: 'baumfaellung',
  version: 1,
  title: { de: 'Baumfällgenehmigung beantragen' },
  serviceId: 'baumfaellgenehmigung',
  steps: [
    {
      id: 'antragsteller',
      title: { de: 'Antragsteller' },
      fields: [
        {
          id: 'F60000227',
          type: 'text',
          label: { de: 'Familienname' },
          required: true,
          autocomplete: 'family-name',
        },
        {
          id: 'eigentuemer',
          type: 'radio',
          label: { de: 'Sind Sie Eigentümer des Grundstücks?' },
          required: true,
          options: [
            { value: 'ja', label: { de: 'Ja' } },
            { value: 'nein', label: { de: 'Nein' } },
          ],
        },
        {
          id: 'zustimmung',
          type: 'file',
          label: { de: 'Zustimmung des Eigentümers' },
          accept: ['application/pdf', 'image/jpeg'],
          maxSize: 5_000_000,
          visibleWhen: { field: 'eigentuemer', equals: 'nein' },
        },
      ],
    },
    {
      id: 'baeume',
      title: { de: 'Bäume' },
      fields: [
        {
          id: 'baum',
          type: 'group',
          label: { de: 'Baum' },
          repeatable: { min: 1, max: 10 },
          fields: [
            { id: 'umfang', type: 'number', label: { de: 'Stammumfang' }, unit: 'cm', min: 1, integer: true },
            {
              id: 'grund',
              type: 'select',
              label: { de: 'Grund' },
              options: [
                { value: 'krank', label: { de: 'Krank' } },
                { value: 'sonstiges', label: { de: 'Sonstiges' } },
              ],
            },
            {
              id: 'grundText',
              type: 'textarea',
              label: { de: 'Welcher Grund?' },
              visibleWhen: {
                all: [{ field: 'grund', equals: 'sonstiges' }, { not: { field: 'umfang', lt: 10 } }],
              },
            },
          ],
        },
        { id: 'hinweis', type: 'info', text: { de: 'Fotos helfen bei der Prüfung.' } },
        { id: 'iban', type: 'iban', label: { de: 'IBAN' } },
        { id: 'plz', type: 'postal-code', label: { de: 'Postleitzahl' } },
      ],
    },
  ],
};

/** Each schema with a realistic value it must accept and a broken one it must reject. */
const cases: [string, z.ZodMiniType, unknown, unknown][] = [
  ['LocalizedText', LocalizedText, { de: 'Hallo', en: 'Hello' }, { en: 'Hello' }],
  [
    'Tenant',
    Tenant,
    {
      id: 'kreis-dithmarschen',
      name: { de: 'Kreis Dithmarschen' },
      ars: '01051',
      referencePrefix: 'DI',
      services: ['gewerbeanmeldung'],
      allowedOrigins: ['https://www.dithmarschen.example', 'http://localhost:8080'],
      privacyNoticeUrl: 'https://www.dithmarschen.example/datenschutz',
      statusPageUrl: 'https://www.dithmarschen.example/status',
      theme: { '--ozg-color-primary': '#00508c' },
    },
    {
      id: 'kreis-dithmarschen',
      name: { de: 'Kreis Dithmarschen' },
      ars: '0105',
      referencePrefix: 'DI',
      services: [],
      allowedOrigins: ['https://www.dithmarschen.example/path'],
      privacyNoticeUrl: 'javascript:alert(1)',
      theme: { color: 'red;}' },
    },
  ],
  [
    'PublicTenant',
    PublicTenant,
    {
      id: 'stadt-heide',
      name: { de: 'Stadt Heide' },
      ars: '010510044044',
      privacyNoticeUrl: 'https://heide.example/ds',
    },
    { id: 'stadt-heide', name: { de: 'Stadt Heide' }, ars: '010510044044' },
  ],
  [
    'Authority',
    Authority,
    authority,
    { ...authority, address: { street: 'x', postalCode: '2574', city: 'Heide' } },
  ],
  [
    'Responsibility',
    Responsibility,
    { serviceId: 'gewerbeanmeldung', arsPrefix: '010510044044', authorityId: 'heide-gewerbe' },
    { serviceId: 'gewerbeanmeldung', arsPrefix: '0105100', authorityId: 'heide-gewerbe' },
  ],
  [
    'Location',
    Location,
    { name: 'Heide', postalCodes: ['25746'], ars: '010510044044' },
    { name: 'Heide', postalCodes: ['25746'], ars: '01051' },
  ],
  [
    'Category',
    Category,
    { id: 'wirtschaft', name: { de: 'Wirtschaft' } },
    { id: '1wirtschaft', name: { de: 'W' } },
  ],
  ['Service', Service, service, { ...service, leikaKey: '12345678901234' }],
  [
    'ServiceSummary (external link)',
    ServiceSummary,
    {
      id: 'kfz-zulassung',
      name: { de: 'Fahrzeug zulassen' },
      summary: { de: 'Online mit i-Kfz.' },
      categories: ['mobilitaet'],
      onlineServiceUrl: 'https://ikfz.example/start',
    },
    {
      id: 'kfz-zulassung',
      name: { de: 'Fahrzeug zulassen' },
      summary: { de: 'Online mit i-Kfz.' },
      categories: ['mobilitaet'],
      formId: 'kfz',
      onlineServiceUrl: 'https://ikfz.example/start',
    },
  ],
  [
    'Condition',
    Condition,
    { any: [{ field: 'a', in: ['x', 'y'] }, { not: { field: 'b', filled: true } }] },
    { field: 'a', equals: 1, gt: 2 },
  ],
  [
    'Field',
    Field,
    { id: 'F60000236', type: 'date', label: { de: 'Datum' }, min: 'today' },
    { id: 'x', type: 'slider', label: { de: 'x' } },
  ],
  [
    'Field (a repeatable group naming its entries)',
    Field,
    {
      id: 'baeume',
      type: 'group',
      label: { de: 'Bäume', en: 'Trees' },
      itemLabel: { de: 'Baum', en: 'Tree' },
      repeatable: { min: 1, max: 10 },
      fields: [{ id: 'art', type: 'text', label: { de: 'Baumart' } }],
    },
    {
      id: 'baeume',
      type: 'group',
      label: { de: 'Bäume' },
      itemLabel: { en: 'Tree' },
      repeatable: { min: 1, max: 10 },
      fields: [{ id: 'art', type: 'text', label: { de: 'Baumart' } }],
    },
  ],
  ['FormDefinition', FormDefinition, form, { ...form, steps: [] }],
  [
    'FileRef',
    FileRef,
    { uploadId: 'u_0123456789abcdef', name: 'Foto.jpg', size: 12345, type: 'image/jpeg' },
    { uploadId: '../etc/passwd', name: 'Foto.jpg', size: -1, type: 'image/jpeg' },
  ],
  [
    'SubmissionRequest',
    SubmissionRequest,
    {
      tenantId: 'kreis-dithmarschen',
      serviceId: 'gewerbeanmeldung',
      formId: 'gewerbeanmeldung',
      formVersion: 1,
      ars: '010510044044',
      lang: 'de',
      data: { name: 'Muster' },
    },
    {
      tenantId: 'kreis-dithmarschen',
      serviceId: 'gewerbeanmeldung',
      formId: 'g',
      formVersion: 0,
      ars: '01051',
      lang: 'fr',
      data: {},
    },
  ],
  [
    'SubmissionReceipt',
    SubmissionReceipt,
    {
      id: 'b9c1',
      reference: 'DI-2026-000123',
      accessCode: 'K7PQ2MXR9TZA',
      status: 'submitted',
      createdAt: now,
      authority,
    },
    {
      id: 'b9c1',
      reference: 'DI-26-123',
      accessCode: 'short',
      status: 'done',
      createdAt: 'yesterday',
      authority,
    },
  ],
  [
    'StatusEvent',
    StatusEvent,
    {
      type: 'info-requested',
      at: now,
      authorityId: 'heide-gewerbe',
      message: 'Bitte reichen Sie die Vollmacht nach.',
    },
    { type: 'archived', at: now, authorityId: 'heide-gewerbe' },
  ],
  [
    'StatusEventRequest',
    StatusEventRequest,
    { type: 'forwarded', toAuthorityId: 'kreis-ordnung', message: 'Zuständig ist der Kreis.' },
    { type: 'rejected' },
  ],
  [
    'StatusView',
    StatusView,
    {
      reference: 'HEI-2026-000001',
      status: 'in-progress',
      serviceName: { de: 'Gewerbe anmelden' },
      createdAt: now,
      updatedAt: now,
      authority,
      events: [{ type: 'submitted', at: now, authorityName: authority.name }],
    },
    { reference: 'HEI-2026-000001', status: 'in-progress', events: [] },
  ],
  [
    'Submission',
    Submission,
    {
      id: 'b9c1',
      reference: 'DI-2026-000123',
      serviceId: 'gewerbeanmeldung',
      serviceName: { de: 'Gewerbe anmelden' },
      tenantId: 'kreis-dithmarschen',
      ars: '010510044044',
      status: 'submitted',
      createdAt: now,
      updatedAt: now,
      formId: 'gewerbeanmeldung',
      formVersion: 1,
      lang: 'de',
      authorityId: 'heide-gewerbe',
      data: { name: 'Muster' },
      files: [],
      events: [{ type: 'submitted', at: now, authorityId: 'heide-gewerbe' }],
    },
    { id: 'b9c1', reference: 'DI-2026-000123', data: 'x' },
  ],
  [
    'Problem',
    Problem,
    {
      type: 'urn:ozg:problem:validation',
      title: 'Die Angaben sind unvollständig.',
      status: 400,
      errors: [
        { pointer: '/data/baum/0/umfang', detail: 'Bitte geben Sie den Stammumfang an.', code: 'required' },
      ],
    },
    {
      type: 'urn:ozg:problem:validation',
      title: 'x',
      status: 200,
      errors: [{ pointer: 'data/x', detail: 'x' }],
    },
  ],
];

describe('contract schemas', () => {
  for (const [name, schema, good, bad] of cases) {
    it(`${name} accepts a realistic value and rejects a broken one`, () => {
      const ok = schema.safeParse(good);
      expect(ok.success, JSON.stringify(ok.error?.issues)).to.equal(true);
      expect(schema.safeParse(bad).success).to.equal(false);
    });
  }

  it('reports where a nested form field is wrong', () => {
    const broken = structuredClone(form) as typeof form;
    (broken.steps[1]!.fields[0] as { fields: unknown[] }).fields[1] = {
      id: 'grund',
      type: 'select',
      label: { de: 'G' },
    };
    const result = FormDefinition.safeParse(broken);
    expect(result.success).to.equal(false);
    expect(result.error?.issues[0]?.path).to.deep.equal(['steps', 1, 'fields', 0, 'fields', 1, 'options']);
  });

  it('requires a message for information requests and rejections', () => {
    expect(StatusEventRequest.safeParse({ type: 'info-requested', message: '  ' }).success).to.equal(false);
    expect(StatusEventRequest.safeParse({ type: 'in-progress' }).success).to.equal(true);
  });

  it('localizes with a German fallback', () => {
    expect(localize({ de: 'Hallo' }, 'en')).to.equal('Hallo');
    expect(localize({ de: 'Hallo', en: 'Hello' }, 'en')).to.equal('Hello');
    expect(localize(undefined, 'de')).to.equal(undefined);
  });

  it('fills path templates and encodes parameters', () => {
    expect(fillPath(routes.getService.path, { tenant: 'stadt-heide', serviceId: 'a b' })).to.equal(
      '/tenants/stadt-heide/services/a%20b',
    );
    expect(() => fillPath(routes.getService.path, { tenant: 'x' })).to.throw(/serviceId/);
  });
});
