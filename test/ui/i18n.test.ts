import { expect } from '@open-wc/testing';
import { defineMessages, format } from '../../src/ui/index.ts';

const msg = defineMessages({
  de: { hello: 'Hallo {name}!', count: '{n} Leistungen' },
  en: { hello: 'Hello {name}!', count: '' },
});

describe('i18n', () => {
  it('translates with {name} interpolation', () => {
    expect(msg('de', 'hello', { name: 'Kim' })).to.equal('Hallo Kim!');
    expect(msg('en', 'hello', { name: 'Kim' })).to.equal('Hello Kim!');
  });

  it('falls back to German for other languages and empty English texts', () => {
    expect(msg('fr', 'hello', { name: 'Kim' })).to.equal('Hallo Kim!');
    expect(msg(undefined, 'count', { n: 3 })).to.equal('3 Leistungen');
    expect(msg('en', 'count', { n: 3 })).to.equal('3 Leistungen');
  });

  it('leaves unknown placeholders visible', () => {
    expect(format('{a} {b}', { a: 1 })).to.equal('1 {b}');
  });

  it('requires the same keys in English (type check)', () => {
    // @ts-expect-error `en` lacks the key `hello`
    const broken = defineMessages({ de: { hello: 'Hallo' }, en: {} });
    expect(broken('en', 'hello')).to.equal('Hallo');
  });
});
