import { expect } from '@open-wc/testing';
import type { Condition } from '../../src/contract/form-definition.ts';
import { evaluate } from '../../src/forms/index.ts';

const lookupOf =
  (data: Record<string, unknown>) =>
  (id: string): unknown =>
    data[id];

/** Each row: value of field `x`, expected result. */
function table(condition: Condition, rows: [unknown, boolean][]): void {
  for (const [value, expected] of rows) {
    expect(
      evaluate(condition, lookupOf({ x: value })),
      `${JSON.stringify(condition)} with ${JSON.stringify(value)}`,
    ).to.equal(expected);
  }
}

describe('evaluate', () => {
  it('equals', () => {
    table({ field: 'x', equals: 'ja' }, [
      ['ja', true],
      ['nein', false],
      ['JA', false],
      [undefined, false],
      ['', false],
    ]);
    table({ field: 'x', equals: 3 }, [
      [3, true],
      ['3', true],
      [' 3 ', true],
      [4, false],
      ['drei', false],
      [undefined, false],
    ]);
    table({ field: 'x', equals: true }, [
      [true, true],
      [false, false],
      ['true', false],
      [undefined, false],
    ]);
  });

  it('notEquals is the negation of equals (also when not answered)', () => {
    table({ field: 'x', notEquals: 'ja' }, [
      ['ja', false],
      ['nein', true],
      [undefined, true],
    ]);
    table({ field: 'x', notEquals: false }, [
      [false, false],
      [true, true],
    ]);
  });

  it('in', () => {
    table({ field: 'x', in: ['a', 'b', 2] }, [
      ['a', true],
      ['b', true],
      ['2', true],
      [2, true],
      ['c', false],
      [undefined, false],
    ]);
  });

  it('filled follows the emptiness rule', () => {
    table({ field: 'x', filled: true }, [
      ['text', true],
      [0, true],
      [false, true],
      [['a'], true],
      [{}, true],
      ['', false],
      ['   ', false],
      [[], false],
      [undefined, false],
      [null, false],
    ]);
    table({ field: 'x', filled: false }, [
      ['text', false],
      ['', true],
      [[], true],
      [undefined, true],
    ]);
  });

  it('gt / gte / lt / lte compare numbers, numeric strings count', () => {
    table({ field: 'x', gt: 10 }, [
      [11, true],
      ['11', true],
      ['10,5', true],
      [10, false],
      [9, false],
      ['abc', false],
      [undefined, false],
      [true, false],
    ]);
    table({ field: 'x', gte: 10 }, [
      [10, true],
      ['10', true],
      [9.99, false],
      [undefined, false],
    ]);
    table({ field: 'x', lt: 0 }, [
      [-1, true],
      ['-0.5', true],
      [0, false],
      ['', false],
    ]);
    table({ field: 'x', lte: 5 }, [
      [5, true],
      ['5.0', true],
      [5.01, false],
      [undefined, false],
    ]);
  });

  it('contains checks a checkbox-group answer', () => {
    table({ field: 'x', contains: 'eiche' }, [
      [['eiche', 'buche'], true],
      [['buche'], false],
      [[], false],
      ['eiche', false],
      [undefined, false],
    ]);
  });

  it('all / any / not and their nesting', () => {
    const a = { field: 'a', equals: true } as const;
    const b = { field: 'b', equals: true } as const;
    const cases: [boolean, boolean][] = [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ];
    for (const [va, vb] of cases) {
      const lookup = lookupOf({ a: va, b: vb });
      expect(evaluate({ all: [a, b] }, lookup)).to.equal(va && vb);
      expect(evaluate({ any: [a, b] }, lookup)).to.equal(va || vb);
      expect(evaluate({ not: a }, lookup)).to.equal(!va);
      expect(evaluate({ not: { all: [a, b] } }, lookup)).to.equal(!(va && vb));
      expect(evaluate({ any: [{ not: a }, { all: [a, b] }] }, lookup)).to.equal(!va || (va && vb));
      expect(evaluate({ all: [{ any: [a, b] }, { not: { all: [a, b] } }] }, lookup)).to.equal(va !== vb);
    }
  });

  it('asks only for the fields it needs', () => {
    const asked: string[] = [];
    const lookup = (id: string): unknown => {
      asked.push(id);
      return id === 'a' ? 'x' : undefined;
    };
    expect(
      evaluate(
        {
          any: [
            { field: 'a', equals: 'x' },
            { field: 'b', filled: true },
          ],
        },
        lookup,
      ),
    ).to.equal(true);
    expect(asked).to.deep.equal(['a']);
  });
});
