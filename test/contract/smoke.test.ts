import { expect } from '@open-wc/testing';
import { LocalizedText, localize } from '../../src/contract/index.ts';

describe('contract smoke', () => {
  it('localizes with German fallback', () => {
    const t = LocalizedText.parse({ de: 'Hallo' });
    expect(localize(t, 'en')).to.equal('Hallo');
  });
});
