import { expect } from '@open-wc/testing';
import { fold, foldPlain } from '../../src/search/index.ts';

describe('fold', () => {
  it('lower-cases and spells out umlauts and ß, also in capitals', () => {
    expect(fold('Führerschein')).to.equal('fuehrerschein');
    expect(fold('ÄRGER Öl Übung')).to.equal('aerger oel uebung');
    expect(fold('Straße')).to.equal('strasse');
    expect(fold('GROẞE STRAẞE')).to.equal('grosse strasse');
  });

  it('makes "Strasse" and "Straße" the same word', () => {
    expect(fold('Strasse')).to.equal(fold('Straße'));
    expect(fold('fuehrerschein')).to.equal(fold('Führerschein'));
  });

  it('strips other diacritics', () => {
    expect(fold('Café Crème Brûlée')).to.equal('cafe creme brulee');
    expect(fold('Łódź Ñandú')).to.equal('łodz nandu');
  });

  it('recognises umlauts written as a letter plus combining diaeresis', () => {
    expect(fold('Fu\u0308hrerschein')).to.equal('fuehrerschein');
  });

  it('turns punctuation into single spaces and trims', () => {
    expect(fold('  Kfz-Zulassung,  (i-Kfz)!  ')).to.equal('kfz zulassung i kfz');
    expect(fold('Hundesteuer – Anmeldung')).to.equal('hundesteuer anmeldung');
    expect(fold('§ 35 GewO')).to.equal('35 gewo');
    expect(fold(' – ')).to.equal('');
    expect(fold('')).to.equal('');
  });

  it('keeps digits', () => {
    expect(fold('99050012104000')).to.equal('99050012104000');
  });

  it('offers a plain variant without umlaut dots that keeps the words aligned', () => {
    expect(foldPlain('Führerschein für Straßen')).to.equal('fuhrerschein fur strassen');
    expect(foldPlain('Führerschein für Straßen').split(' ')).to.have.length(
      fold('Führerschein für Straßen').split(' ').length,
    );
  });
});
