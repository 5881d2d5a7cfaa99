import { expect } from '@open-wc/testing';
import { escapeToken, toPointer } from '../../src/forms/pointer.ts';

describe('JSON Pointer', () => {
  it('escapes ~ and / as RFC 6901 requires', () => {
    expect(escapeToken('a/b~c')).to.equal('a~1b~0c');
    expect(escapeToken('~1')).to.equal('~01');
    expect(toPointer(['owners', 1, 'name'])).to.equal('/owners/1/name');
    expect(toPointer(['a/b', '~'])).to.equal('/a~1b/~0');
    expect(toPointer([])).to.equal('');
  });
});
