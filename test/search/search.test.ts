import { expect } from '@open-wc/testing';
import type { ServiceSummary } from '../../src/contract/catalog.ts';
import { buildIndex, categoryCounts, search } from '../../src/search/index.ts';
import { services } from './fixtures.ts';

const de = buildIndex(services, 'de');
const en = buildIndex(services, 'en');

const ids = (query: string, options?: { category?: string; limit?: number }): string[] =>
  search(de, query, options).items.map((s) => s.id);
const first = (query: string): string | undefined => ids(query)[0];

/** A service with only the fields search looks at. */
const service = (id: string, name: string, summary = 'Ein Verwaltungsverfahren.'): ServiceSummary => ({
  id,
  name: { de: name },
  summary: { de: summary },
  categories: ['test'],
});

describe('search: matching', () => {
  it('finds the vehicle registration for "Auto anmelden" through its synonym, first', () => {
    expect(first('Auto anmelden')).to.equal('fahrzeugzulassung');
    expect(first('auto anmel')).to.equal('fahrzeugzulassung');
  });

  for (const query of ['baum', 'Baum fällen', 'baum fälen', 'baumfaell', 'Baumfällgenehmigung']) {
    it(`finds the tree felling permit for "${query}"`, () => {
      expect(first(query)).to.equal('baumfaellgenehmigung');
    });
  }

  it('finds parts of compound words without any synonym', () => {
    const index = buildIndex(
      [
        service('baum', 'Baumfällgenehmigung'),
        service('gewerbe', 'Gewerbeanmeldung'),
        service('hund', 'Hundesteuer'),
      ],
      'de',
    );
    const found = (q: string): string[] => search(index, q).items.map((s) => s.id);
    expect(found('Baum fällen')).to.deep.equal(['baum']);
    expect(found('baum fälen')).to.deep.equal(['baum']);
    expect(found('fällgenehmigung')).to.deep.equal(['baum']);
    expect(found('anmeldung')).to.deep.equal(['gewerbe']);
    expect(found('Gewerbe anmelden')).to.deep.equal(['gewerbe']);
  });

  it('tolerates typos', () => {
    expect(first('gewrbe')).to.equal('gewerbeanmeldung');
    expect(first('Gewerbeanmeldnug')).to.equal('gewerbeanmeldung');
    expect(first('Baumfällgenehmigunk')).to.equal('baumfaellgenehmigung');
  });

  it('matches "Straße" whether typed with ß, ss or one s', () => {
    for (const query of ['strasse', 'Straße', 'STRASSE', 'strase']) {
      expect(ids(query), query).to.include('sondernutzung');
    }
  });

  it('matches "Führerschein" typed as fuehrerschein, fuhrerschein or Führerschein', () => {
    for (const query of ['fuhrerschein', 'fuehrerschein', 'Führerschein', 'FÜHRERSCHEIN']) {
      expect(first(query), query).to.equal('fuehrerschein');
    }
  });

  it('also matches umlauts typed where the text has none', () => {
    const index = buildIndex(
      [service('fuhrpark', 'Fuhrparkverwaltung'), service('buero', 'Buergerbuero')],
      'de',
    );
    expect(search(index, 'Führpark').items.map((s) => s.id)).to.deep.equal(['fuhrpark']);
    expect(search(index, 'Bürgerbüro').items.map((s) => s.id)).to.deep.equal(['buero']);
  });

  it('finds a service by its exact LeiKa key and not by a part of it', () => {
    expect(ids('99050012104000')).to.deep.equal(['gewerbeanmeldung']);
    expect(ids('9905')).to.deep.equal([]);
  });

  it('requires every query word to match', () => {
    expect(ids('Gewerbe anmelden')).to.deep.equal(['gewerbeanmeldung']);
    expect(ids('Gewerbe Hund')).to.deep.equal([]);
  });

  it('returns nothing for a query that matches nothing', () => {
    expect(search(de, 'Xylophonunterricht')).to.deep.equal({ items: [], total: 0 });
  });

  it('ignores stop words unless they are all there is', () => {
    expect(first('das Wohngeld')).to.equal('wohngeld');
    expect(ids('das Wohngeld Xylophon')).to.deep.equal([]);
    expect(search(de, 'für').total).to.be.greaterThan(0);
  });
});

describe('search: ignored words', () => {
  it('leaves out the words it is told to ignore, in any spelling (a place named in the query)', () => {
    expect(ids('Hundesteuer Heide')).to.deep.equal([]);
    expect(search(de, 'Hundesteuer Heide', { ignore: ['heide'] }).items[0]?.id).to.equal('hundesteuer');
    expect(search(de, 'Hund in Wöhrden', { ignore: ['Wöhrden'] }).items[0]?.id).to.equal('hundesteuer');
    expect(search(de, 'Wohngeld Wöhrden', { ignore: ['woehrden'] }).items[0]?.id).to.equal('wohngeld');
    // Nothing left: every service, as for an empty query.
    expect(search(de, 'Heide', { ignore: ['heide'] }).total).to.equal(services.length);
    // The phrase bonus looks at the words that are left.
    expect(search(de, 'Auto anmelden Heide', { ignore: ['heide'] }).items[0]?.id).to.equal(
      'fahrzeugzulassung',
    );
  });
});

describe('search: ranking', () => {
  it('ranks a match at the start of the name before one later in the name', () => {
    expect(ids('waffenschein')).to.deep.equal(['waffenschein', 'kleiner-waffenschein']);
  });

  it('ranks name matches before synonym matches before summary matches', () => {
    const index = buildIndex(
      [
        service('summary', 'Bescheid', 'Zuschuss für Wohnraum.'),
        { ...service('synonym', 'Beihilfe'), synonyms: { de: ['Wohnraum schaffen'] } },
        service('name', 'Förderung Wohnraum'),
      ],
      'de',
    );
    expect(search(index, 'wohnraum').items.map((s) => s.id)).to.deep.equal(['name', 'synonym', 'summary']);
  });

  it('ranks exact words before prefixes before compound parts', () => {
    const index = buildIndex(
      [
        service('inside', 'Gewerbeanmeldung'),
        service('prefix', 'Anmeldungen'),
        service('exact', 'Anmeldung'),
      ],
      'de',
    );
    expect(search(index, 'anmeldung').items.map((s) => s.id)).to.deep.equal(['exact', 'prefix', 'inside']);
  });

  it('breaks ties by shorter name, then alphabetically', () => {
    const index = buildIndex(
      [
        service('long', 'Anmeldung Fahrrad'),
        service('boot', 'Anmeldung Boot'),
        service('auto', 'Anmeldung Auto'),
      ],
      'de',
    );
    expect(search(index, 'anmeldung').items.map((s) => s.id)).to.deep.equal(['auto', 'boot', 'long']);
  });

  it('puts a service first whose one-word synonym is the query', () => {
    expect(first('Bauantrag')).to.equal('baugenehmigung');
    expect(first('Briefwahl')).to.equal('wahlschein');
  });

  it('puts the service whose synonym is the exact phrase first', () => {
    const index = buildIndex(
      [
        service('other', 'Auto anmelden und abmelden'),
        { ...service('kfz', 'Zulassungsstelle'), synonyms: { de: ['Auto anmelden'] } },
      ],
      'de',
    );
    expect(search(index, 'auto anmelden').items.map((s) => s.id)).to.deep.equal(['kfz', 'other']);
  });
});

describe('search: empty query, categories, limit', () => {
  it('lists all services sorted by name for an empty query', () => {
    const names = search(de, '').items.map((s) => s.name.de);
    expect(names).to.have.length(services.length);
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'de')));
    expect(search(de, '  – ').total).to.equal(services.length);
  });

  it('filters by category, with and without a query', () => {
    const mobility = search(de, '', { category: 'mobilitaet' }).items;
    expect(mobility.map((s) => s.id).sort()).to.deep.equal(
      ['bewohnerparkausweis', 'fahrzeugzulassung', 'fuehrerschein', 'sondernutzung'].sort(),
    );
    expect(ids('anmelden', { category: 'meldewesen' })).to.deep.equal(['wohnsitz-anmelden']);
    expect(search(de, 'baum', { category: 'wirtschaft' })).to.deep.equal({ items: [], total: 0 });
  });

  it('limits the items but counts all matches', () => {
    const all = search(de, 'anmelden');
    const limited = search(de, 'anmelden', { limit: 2 });
    expect(all.total).to.be.greaterThan(2);
    expect(limited.total).to.equal(all.total);
    expect(limited.items).to.deep.equal(all.items.slice(0, 2));
    expect(search(de, '', { limit: 3 }).items).to.have.length(3);
    expect(search(de, 'anmelden', { limit: 0 })).to.deep.equal({ items: [], total: all.total });
    expect(search(de, 'anmelden', { limit: -1 }).items).to.deep.equal([]);
  });

  it('counts services per category', () => {
    const counts = categoryCounts(services);
    expect(counts.get('mobilitaet')).to.equal(4);
    expect(counts.get('bauen-wohnen')).to.equal(4);
    expect(counts.get('familie')).to.equal(1);
    expect(counts.has('unbekannt')).to.equal(false);
    expect(categoryCounts(search(de, 'waffenschein').items)).to.deep.equal(
      new Map([['sicherheit-ordnung', 2]]),
    );
  });

  it('copes with an empty catalog and with overlong queries', () => {
    const empty = buildIndex([], 'de');
    expect(search(empty, '')).to.deep.equal({ items: [], total: 0 });
    expect(search(empty, 'Gewerbeanmeldung')).to.deep.equal({ items: [], total: 0 });
    expect(first(`${'Gewerbe '.repeat(100)}anmelden`)).to.equal('gewerbeanmeldung');
  });

  it('returns the caller’s own objects', () => {
    const found = search(de, 'wohngeld').items[0];
    expect(found).to.equal(services.find((s) => s.id === 'wohngeld'));
  });
});

describe('search: English', () => {
  it('searches English names and synonyms', () => {
    expect(search(en, 'register a business').items[0]?.id).to.equal('gewerbeanmeldung');
    expect(search(en, 'dog').items[0]?.id).to.equal('hundesteuer');
    expect(search(en, 'register a car').items[0]?.id).to.equal('fahrzeugzulassung');
  });

  it('falls back to German texts and still finds German names and synonyms', () => {
    expect(search(en, 'Sondernutzung').items[0]?.id).to.equal('sondernutzung');
    expect(search(en, 'Gewerbeanmeldung').items[0]?.id).to.equal('gewerbeanmeldung');
    expect(search(en, 'Auto anmelden').items[0]?.id).to.equal('fahrzeugzulassung');
  });

  it('matches whole English words, not longer words they start ("car" is not "ID card")', () => {
    const english = (id: string, name: string, summary: string): ServiceSummary => ({
      id,
      name: { de: id, en: name },
      summary: { de: id, en: summary },
      categories: ['test'],
    });
    const index = buildIndex(
      [
        english('kfz', 'Register a car', 'Register your car online.'),
        english('ausweis', 'Apply for an ID card', 'A new ID card.'),
        english('carport', 'Build a carport', 'Permit for a carport.'),
        english('boxen', 'Rent boxes', 'Storage boxes.'),
      ],
      'en',
    );
    const found = (q: string): string[] =>
      search(index, q)
        .items.map((s) => s.id)
        .sort();
    expect(found('car')).to.deep.equal(['kfz']);
    expect(found('cars')).to.deep.equal(['kfz']);
    expect(found('card')).to.deep.equal(['ausweis']);
    expect(found('box')).to.deep.equal(['boxen']);
    // A word the index does not know is still being typed: it matches the words it starts.
    expect(found('ca')).to.deep.equal(['ausweis', 'carport', 'kfz']);
    expect(found('carp')).to.deep.equal(['carport']);
    // German keeps matching inside compounds.
    expect(search(de, 'hund').items[0]?.id).to.equal('hundesteuer');
  });

  it('sorts the empty query by the English names', () => {
    const names = search(en, '').items.map((s) => s.name.en ?? s.name.de);
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'de')));
  });
});
