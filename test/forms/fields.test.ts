import { expect } from '@open-wc/testing';
import type { Field } from '../../src/contract/form-definition.ts';
import { compile, fileTypeNames, orList } from '../../src/forms/index.ts';

const options = [
  { value: 'eiche', label: { de: 'Eiche', en: 'Oak' } },
  { value: 'buche', label: { de: 'Buche', en: 'Beech' } },
  { value: 'linde', label: { de: 'Linde', en: 'Lime' } },
];
const file = (name: string, type: string, size: number) => ({
  uploadId: 'upl_0123456789abcdef',
  name,
  type,
  size,
});

interface Case {
  field: Field;
  good: [unknown, unknown][]; // input, normalised output
  bad: [unknown, string][]; // input, code
}

const label = { de: 'Feld', en: 'Field' };
const CASES: Case[] = [
  {
    field: {
      id: 'v',
      type: 'text',
      label,
      required: true,
      minLength: 2,
      maxLength: 5,
      pattern: '[A-Z]+\\d*',
    },
    good: [
      ['AB1', 'AB1'],
      ['  ABC ', 'ABC'],
    ],
    bad: [
      ['', 'required'],
      ['   ', 'required'],
      ['A', 'too_short'],
      ['ABCDEF', 'too_long'],
      ['ab1', 'pattern'],
      [12, 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'textarea', label, maxLength: 10 },
    good: [
      ['Zeile 1\nZ2', 'Zeile 1\nZ2'],
      ['', undefined],
    ],
    bad: [
      ['x'.repeat(11), 'too_long'],
      [['x'], 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'number', label, min: 1, max: 100, integer: true },
    good: [
      [5, 5],
      ['42', 42],
      [100, 100],
    ],
    bad: [
      ['zwölf', 'not_a_number'],
      [Number.NaN, 'not_a_number'],
      [2.5, 'not_integer'],
      [0, 'too_small'],
      ['101', 'too_big'],
      [true, 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'date', label, min: '2026-01-01', max: 'today' },
    good: [
      ['2026-02-28', '2026-02-28'],
      ['2026-03-10', '2026-03-10'],
      // Day, month and year as the citizen typed them (three inputs): the ISO date.
      ['2026-3-1', '2026-03-01'],
      [' 2026-03-9 ', '2026-03-09'],
    ],
    bad: [
      ['2026-02-30', 'invalid_date'],
      ['2025-02-29', 'invalid_date'],
      ['10.03.2026', 'invalid_date'],
      // Partial or wrong parts: the first wrong one in reading order (Tag, Monat, Jahr).
      ['2026-03-', 'invalid_day'],
      ['2026-03-32', 'invalid_day'],
      ['2026-3-x', 'invalid_day'],
      ['--0', 'invalid_day'],
      ['2026--4', 'invalid_month'],
      ['2026-13-4', 'invalid_month'],
      ['-3-4', 'invalid_year'],
      ['26-3-4', 'invalid_year'],
      ['2025-12-31', 'date_too_early'],
      ['2026-03-11', 'date_too_late'],
      [20260310, 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'email', label, required: true },
    good: [[' anna@heide.de ', 'anna@heide.de']],
    bad: [
      ['anna@heide', 'invalid_email'],
      ['anna heide@x.de', 'invalid_email'],
      ['', 'required'],
    ],
  },
  {
    field: { id: 'v', type: 'tel', label },
    good: [
      ['0481 123456', '0481 123456'],
      ['+49 (481) 123-456', '+49 (481) 123-456'],
    ],
    bad: [
      ['12', 'invalid_tel'],
      ['0481 abc', 'invalid_tel'],
    ],
  },
  {
    field: { id: 'v', type: 'select', label, options },
    good: [['linde', 'linde']],
    bad: [
      ['ahorn', 'invalid_option'],
      [1, 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'radio', label, options, required: true },
    good: [['eiche', 'eiche']],
    bad: [
      ['Eiche', 'invalid_option'],
      [undefined, 'required'],
    ],
  },
  {
    field: { id: 'v', type: 'checkbox', label, required: true },
    good: [[true, true]],
    bad: [
      [false, 'required'],
      ['true', 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'checkbox-group', label, options, minSelected: 2, maxSelected: 2 },
    good: [
      [
        ['eiche', 'linde'],
        ['eiche', 'linde'],
      ],
      [[], undefined],
    ],
    bad: [
      [['eiche'], 'too_few'],
      [['eiche', 'buche', 'linde'], 'too_many'],
      [['eiche', 'ahorn'], 'invalid_option'],
      ['eiche', 'invalid_type'],
    ],
  },
  {
    field: {
      id: 'v',
      type: 'file',
      label,
      accept: ['application/pdf', 'image/*'],
      maxSize: 1024 * 1024,
      maxFiles: 2,
    },
    good: [
      [[file('plan.pdf', 'application/pdf', 1000)], [file('plan.pdf', 'application/pdf', 1000)]],
      [[file('foto.jpg', 'image/jpeg', 1024 * 1024)], [file('foto.jpg', 'image/jpeg', 1024 * 1024)]],
    ],
    bad: [
      [[file('plan.docx', 'application/msword', 10)], 'file_type'],
      [[file('riesig.pdf', 'application/pdf', 1024 * 1024 + 1)], 'file_too_large'],
      [
        [
          file('a.pdf', 'application/pdf', 1),
          file('b.pdf', 'application/pdf', 1),
          file('c.pdf', 'application/pdf', 1),
        ],
        'too_many_files',
      ],
      [[{ name: 'x.pdf' }], 'invalid_type'],
    ],
  },
  {
    field: { id: 'v', type: 'iban', label, required: true },
    good: [['de89 3704 0044 0532 0130 00', 'DE89370400440532013000']],
    bad: [
      ['DE89370400440532013001', 'iban_checksum'],
      ['DE8937040044053201300', 'iban_checksum'],
    ],
  },
  {
    field: { id: 'v', type: 'postal-code', label },
    good: [[' 25746', '25746']],
    bad: [
      ['2574', 'postal_code'],
      ['00000', 'postal_code'],
    ],
  },
];

const formWith = (field: Field) =>
  compile({
    id: 'f',
    version: 1,
    title: { de: 'F' },
    steps: [{ id: 's', title: { de: 'S' }, fields: [field] }],
  });

describe('field types', () => {
  for (const c of CASES) {
    describe(`${c.field.type}`, () => {
      const form = formWith(c.field);
      const today = '2026-03-10';

      it('accepts good values and returns them normalised', () => {
        for (const [input, output] of c.good) {
          const result = form.validate({ v: input }, { today });
          expect(result, JSON.stringify(input)).to.deep.equal({
            ok: true,
            data: output === undefined ? {} : { v: output },
          });
        }
      });

      it('rejects bad values with the right code and a German and an English message', () => {
        for (const [input, code] of c.bad) {
          const de = form.validate({ v: input }, { today });
          const en = form.validate({ v: input }, { today, lang: 'en' });
          if (de.ok || en.ok) throw new Error(`${JSON.stringify(input)} was accepted`);
          expect(
            de.errors.map((e) => [e.pointer, e.code]),
            JSON.stringify(input),
          ).to.deep.equal([['/v', code]]);
          const [deDetail, enDetail] = [de.errors[0]!.detail, en.errors[0]!.detail];
          expect(deDetail).to.not.equal(enDetail);
          expect(deDetail).to.not.match(/\{[a-z]+\}/i);
          expect(enDetail).to.not.match(/\{[a-z]+\}/i);
          // validateField gives the same verdict for the same value.
          expect(form.validateField('v', { v: input }, { today, lang: 'en' })).to.deep.equal(en.errors);
        }
      });
    });
  }

  it('writes messages a citizen can act on', () => {
    const iban = formWith({ id: 'iban', type: 'iban', label: { de: 'IBAN' }, required: true });
    const msg = (data: Record<string, unknown>, lang: 'de' | 'en') => {
      const r = iban.validate(data, { lang });
      return r.ok ? '' : r.errors[0]!.detail;
    };
    expect(msg({}, 'de')).to.equal('Bitte geben Sie Ihre IBAN ein.');
    expect(msg({}, 'en')).to.equal('Enter your IBAN.');
    expect(msg({ iban: 'DE00 1234' }, 'de')).to.equal(
      'Die IBAN ist nicht gültig. Bitte prüfen Sie sie auf Tippfehler.',
    );
    expect(msg({ iban: 'DE00 1234' }, 'en')).to.equal('This IBAN is not valid. Check it for typos.');

    const area = formWith({
      id: 'flaeche',
      type: 'number',
      label: { de: 'Fläche', en: 'Area' },
      min: 0.5,
      unit: 'm²',
    });
    const r = area.validate({ flaeche: 0.2 });
    expect(r.ok ? '' : r.errors[0]!.detail).to.equal('„Fläche“ muss mindestens 0,5 sein.');
    const en = area.validate({ flaeche: 0.2 }, { lang: 'en' });
    expect(en.ok ? '' : en.errors[0]!.detail).to.equal('“Area” must be 0.5 or more.');

    const date = formWith({ id: 'd', type: 'date', label: { de: 'Termin', en: 'Date' }, min: 'today' });
    const early = date.validate({ d: '2026-03-09' }, { today: '2026-03-10' });
    expect(early.ok ? '' : early.errors[0]!.detail).to.equal(
      '„Termin“ darf nicht vor dem 10.03.2026 liegen.',
    );
    const earlyEn = date.validate({ d: '2026-03-09' }, { today: '2026-03-10', lang: 'en' });
    expect(earlyEn.ok ? '' : earlyEn.errors[0]!.detail).to.equal('“Date” must be on or after 10 March 2026.');

    const birth = formWith({ id: 'd', type: 'date', label: { de: 'Geburtsdatum', en: 'Date of birth' } });
    const dateMsg = (d: string, lang: 'de' | 'en' = 'de') => {
      const r = birth.validate({ d }, { lang });
      return r.ok ? '' : r.errors[0]!.detail;
    };
    expect(dateMsg('1984-5-')).to.equal(
      'Bitte geben Sie bei „Geburtsdatum“ einen Tag zwischen 1 und 31 ein.',
    );
    expect(dateMsg('1984-5-', 'en')).to.equal('Enter a day between 1 and 31 for “Date of birth”.');
    expect(dateMsg('1984-0-4')).to.equal(
      'Bitte geben Sie bei „Geburtsdatum“ einen Monat zwischen 1 und 12 ein.',
    );
    expect(dateMsg('84-5-4')).to.equal('Bitte geben Sie bei „Geburtsdatum“ das Jahr mit vier Ziffern ein.');
    expect(dateMsg('1984-02-31')).to.equal(
      'Bei „Geburtsdatum“ gibt es diesen Tag nicht. Bitte prüfen Sie Tag und Monat.',
    );
    expect(dateMsg('1984-02-31', 'en')).to.equal(
      '“Date of birth” must be a real date. Check the day and the month.',
    );

    const upload = formWith({ id: 'u', type: 'file', label: { de: 'Foto' }, maxSize: 5 * 1024 * 1024 });
    const big = upload.validate({ u: [file('baum.jpg', 'image/jpeg', 6 * 1024 * 1024)] });
    expect(big.ok ? '' : big.errors[0]!.detail).to.equal(
      'Die Datei „baum.jpg“ ist zu groß. Sie darf höchstens 5 MB groß sein.',
    );

    // File types as people call them, not as MIME types.
    const typed = formWith({
      id: 'u',
      type: 'file',
      label: { de: 'Plan' },
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
    });
    const word = [file('plan.docx', 'application/msword', 10)];
    const wrongType = typed.validate({ u: word });
    expect(wrongType.ok ? '' : wrongType.errors[0]!.detail).to.equal(
      'Die Datei „plan.docx“ hat ein nicht erlaubtes Format. Bitte laden Sie eine Datei im Format PDF, JPG oder PNG hoch.',
    );
    const wrongTypeEn = typed.validate({ u: word }, { lang: 'en' });
    expect(wrongTypeEn.ok ? '' : wrongTypeEn.errors[0]!.detail).to.equal(
      'The file “plan.docx” is not in an allowed format. Upload a PDF, JPG or PNG file.',
    );
  });

  it('ends a message with one full stop when the label quoted in it ends with one', () => {
    const form = formWith({
      id: 'richtigkeit',
      type: 'checkbox',
      label: {
        de: 'Ich versichere die Richtigkeit meiner Angaben.',
        en: 'I confirm that my information is correct.',
      },
      required: true,
    });
    const de = form.validate({});
    expect(de.ok ? '' : de.errors[0]!.detail).to.equal(
      'Bitte bestätigen Sie „Ich versichere die Richtigkeit meiner Angaben“.',
    );
    const en = form.validate({}, { lang: 'en' });
    expect(en.ok ? '' : en.errors[0]!.detail).to.equal(
      'Tick the box to confirm “I confirm that my information is correct”.',
    );
  });

  it('names file types as people call them', () => {
    expect(orList(fileTypeNames(['application/pdf', 'image/jpeg', 'image/png'], 'de'), 'de')).to.equal(
      'PDF, JPG oder PNG',
    );
    expect(orList(fileTypeNames(['application/pdf', 'image/jpeg', 'image/png'], 'en'), 'en')).to.equal(
      'PDF, JPG or PNG',
    );
    expect(fileTypeNames(['image/*', 'image/svg+xml', 'image/heic'], 'de')).to.deep.equal([
      'Bilder',
      'SVG',
      'HEIC',
    ]);
    expect(fileTypeNames(['image/*'], 'en')).to.deep.equal(['images']);
    expect(orList(['PDF'], 'de')).to.equal('PDF');
  });

  it('uses the pattern message of the definition', () => {
    const form = formWith({
      id: 'az',
      type: 'text',
      label: { de: 'Aktenzeichen' },
      pattern: 'AZ-\\d{4}',
      patternMessage: { de: 'Bitte im Format AZ-1234 eingeben.', en: 'Use the format AZ-1234.' },
    });
    const en = form.validate({ az: 'AZ-12' }, { lang: 'en' });
    expect(en).to.deep.equal({
      ok: false,
      errors: [{ pointer: '/az', code: 'pattern', detail: 'Use the format AZ-1234.' }],
    });
  });

  it('matches the pattern against the whole value, also with alternatives', () => {
    const form = formWith({ id: 'x', type: 'text', label, pattern: 'ja|nein' });
    expect(form.validate({ x: 'ja' }).ok).to.equal(true);
    expect(form.validate({ x: 'nein' }).ok).to.equal(true);
    expect(form.validate({ x: 'jawohl' }).ok).to.equal(false);
    expect(form.validate({ x: 'oh nein' }).ok).to.equal(false);
  });

  it('uses the local date as today when none is given', () => {
    const form = formWith({ id: 'd', type: 'date', label, max: 'today' });
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    expect(form.validate({ d: today }).ok).to.equal(true);
    expect(form.validate({ d: `${d.getFullYear() + 1}-01-01` }).ok).to.equal(false);
  });
});
