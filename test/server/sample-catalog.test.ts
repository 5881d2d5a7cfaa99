/**
 * The bundled sample catalog: every file matches the contract, every reference resolves, only verified or
 * sourced LeiKa keys are used, routing never comes up empty for a place a portal serves, and every form
 * definition compiles and behaves as its conditions promise.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import {
  Authority,
  Category,
  Location,
  Responsibility,
  Service,
  Tenant,
} from '../../src/contract/catalog.ts';
import { FormDefinition } from '../../src/contract/form-definition.ts';
import type { Field } from '../../src/contract/form-definition.ts';
import { compile } from '../../src/forms/index.ts';

const DIR = fileURLToPath(new URL('../../src/server/sample-catalog/', import.meta.url));

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(DIR + file, 'utf8')) as unknown;
}

function load<T>(schema: z.ZodMiniType<T>, file: string): T {
  const result = z.safeParse(schema, readJson(file));
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `/${i.path.join('/')}: ${i.message}`);
    assert.fail(`${file} does not match the contract:\n${issues.join('\n')}`);
  }
  return result.data;
}

const tenants = load(z.array(Tenant), 'tenants.json');
const authorities = load(z.array(Authority), 'authorities.json');
const responsibilities = load(z.array(Responsibility), 'responsibilities.json');
const locations = load(z.array(Location), 'locations.json');
const categories = load(z.array(Category), 'categories.json');
const services = load(z.array(Service), 'services.json');
const formFiles = readdirSync(DIR + 'forms')
  .filter((f) => f.endsWith('.json'))
  .sort();
const forms = formFiles.map((f) => ({ file: f, form: load(FormDefinition, `forms/${f}`) }));

/** LeiKa keys known from public sources (see README); nothing else may appear in the sample. */
const ALLOWED_LEIKA = new Set([
  '99050012104000', // Gewerbe anmelden
  '99089124001000', // Kleiner Waffenschein
  '99115005104000', // Wohnsitz anmelden
  '99107023037000', // Wohngeld
  '99012070006001', // Baugenehmigung
  '99128009012000', // Wahlschein
  '99115003012000', // Meldebescheinigung
  '99008001012000', // Personalausweis
  '99102013104000', // Hundesteuer Anmeldung
  '99049001001000', // Führungszeugnis
  '99108001001000', // Bewohnerparkausweis
  '99027002012000', // Geburtsurkunde
]);

/** The agreed routing rule: the longest ARS prefix that matches wins. */
function responsibleFor(
  serviceId: string,
  ars: string,
): { arsPrefix: string; authorityId: string } | undefined {
  let best: { arsPrefix: string; authorityId: string } | undefined;
  for (const r of responsibilities) {
    if (r.serviceId !== serviceId || !ars.startsWith(r.arsPrefix)) continue;
    if (!best || r.arsPrefix.length > best.arsPrefix.length) best = r;
  }
  return best;
}

function locationArs(name: string): string {
  const location = locations.find((l) => l.name === name);
  assert.ok(location, `location ${name} is missing`);
  return location.ars;
}

function duplicates(ids: string[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

/** Every localized text below `value`, with its JSON path. */
function localizedTexts(value: unknown, path = ''): { path: string; de: unknown; en: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('de' in record && typeof record.de === 'string') return [{ path, de: record.de, en: record.en }];
  return Object.entries(record).flatMap(([k, v]) => localizedTexts(v, `${path}/${k}`));
}

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => (f.type === 'group' ? [f, ...allFields(f.fields)] : [f]));
}

describe('sample catalog: identifiers and references', () => {
  it('has unique ids in every file', () => {
    assert.deepEqual(duplicates(tenants.map((t) => t.id)), []);
    assert.deepEqual(duplicates(authorities.map((a) => a.id)), []);
    assert.deepEqual(duplicates(categories.map((c) => c.id)), []);
    assert.deepEqual(duplicates(services.map((s) => s.id)), []);
    assert.deepEqual(duplicates(locations.map((l) => l.ars)), []);
    assert.deepEqual(duplicates(responsibilities.map((r) => `${r.serviceId}@${r.arsPrefix}`)), []);
  });

  it('has the three sample tenants with their areas and reference prefixes', () => {
    const summary = tenants.map((t) => [t.id, t.ars, t.referencePrefix]);
    assert.deepEqual(summary, [
      ['kreis-dithmarschen', '01051', 'DI'],
      ['stadt-heide', '010510044044', 'HEI'],
      ['brunsbuettel', '010510011011', 'BRU'],
    ]);
  });

  it('lets the local demo origins call the API for every tenant', () => {
    for (const tenant of tenants) {
      assert.ok(tenant.allowedOrigins.includes('http://localhost:8080'), tenant.id);
      assert.ok(tenant.allowedOrigins.includes('http://127.0.0.1:8080'), tenant.id);
    }
  });

  it('offers only services that exist; the Kreis and Heide offer every service, Brunsbüttel a subset', () => {
    const ids = new Set(services.map((s) => s.id));
    for (const tenant of tenants) {
      assert.deepEqual(duplicates(tenant.services), [], tenant.id);
      for (const id of tenant.services) assert.ok(ids.has(id), `${tenant.id} offers unknown service ${id}`);
    }
    const byId = new Map(tenants.map((t) => [t.id, t]));
    assert.equal(byId.get('kreis-dithmarschen')?.services.length, services.length);
    assert.equal(byId.get('stadt-heide')?.services.length, services.length);
    const bru = byId.get('brunsbuettel')?.services.length ?? 0;
    assert.ok(bru > 0 && bru < services.length, 'Brunsbüttel offers a proper subset');
  });

  it('refers only to existing categories, forms, services and authorities', () => {
    const categoryIds = new Set(categories.map((c) => c.id));
    const formIds = new Map(forms.map(({ form }) => [form.id, form]));
    for (const service of services) {
      for (const c of service.categories)
        assert.ok(categoryIds.has(c), `${service.id}: unknown category ${c}`);
      if (service.formId !== undefined) {
        const form = formIds.get(service.formId);
        assert.ok(form, `${service.id}: forms/${service.formId}.json is missing`);
        assert.equal(form.serviceId, service.id, `form ${form.id} names another service`);
      }
    }
    const serviceIds = new Set(services.map((s) => s.id));
    const authorityIds = new Set(authorities.map((a) => a.id));
    for (const r of responsibilities) {
      assert.ok(serviceIds.has(r.serviceId), `responsibility for unknown service ${r.serviceId}`);
      assert.ok(authorityIds.has(r.authorityId), `responsibility names unknown authority ${r.authorityId}`);
    }
    for (const a of authorityIds) {
      assert.ok(
        responsibilities.some((r) => r.authorityId === a),
        `authority ${a} is never responsible for anything`,
      );
    }
  });

  it('names every form file after its id, and every form belongs to a service that uses it', () => {
    for (const { file, form } of forms) {
      assert.equal(file, `${form.id}.json`);
      assert.ok(
        services.some((s) => s.formId === form.id),
        `form ${form.id} is not used by any service`,
      );
    }
  });

  it('uses only LeiKa keys from the sourced list, and none for the services without a known key', () => {
    for (const service of services) {
      if (service.leikaKey !== undefined) {
        assert.ok(
          ALLOWED_LEIKA.has(service.leikaKey),
          `${service.id}: LeiKa key ${service.leikaKey} is not sourced`,
        );
      }
    }
    const keys = services.map((s) => s.leikaKey).filter((k) => k !== undefined);
    assert.ok(!keys.includes('99050035001000'), '99050035001000 is not Gewerbeanmeldung');
    assert.deepEqual(duplicates(keys), []);
    const byId = new Map(services.map((s) => [s.id, s]));
    for (const id of ['fahrzeugzulassung', 'baumfaellgenehmigung', 'versammlungsanzeige']) {
      assert.equal(byId.get(id)?.leikaKey, undefined, `${id} has no verified LeiKa key`);
    }
    assert.equal(byId.get('gewerbeanmeldung')?.leikaKey, '99050012104000');
    assert.equal(byId.get('kleiner-waffenschein')?.leikaKey, '99089124001000');
  });

  it('shows all three ways to apply: an own form, an external online service, or in person only', () => {
    assert.ok(services.some((s) => s.formId !== undefined));
    assert.ok(services.some((s) => s.onlineServiceUrl !== undefined));
    const inPersonOnly = services.filter((s) => s.formId === undefined && s.onlineServiceUrl === undefined);
    assert.ok(inPersonOnly.length > 0);
    for (const s of inPersonOnly) {
      assert.match(
        s.fullText?.de ?? '',
        /nicht angebunden|nicht möglich|persönlich/,
        `${s.id} says how to apply`,
      );
    }
    const zulassung = services.find((s) => s.id === 'fahrzeugzulassung');
    assert.ok(zulassung?.onlineServiceUrl, 'i-Kfz links to an external online service');
  });
});

describe('sample catalog: routing', () => {
  it('puts every location inside the Kreis and gives Heide and Brunsbüttel their verified ARS', () => {
    for (const l of locations) assert.ok(l.ars.startsWith('01051'), `${l.name} lies outside Dithmarschen`);
    assert.equal(locationArs('Heide'), '010510044044');
    assert.equal(locationArs('Brunsbüttel'), '010510011011');
  });

  it('finds a responsible authority for every service a tenant offers at every place of its area', () => {
    const gaps: string[] = [];
    for (const tenant of tenants) {
      const area = locations.filter((l) => l.ars.startsWith(tenant.ars));
      assert.ok(area.length > 0, `${tenant.id} has no locations`);
      for (const serviceId of tenant.services) {
        for (const place of area) {
          if (!responsibleFor(serviceId, place.ars)) gaps.push(`${tenant.id}: ${serviceId} @ ${place.name}`);
        }
      }
    }
    assert.deepEqual(gaps, []);
  });

  it('sends a municipal service started on the Kreis portal to the town or Amt of the applicant', () => {
    assert.equal(
      responsibleFor('gewerbeanmeldung', locationArs('Heide'))?.authorityId,
      'stadt-heide-ordnungsamt',
    );
    assert.equal(
      responsibleFor('gewerbeanmeldung', locationArs('Brunsbüttel'))?.authorityId,
      'brunsbuettel-buergerservice',
    );
    assert.equal(
      responsibleFor('gewerbeanmeldung', locationArs('Hemmingstedt'))?.authorityId,
      'amt-heider-umland-buergerbuero',
    );
    assert.equal(
      responsibleFor('wohnsitz-anmelden', locationArs('Meldorf'))?.authorityId,
      'amt-mitteldithmarschen-buergerbuero',
    );
    assert.equal(responsibleFor('gewerbeanmeldung', locationArs('Weddingstedt'))?.arsPrefix, '010515172');
  });

  it('sends a Kreis-level service to the Kreis from anywhere, unless a town decides itself', () => {
    for (const place of locations) {
      const r = responsibleFor('kleiner-waffenschein', place.ars);
      assert.deepEqual(
        [r?.arsPrefix, r?.authorityId],
        ['01051', 'kreis-dithmarschen-waffenbehoerde'],
        place.name,
      );
    }
    assert.equal(
      responsibleFor('baumfaellgenehmigung', locationArs('Wöhrden'))?.authorityId,
      'kreis-dithmarschen-naturschutz',
    );
    assert.equal(
      responsibleFor('baumfaellgenehmigung', locationArs('Heide'))?.authorityId,
      'stadt-heide-bauen-umwelt',
    );
  });

  it('does not invent a responsibility outside the modelled area', () => {
    // Büsum (Amt Büsum-Wesselburen) is not part of the sample: no fallback may pretend the Kreis handles a trade.
    assert.equal(responsibleFor('gewerbeanmeldung', '010515163020'), undefined);
    assert.equal(responsibleFor('kleiner-waffenschein', '010515163020')?.arsPrefix, '01051');
  });
});

describe('sample catalog: texts and contact data', () => {
  it('offers every text in German and English, as plain text with blank-line paragraphs', () => {
    const files: [string, unknown][] = [
      ['tenants.json', tenants],
      ['authorities.json', authorities],
      ['categories.json', categories],
      ['services.json', services],
      ...forms.map(({ file, form }): [string, unknown] => [`forms/${file}`, form]),
    ];
    for (const [file, data] of files) {
      for (const t of localizedTexts(data)) {
        assert.equal(typeof t.en, 'string', `${file}${t.path}: English text missing`);
        for (const text of [t.de, t.en] as string[]) {
          assert.doesNotMatch(text, /<[a-z/!]/i, `${file}${t.path}: markup in a plain text`);
          assert.doesNotMatch(text.replaceAll('\n\n', ''), /\n/, `${file}${t.path}: single line break`);
        }
      }
    }
  });

  it('has a summary, full text, legal basis and synonyms for every service', () => {
    for (const s of services) {
      assert.ok(s.fullText, `${s.id}: fullText`);
      assert.ok(s.costs, `${s.id}: costs`);
      assert.ok((s.legalBasis ?? []).length > 0, `${s.id}: legalBasis`);
      assert.ok((s.synonyms?.de ?? []).length >= 3, `${s.id}: German synonyms`);
      assert.ok((s.synonyms?.en ?? []).length >= 1, `${s.id}: English synonyms`);
    }
    const synonyms = (id: string): string[] => services.find((s) => s.id === id)?.synonyms?.de ?? [];
    assert.ok(synonyms('fahrzeugzulassung').includes('Auto anmelden'));
    assert.ok(synonyms('baumfaellgenehmigung').includes('Baum fällen'));
    assert.ok(synonyms('gewerbeanmeldung').includes('Firma gründen'));
  });

  it('uses reserved example domains for made-up e-mail addresses and web sites', () => {
    for (const a of authorities) {
      if (a.email !== undefined) assert.match(a.email, /@[a-z0-9.-]+\.example$/, a.id);
      if (a.website !== undefined) assert.match(new URL(a.website).hostname, /\.example$/, a.id);
    }
    for (const t of tenants) {
      for (const url of [t.privacyNoticeUrl, t.statusPageUrl, ...t.allowedOrigins]) {
        if (url === undefined) continue;
        assert.match(new URL(url).hostname, /\.example$|^localhost$|^127\.0\.0\.1$/, `${t.id}: ${url}`);
      }
    }
  });

  it('gives one tenant a theme through --ozg-* tokens', () => {
    const themed = tenants.filter((t) => t.theme !== undefined);
    assert.deepEqual(
      themed.map((t) => t.id),
      ['stadt-heide'],
    );
    assert.ok(themed[0]?.theme?.['--ozg-color-primary']);
  });
});

describe('sample catalog: form definitions', () => {
  const TODAY = '2026-03-02';
  const fileRef = (name: string, type = 'application/pdf') => ({
    uploadId: `upl_${name.replace(/\W/g, '').padEnd(16, 'x')}`,
    name,
    size: 1234,
    type,
  });
  const byId = new Map(forms.map(({ form }) => [form.id, form]));
  const get = (id: string): FormDefinition => {
    const form = byId.get(id);
    assert.ok(form, `forms/${id}.json is missing`);
    return form;
  };

  it('has the four required forms, each version 4 with 3 to 6 steps, ending with a required declaration', () => {
    for (const id of [
      'baumfaellgenehmigung',
      'versammlungsanzeige',
      'gewerbeanmeldung',
      'kleiner-waffenschein',
    ]) {
      get(id);
    }
    for (const { form } of forms) {
      assert.equal(form.version, 4, form.id);
      assert.ok(form.steps.length >= 3 && form.steps.length <= 6, `${form.id}: ${form.steps.length} steps`);
      const last = form.steps.at(-1)?.fields.at(-1);
      assert.equal(last?.type, 'checkbox', `${form.id}: ends with a checkbox`);
      assert.equal(last?.type === 'checkbox' && last.required, true, `${form.id}: declaration is required`);
      assert.match(last?.label.de ?? '', /Richtigkeit meiner Angaben/);
    }
  });

  it('names the last step for what it asks, not for sending: that happens on the check-answers page', () => {
    for (const { form } of forms) {
      const last = form.steps.at(-1)!;
      assert.deepEqual(last.title, { de: 'Erklärung', en: 'Declaration' }, form.id);
      for (const text of localizedTexts(last))
        assert.doesNotMatch(`${text.de} ${text.en}`, /Absenden\b|submission/, form.id);
    }
  });

  it('names the entries of every repeatable group in both languages', () => {
    for (const { form } of forms) {
      for (const f of form.steps.flatMap((s) => allFields(s.fields))) {
        if (f.type !== 'group' || !f.repeatable) continue;
        assert.ok(f.itemLabel?.de && f.itemLabel.en, `${form.id}/${f.id}: itemLabel`);
      }
    }
    const trees = get('baumfaellgenehmigung')
      .steps.flatMap((s) => s.fields)
      .find((f) => f.id === 'baeume');
    assert.deepEqual(trees?.type === 'group' && trees.itemLabel, { de: 'Baum', en: 'Tree' });
  });

  it('compiles every form with the form engine', () => {
    for (const { form } of forms) assert.doesNotThrow(() => compile(form), form.id);
  });

  it('bounds every upload and helps the browser fill in personal data', () => {
    for (const { form } of forms) {
      const fields = form.steps.flatMap((s) => allFields(s.fields));
      for (const f of fields.filter((x) => x.type === 'file')) {
        assert.ok(f.type === 'file' && f.accept && f.maxSize, `${form.id}/${f.id}: accept and maxSize`);
      }
      const tokens = fields.map((f) => ('autocomplete' in f ? f.autocomplete : undefined));
      for (const token of ['given-name', 'family-name', 'street-address', 'postal-code', 'email']) {
        assert.ok(tokens.includes(token), `${form.id}: autocomplete ${token}`);
      }
    }
  });

  const applicant = {
    vorname: 'Erika',
    familienname: 'Mustermann',
    strasse: 'Beispielweg 1',
    plz: '25746',
    ort: 'Heide',
    email: 'erika@mustermann.example',
  };

  it('Baumfällgenehmigung: asks for the owner’s consent only when the applicant is not the owner', () => {
    const form = compile(get('baumfaellgenehmigung'));
    const data = {
      ...applicant,
      verhaeltnis: 'eigentum',
      grundstueck_strasse: 'Lindenweg 4',
      grundstueck_plz: '25770',
      grundstueck_ort: 'Hemmingstedt',
      flurstueck: '12/3',
      baeume: [{ baumart: 'Birke', stammumfang: 95, grund: 'krank' }],
      fotos: [fileRef('birke.jpg', 'image/jpeg')],
      richtigkeit: true,
    };
    const ok = form.validate(data, { today: TODAY });
    assert.equal(ok.ok, true, JSON.stringify(ok.ok ? '' : ok.errors));

    const tenant = form.validate({ ...data, verhaeltnis: 'miete' }, { today: TODAY });
    assert.equal(tenant.ok, false);
    assert.ok(!tenant.ok && tenant.errors.some((e) => e.pointer === '/zustimmung_eigentuemer'));
  });

  it('Baumfällgenehmigung: takes 1 to 10 trees and wants a description for “sonstiges”', () => {
    const form = compile(get('baumfaellgenehmigung'));
    const tree = { baumart: 'Eiche', stammumfang: 180, grund: 'sonstiges' };
    const base = {
      ...applicant,
      verhaeltnis: 'eigentum',
      grundstueck_strasse: 'Lindenweg 4',
      grundstueck_plz: '25770',
      grundstueck_ort: 'Hemmingstedt',
      fotos: [fileRef('eiche.jpg', 'image/jpeg')],
      richtigkeit: true,
    };
    const missingReason = form.validate({ ...base, baeume: [tree] }, { today: TODAY });
    assert.ok(
      !missingReason.ok && missingReason.errors.some((e) => e.pointer === '/baeume/0/grund_sonstiges'),
    );
    const described = { ...tree, grund_sonstiges: 'Der Baum verschattet die Solaranlage.' };
    assert.equal(form.validate({ ...base, baeume: [described] }, { today: TODAY }).ok, true);
    assert.equal(form.validate({ ...base, baeume: Array(11).fill(described) }, { today: TODAY }).ok, false);
    assert.equal(form.validate({ ...base, baeume: [] }, { today: TODAY }).ok, false);
  });

  it('Versammlungsanzeige: asks for stewards only above 50 participants and for the route only for a march', () => {
    const form = compile(get('versammlungsanzeige'));
    const data = {
      veranstalter_art: 'person',
      ...applicant,
      telefon: '0481 000000',
      leitung_selbst: 'ja',
      thema: 'Mehr Radwege in Heide',
      datum: '2026-03-20',
      beginn: '14:00',
      ende: '16:00',
      form: 'ortsfest',
      versammlung_plz: '25746',
      versammlung_ort: 'Heide',
      kundgebungsort: 'Marktplatz, Nordseite',
      teilnehmende: 40,
      hilfsmittel: ['megafon'],
      richtigkeit: true,
    };
    assert.equal(form.validate(data, { today: TODAY }).ok, true);
    assert.equal(form.isVisible('ordner', data), false);
    assert.equal(form.isVisible('ordner', { ...data, teilnehmende: 51 }), true);
    const big = form.validate({ ...data, teilnehmende: 200 }, { today: TODAY });
    assert.ok(!big.ok && big.errors.some((e) => e.pointer === '/ordner'));
    const march = form.validate({ ...data, form: 'aufzug' }, { today: TODAY });
    assert.ok(!march.ok && march.errors.some((e) => e.pointer === '/route'));
    const vehicles = form.validate({ ...data, hilfsmittel: ['fahrzeuge'] }, { today: TODAY });
    assert.ok(!vehicles.ok && vehicles.errors.some((e) => e.pointer === '/fahrzeuge_anzahl'));
    const badTime = form.validate({ ...data, beginn: '25:00' }, { today: TODAY });
    assert.ok(!badTime.ok && badTime.errors.some((e) => e.pointer === '/beginn'));
  });

  it('Gewerbeanmeldung: wants company name and register number only for companies', () => {
    const form = compile(get('gewerbeanmeldung'));
    const data = {
      anmeldeart: 'neuerrichtung',
      betriebsart: 'hauptniederlassung',
      ...applicant,
      geburtsdatum: '1985-06-15',
      geburtsort: 'Kiel',
      staatsangehoerigkeit: 'deutsch',
      rechtsform: 'einzelunternehmen',
      taetigkeit: 'Einzelhandel mit Fahrrädern und Zubehör',
      beginn: '2026-04-01',
      erwerb: 'haupterwerb',
      beschaeftigte_vollzeit: 0,
      beschaeftigte_teilzeit: 1,
      erlaubnis: 'nein',
      betrieb_strasse: 'Friedrichstraße 5',
      betrieb_plz: '25746',
      betrieb_ort: 'Heide',
      richtigkeit: true,
    };
    const ok = form.validate(data, { today: TODAY });
    assert.equal(ok.ok, true, JSON.stringify(ok.ok ? '' : ok.errors));
    assert.equal(form.isVisible('firmenname', data), false);

    const gmbh = form.validate({ ...data, rechtsform: 'gmbh' }, { today: TODAY });
    const pointers = gmbh.ok ? [] : gmbh.errors.map((e) => e.pointer);
    assert.ok(pointers.includes('/firmenname') && pointers.includes('/registernummer'), pointers.join());
    const gbr = form.validate({ ...data, rechtsform: 'gbr', firmenname: 'Rad & Tat GbR' }, { today: TODAY });
    assert.equal(gbr.ok, true, 'a GbR has no register number to give');
    const badPlz = form.validate({ ...data, betrieb_plz: '2574' }, { today: TODAY });
    assert.ok(!badPlz.ok && badPlz.errors.some((e) => e.pointer === '/betrieb_plz'));
    const takeover = form.validate({ ...data, anmeldeart: 'uebernahme' }, { today: TODAY });
    assert.ok(!takeover.ok && takeover.errors.some((e) => e.pointer === '/vorinhaber'));
  });

  it('Kleiner Waffenschein: requires the declaration to be ticked', () => {
    const form = compile(get('kleiner-waffenschein'));
    const data = {
      ...applicant,
      geburtsdatum: '1980-01-31',
      geburtsort: 'Heide',
      staatsangehoerigkeit: 'deutsch',
      frueherer_wohnsitz: 'nein',
      verfahren: 'nein',
      ausweis: [fileRef('ausweis.pdf')],
      richtigkeit: true,
    };
    assert.equal(form.validate(data, { today: TODAY }).ok, true);
    const unticked = form.validate({ ...data, richtigkeit: false }, { today: TODAY });
    assert.ok(!unticked.ok && unticked.errors.some((e) => e.pointer === '/richtigkeit'));
  });
});
