import { expect } from '@open-wc/testing';
import { formatIban, isValidIban, isValidPostalCode, normalizeIban } from '../../src/forms/index.ts';

describe('IBAN', () => {
  it('accepts valid IBANs of several countries', () => {
    for (const iban of [
      'DE89370400440532013000',
      'AT611904300234573201',
      'NL91ABNA0417164300',
      'GB29NWBK60161331926819',
    ]) {
      expect(isValidIban(iban), iban).to.equal(true);
    }
  });

  it('accepts spaces and lower case', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).to.equal(true);
    expect(isValidIban('de89370400440532013000')).to.equal(true);
    expect(isValidIban(' gb29 nwbk 6016 1331 9268 19 ')).to.equal(true);
  });

  it('rejects a wrong checksum', () => {
    expect(isValidIban('DE89370400440532013001')).to.equal(false);
    expect(isValidIban('DE88370400440532013000')).to.equal(false);
    expect(isValidIban('NL91ABNA0417164301')).to.equal(false);
  });

  it('rejects a wrong length even when the checksum matches', () => {
    // 23 characters with a correct mod-97 checksum: only the German length rule can reject it.
    expect(isValidIban('DE543704004405320130001')).to.equal(false);
    expect(isValidIban('DE8937040044053201300')).to.equal(false);
    expect(isValidIban('AT61190430023457320')).to.equal(false);
  });

  it('rejects garbage', () => {
    for (const bad of ['', 'DE', '1234567890', 'DE89-3704-0044-0532-0130-00', 'ÄÖ89370400440532013000']) {
      expect(isValidIban(bad), bad).to.equal(false);
    }
  });

  it('normalizes and formats', () => {
    expect(normalizeIban(' de89 3704 0044 0532 0130 00 ')).to.equal('DE89370400440532013000');
    expect(formatIban('de89370400440532013000')).to.equal('DE89 3704 0044 0532 0130 00');
    expect(formatIban('NL91ABNA0417164300')).to.equal('NL91 ABNA 0417 1643 00');
  });
});

describe('postal code', () => {
  it('accepts five digits in the range in use', () => {
    for (const code of ['25746', '01001', '99998', '10115', ' 25746 ']) {
      expect(isValidPostalCode(code), code).to.equal(true);
    }
  });

  it('rejects anything else', () => {
    for (const code of ['2574', '257460', '00000', '01000', '99999', '2574a', 'D-25746', '25 746', '']) {
      expect(isValidPostalCode(code), code).to.equal(false);
    }
  });
});
