import { expect } from '@open-wc/testing';
import type { Location } from '../../src/contract/catalog.ts';
import { editDistance, findPlaces, matchesTyped, placeInQuery, placeOf } from '../../src/search/places.ts';

const place = (name: string, postalCode: string, ars: string): Location => ({
  name,
  postalCodes: [postalCode],
  ars,
});

/** Places of the sample area (Kreis Dithmarschen, ARS 01051) and one outside it. */
const locations: Location[] = [
  place('Heide', '25746', '010510044044'),
  place('Brunsbüttel', '25541', '010510011011'),
  place('Hemmingstedt', '25770', '010515172048'),
  place('Wöhrden', '25797', '010515172113'),
  place('Meldorf', '25704', '010515175074'),
  place('Albersdorf', '25767', '010515175001'),
  place('Sankt Michaelisdonn', '25693', '010515171999'),
  place('Kiel', '24103', '010020000000'),
];
const AREA = '01051';

const names = (query: string): string[] => findPlaces(locations, AREA, query).map((l) => l.name);

describe('findPlaces', () => {
  it('finds places by part of the name, umlauts typed either way, or by the start of a postal code', () => {
    expect(names('heide')).to.deep.equal(['Heide']);
    expect(names('Wöhrden')).to.deep.equal(['Wöhrden']);
    expect(names('woehrden')).to.deep.equal(['Wöhrden']);
    expect(names('Wohrden')).to.deep.equal(['Wöhrden']);
    expect(names('Brunsbuttel')).to.deep.equal(['Brunsbüttel']);
    expect(names('dorf')).to.deep.equal(['Albersdorf', 'Meldorf']);
    expect(names('25746')).to.deep.equal(['Heide']);
    expect(names('2577')).to.deep.equal(['Hemmingstedt']);
  });

  it('suggests the places a name with a typo means, closest first', () => {
    for (const typo of ['Brunsbütel', 'brunsbutel', 'Brunsbüttl', 'Brusnbüttel']) {
      expect(names(typo), typo).to.deep.equal(['Brunsbüttel']);
      expect(matchesTyped(findPlaces(locations, AREA, typo)[0]!, typo), typo).to.equal(false);
    }
    expect(names('Hemingstedt')).to.deep.equal(['Hemmingstedt']);
    // Two typos in a long word, one in a shorter one; a word of a longer name counts on its own.
    expect(names('Hemingsted')).to.deep.equal(['Hemmingstedt']);
    expect(names('Alebrsdorff')).to.deep.equal(['Albersdorf']);
    expect(names('Meldrf')).to.deep.equal(['Meldorf']);
    expect(names('Michaelisdom')).to.deep.equal(['Sankt Michaelisdonn']);
    expect(matchesTyped(findPlaces(locations, AREA, 'heide')[0]!, 'heide')).to.equal(true);
  });

  it('suggests nothing for short words, far-off words and places outside the area', () => {
    expect(names('Hed')).to.deep.equal([]);
    expect(names('Mldbrf')).to.deep.equal([]);
    expect(names('Xylophonhausen')).to.deep.equal([]);
    expect(names('Kiel')).to.deep.equal([]);
    expect(names('Kiehl')).to.deep.equal([]);
    expect(names('24103')).to.deep.equal([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours, up to a maximum', () => {
    expect(editDistance('heide', 'heide', 1)).to.equal(0);
    expect(editDistance('brunsbuetel', 'brunsbuettel', 2)).to.equal(1);
    expect(editDistance('meldrof', 'meldorf', 1)).to.equal(1);
    expect(editDistance('meldorf', 'meldxyz', 2)).to.equal(3);
    expect(editDistance('kiel', 'kielerhafen', 2)).to.equal(3);
    expect(editDistance('', 'ab', 2)).to.equal(2);
  });
});

describe('placeInQuery', () => {
  it('finds the place a service search names, by whole name or postal code', () => {
    expect(placeInQuery(locations, 'Hundesteuer Heide')).to.deep.equal({
      location: locations[0],
      words: ['heide'],
    });
    expect(placeInQuery(locations, 'Hundesteuer 25746')?.words).to.deep.equal(['25746']);
    expect(placeInQuery(locations, 'Wohngeld in Wohrden')).to.deep.equal({
      location: locations[3],
      words: ['wohrden'],
    });
    expect(placeInQuery(locations, 'Sankt Michaelisdonn Wohngeld')?.words).to.deep.equal([
      'sankt',
      'michaelisdonn',
    ]);
  });

  it('does not take parts of words, parts of names, or one of two places', () => {
    expect(placeInQuery(locations, 'Heider Wohngeld')).to.equal(undefined);
    expect(placeInQuery(locations, 'Michaelisdonn')).to.equal(undefined);
    expect(placeInQuery(locations, 'Heide Meldorf')).to.equal(undefined);
    expect(placeInQuery(locations, 'Hundesteuer')).to.equal(undefined);
  });
});

describe('placeOf', () => {
  it('still decides a Gemeinde by postal code alone', () => {
    expect(placeOf(locations, '25746')).to.deep.equal({ kind: 'found', location: locations[0] });
    expect(placeOf(locations, '99999')).to.deep.equal({ kind: 'unknown' });
  });
});
