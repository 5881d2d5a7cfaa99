import { expect } from '@open-wc/testing';
import { ServiceSummary } from '../../src/contract/catalog.ts';
import { GENERATED_CATEGORIES, generateServices } from './generate.ts';

describe('generateServices', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateServices(50, 7)).to.deep.equal(generateServices(50, 7));
    expect(generateServices(50, 8)).not.to.deep.equal(generateServices(50, 7));
  });

  it('produces valid, uniquely identified services of the requested number', () => {
    const list = generateServices(500, 3);
    expect(list).to.have.length(500);
    expect(new Set(list.map((s) => s.id)).size).to.equal(500);
    for (const s of list) {
      expect(ServiceSummary.safeParse(s).success, s.id).to.equal(true);
      for (const c of s.categories) expect(GENERATED_CATEGORIES).to.include(c);
    }
  });

  it('builds German compound names with umlauts, English names and synonyms for some', () => {
    const list = generateServices(1000, 1);
    expect(
      list.some((s) => /^[A-ZÄÖÜ][a-zäöüß]+(genehmigung|anmeldung|erlaubnis)\b/.test(s.name.de)),
    ).to.equal(true);
    expect(list.some((s) => /[äöüß]/.test(s.name.de))).to.equal(true);
    expect(list.filter((s) => s.name.en).length).to.be.within(300, 700);
    expect(list.filter((s) => s.synonyms?.de?.length).length).to.be.greaterThan(500);
    expect(list.filter((s) => s.leikaKey).length).to.be.greaterThan(500);
  });
});
