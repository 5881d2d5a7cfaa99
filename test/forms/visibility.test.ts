import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import type { FormDefinition } from '../../src/contract/form-definition.ts';
import { compile } from '../../src/forms/index.ts';

/** A small Baumfällgenehmigung (tree felling permit): applicant, trees, owners, declaration. */
const baum: FormDefinition = {
  id: 'baumfaellung',
  version: 1,
  title: { de: 'Antrag auf Baumfällgenehmigung', en: 'Tree felling permit' },
  steps: [
    {
      id: 'antragsteller',
      title: { de: 'Antragsteller', en: 'Applicant' },
      fields: [
        { id: 'name', type: 'text', label: { de: 'Name', en: 'Name' }, required: true, maxLength: 100 },
        {
          id: 'rolle',
          type: 'radio',
          label: { de: 'Sie sind', en: 'You are' },
          required: true,
          options: [
            { value: 'eigentuemer', label: { de: 'Eigentümer/in', en: 'Owner' } },
            { value: 'mieter', label: { de: 'Mieter/in', en: 'Tenant' } },
          ],
        },
        { id: 'plz', type: 'postal-code', label: { de: 'Postleitzahl', en: 'Postcode' }, required: true },
      ],
    },
    {
      id: 'eigentum',
      title: { de: 'Eigentümer', en: 'Owners' },
      visibleWhen: { field: 'rolle', equals: 'mieter' },
      fields: [
        { id: 'hinweis', type: 'info', text: { de: 'Bitte nennen Sie die Eigentümer.' } },
        {
          id: 'eigentuemer',
          type: 'group',
          label: { de: 'Eigentümer', en: 'Owners' },
          repeatable: { min: 1, max: 3 },
          fields: [
            { id: 'ename', type: 'text', label: { de: 'Name des Eigentümers' }, required: true },
            { id: 'firma', type: 'checkbox', label: { de: 'Ist eine Firma' } },
            {
              id: 'hrb',
              type: 'text',
              label: { de: 'Handelsregisternummer' },
              required: true,
              visibleWhen: { field: 'firma', equals: true },
            },
          ],
        },
      ],
    },
    {
      id: 'baeume',
      title: { de: 'Bäume', en: 'Trees' },
      fields: [
        {
          id: 'arten',
          type: 'checkbox-group',
          label: { de: 'Baumarten', en: 'Species' },
          required: true,
          options: [
            { value: 'eiche', label: { de: 'Eiche' } },
            { value: 'buche', label: { de: 'Buche' } },
            { value: 'sonstige', label: { de: 'Sonstige' } },
          ],
        },
        {
          id: 'sonstigeArt',
          type: 'text',
          label: { de: 'Welche Baumart?' },
          required: true,
          visibleWhen: { field: 'arten', contains: 'sonstige' },
        },
        {
          id: 'umfang',
          type: 'number',
          label: { de: 'Stammumfang in cm' },
          required: true,
          min: 1,
          unit: 'cm',
        },
        {
          id: 'gutachten',
          type: 'group',
          label: { de: 'Gutachten' },
          visibleWhen: { field: 'umfang', gte: 200 },
          fields: [
            { id: 'gutachter', type: 'text', label: { de: 'Gutachter' }, required: true },
            {
              id: 'gutachtenDatei',
              type: 'file',
              label: { de: 'Gutachten (PDF)' },
              required: true,
              visibleWhen: { field: 'gutachter', filled: true },
              accept: ['application/pdf'],
            },
          ],
        },
      ],
    },
    {
      id: 'abschluss',
      title: { de: 'Abschluss', en: 'Finish' },
      fields: [
        {
          id: 'iban',
          type: 'iban',
          label: { de: 'IBAN für die Gebühr' },
          required: true,
          visibleWhen: { not: { field: 'umfang', lt: 80 } },
        },
        { id: 'erklaerung', type: 'checkbox', label: { de: 'Angaben sind richtig' }, required: true },
      ],
    },
  ],
};

const good = {
  name: 'Anna Muster',
  rolle: 'eigentuemer',
  plz: '25746',
  arten: ['eiche'],
  umfang: 120,
  iban: 'DE89 3704 0044 0532 0130 00',
  erklaerung: true,
};

describe('a realistic definition (Baumfällgenehmigung)', () => {
  const form = compile(baum);

  it('accepts a complete application and returns the pruned, normalised answers', () => {
    const result = form.validate({ ...good, unknownKey: 'x', eigentuemer: [{ ename: 'hidden step' }] });
    expect(result).to.deep.equal({ ok: true, data: { ...good, iban: 'DE89370400440532013000' } });
  });

  it('lists every missing answer in document order with pointers', () => {
    const result = form.validate({ rolle: 'mieter', arten: ['sonstige'], umfang: '250' }, { lang: 'en' });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => `${e.pointer} ${e.code}`)).to.deep.equal([
      '/name required',
      '/plz required',
      '/eigentuemer too_few',
      '/sonstigeArt required',
      '/gutachten/gutachter required',
      '/iban required',
      '/erklaerung required',
    ]);
  });

  it('shows steps and fields for the answers given', () => {
    expect(form.visibleSteps(good).map((s) => s.id)).to.deep.equal(['antragsteller', 'baeume', 'abschluss']);
    expect(form.isStepVisible('eigentum', { rolle: 'mieter' })).to.equal(true);
    expect(form.visibleFields('baeume', good).map((f) => f.id)).to.deep.equal(['arten', 'umfang']);
    expect(form.visibleFields('baeume', { arten: ['sonstige'], umfang: 300 }).map((f) => f.id)).to.deep.equal(
      ['arten', 'sonstigeArt', 'umfang', 'gutachten'],
    );
    expect(form.visibleFields('abschluss', { umfang: 50 }).map((f) => f.id)).to.deep.equal(['erklaerung']);
    expect(form.visibleFields('nope', good)).to.deep.equal([]);
    expect(form.isStepVisible('nope', good)).to.equal(false);
  });

  it('validates one step only', () => {
    const result = form.validate({ name: 'Anna', rolle: 'mieter', umfang: 'x' }, { stepId: 'antragsteller' });
    expect(result.ok ? [] : result.errors.map((e) => e.pointer)).to.deep.equal(['/plz']);
    expect(form.validate({ ...good }, { stepId: 'baeume' })).to.deep.equal({
      ok: true,
      data: { arten: ['eiche'], umfang: 120 },
    });
  });

  it('dependents() is the transitive closure of visibility', () => {
    // rolle → step eigentum → its fields (and the group's fields)
    expect(form.dependents('rolle')).to.deep.equal([
      'eigentum',
      'hinweis',
      'eigentuemer',
      'ename',
      'firma',
      'hrb',
    ]);
    // umfang → gutachten (→ gutachter, gutachtenDatei) and iban
    expect(form.dependents('umfang')).to.deep.equal(['gutachten', 'gutachter', 'gutachtenDatei', 'iban']);
    expect(form.dependents('gutachter')).to.deep.equal(['gutachtenDatei']);
    expect(form.dependents('arten')).to.deep.equal(['sonstigeArt']);
    expect(form.dependents('name')).to.deep.equal([]);
    expect(form.dependents('unknown')).to.deep.equal([]);
  });

  it('field() finds fields inside groups', () => {
    expect(form.field('hrb')?.type).to.equal('text');
    expect(form.field('eigentuemer')?.type).to.equal('group');
    expect(form.field('nope')).to.equal(undefined);
  });
});

describe('hidden fields', () => {
  const form = compile(baum);

  it('are neither required nor kept: own condition', () => {
    const result = form.validate({ ...good, sonstigeArt: 'Ahorn' });
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.data).to.not.have.property('sonstigeArt');
  });

  it('are neither required nor kept: hidden step', () => {
    expect(form.prune({ ...good, eigentuemer: [{ ename: 'X' }] })).to.not.have.property('eigentuemer');
    const shown = form.prune({ ...good, rolle: 'mieter', eigentuemer: [{ ename: 'X', hrb: 'weg' }] });
    expect(shown['eigentuemer']).to.deep.equal([{ ename: 'X' }]);
  });

  it('are neither required nor kept: hidden parent group', () => {
    // umfang < 200 hides the group gutachten with everything inside, even a required field.
    const result = form.validate({ ...good, gutachten: { gutachter: 'Dr. Holz' } });
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.data).to.not.have.property('gutachten');
    expect(form.isVisible('gutachter', { ...good, gutachten: { gutachter: 'Dr. Holz' } })).to.equal(false);
    expect(form.isVisible('gutachtenDatei', { ...good, gutachten: { gutachter: 'Dr. Holz' } })).to.equal(
      false,
    );
    expect(
      form.isVisible('gutachtenDatei', { ...good, umfang: 200, gutachten: { gutachter: 'Dr. Holz' } }),
    ).to.equal(true);
  });

  it('count as not filled for conditions that refer to them', () => {
    const def: FormDefinition = {
      id: 'f',
      version: 1,
      title: { de: 'F' },
      steps: [
        {
          id: 's',
          title: { de: 'S' },
          fields: [
            { id: 'a', type: 'checkbox', label: { de: 'A' } },
            { id: 'b', type: 'text', label: { de: 'B' }, visibleWhen: { field: 'a', equals: true } },
            {
              id: 'c',
              type: 'text',
              label: { de: 'C' },
              required: true,
              visibleWhen: { field: 'b', filled: true },
            },
            { id: 'd', type: 'text', label: { de: 'D' }, visibleWhen: { field: 'b', filled: false } },
          ],
        },
      ],
    };
    const f = compile(def);
    expect(f.isVisible('c', { a: true, b: 'x' })).to.equal(true);
    expect(f.isVisible('c', { a: false, b: 'x' })).to.equal(false);
    expect(f.isVisible('d', { a: false, b: 'x' })).to.equal(true);
    expect(f.validate({ a: false, b: 'x' })).to.deep.equal({ ok: true, data: { a: false } });
    expect(f.validateField('c', { a: false, b: 'x' })).to.deep.equal([]);
    expect(f.validateField('c', { a: true, b: 'x' }).map((e) => e.code)).to.deep.equal(['required']);
    expect(f.dependents('a')).to.deep.equal(['b', 'c', 'd']);
  });

  it('prune drops answers of the wrong type, and keeps other invalid ones for the citizen to correct', () => {
    const pruned = form.prune({ ...good, arten: 'eiche', umfang: { cm: 120 }, name: 'x'.repeat(500) });
    expect(pruned).to.not.have.property('arten');
    expect(pruned).to.not.have.property('umfang');
    expect(pruned['name']).to.equal('x'.repeat(500));
    expect(form.prune(good)).to.deep.equal(good);
  });

  it('prune judges conditions only on answers it keeps, so pruning twice changes nothing', () => {
    const byFilled = compile({
      ...baum,
      steps: baum.steps.map((step) => ({
        ...step,
        fields: step.fields.map((f) =>
          f.id === 'umfang' ? { ...f, visibleWhen: { field: 'arten', filled: true } } : f,
        ),
      })),
    } as typeof baum);
    // "arten" wants a list; a text there is dropped, and with it goes "umfang", which only showed because of it.
    const once = byFilled.prune({ ...good, arten: 'eiche' });
    expect(once).to.not.have.property('arten');
    expect(once).to.not.have.property('umfang');
    expect(once).to.have.property('plz');
    expect(byFilled.prune(once)).to.deep.equal(once);
  });

  it('prune drops info fields and unknown keys, and never reads inherited properties', () => {
    const form2 = compile(baum);
    const pruned = form2.prune({ ...good, rolle: 'mieter', hinweis: 'x', other: 1, eigentuemer: [] });
    expect(Object.keys(pruned)).to.deep.equal([
      'name',
      'rolle',
      'plz',
      'eigentuemer',
      'arten',
      'umfang',
      'iban',
      'erklaerung',
    ]);
    const constructorForm = compile({
      id: 'f',
      version: 1,
      title: { de: 'F' },
      steps: [
        {
          id: 's',
          title: { de: 'S' },
          fields: [{ id: 'constructor', type: 'text', label: { de: 'C' }, required: true }],
        },
      ],
    });
    const r = constructorForm.validate({});
    expect(r.ok ? [] : r.errors.map((e) => e.code)).to.deep.equal(['required']);
  });
});

describe('repeatable groups', () => {
  const form = compile(baum);
  const base = { ...good, rolle: 'mieter' };

  it('checks the number of entries (min/max)', () => {
    const codes = (eigentuemer: unknown) => {
      const r = form.validate({ ...base, eigentuemer });
      return r.ok ? [] : r.errors.map((e) => `${e.pointer} ${e.code}`);
    };
    expect(codes([])).to.deep.equal(['/eigentuemer too_few']);
    expect(codes([{ ename: 'A' }])).to.deep.equal([]);
    expect(codes([{ ename: 'A' }, { ename: 'B' }, { ename: 'C' }, { ename: 'D' }])).to.deep.equal([
      '/eigentuemer too_many',
    ]);
    expect(codes({ ename: 'A' })).to.deep.equal(['/eigentuemer invalid_type']);
    expect(codes([{ ename: 'A' }, 'B'])).to.deep.equal(['/eigentuemer/1 invalid_type']);
  });

  it('evaluates sibling conditions per repetition, with pointers into the repetition', () => {
    const eigentuemer = [
      { ename: 'Privat', firma: false, hrb: 'soll weg' },
      { ename: 'Holz GmbH', firma: true },
      { ename: 'Forst AG', firma: true, hrb: 'HRB 123' },
    ];
    const data = { ...base, eigentuemer };
    expect(form.isVisible('hrb', data, 0)).to.equal(false);
    expect(form.isVisible('hrb', data, 1)).to.equal(true);
    const result = form.validate(data, { lang: 'en' });
    expect(result).to.deep.equal({
      ok: false,
      errors: [{ pointer: '/eigentuemer/1/hrb', code: 'required', detail: 'Enter “Handelsregisternummer”.' }],
    });
    expect(form.validateField('hrb', data, { index: 1 }).map((e) => e.pointer)).to.deep.equal([
      '/eigentuemer/1/hrb',
    ]);
    expect(form.validateField('hrb', data, { index: 0 })).to.deep.equal([]);
    expect(form.validateField('hrb', data, { index: 2 })).to.deep.equal([]);

    eigentuemer[1] = { ename: 'Holz GmbH', firma: true, hrb: 'HRB 9' } as (typeof eigentuemer)[number];
    const ok = form.validate(data);
    expect(ok.ok && ok.data['eigentuemer']).to.deep.equal([
      { ename: 'Privat', firma: false },
      { ename: 'Holz GmbH', firma: true, hrb: 'HRB 9' },
      { ename: 'Forst AG', firma: true, hrb: 'HRB 123' },
    ]);
  });

  it('validateField on the group reports its own count problems', () => {
    expect(form.validateField('eigentuemer', { ...base, eigentuemer: [] }).map((e) => e.code)).to.deep.equal([
      'too_few',
    ]);
    expect(form.validateField('eigentuemer', { ...good, eigentuemer: [] })).to.deep.equal([]);
  });
});

describe('schemaFor', () => {
  const form = compile(baum);

  it('is a zod schema of the visible answers, with the same codes and messages', () => {
    const data = { ...good, rolle: 'mieter', eigentuemer: [{ ename: 'Holz GmbH', firma: true }] };
    const schema = form.schemaFor(data);
    const bad = z.safeParse(schema, data);
    expect(bad.success).to.equal(false);
    if (!bad.success) {
      expect(bad.error.issues.map((i) => i.path.join('/'))).to.deep.equal(['eigentuemer/0/hrb']);
      expect(bad.error.issues[0]?.message).to.equal('Bitte füllen Sie „Handelsregisternummer“ aus.');
    }
    const fixed = { ...data, eigentuemer: [{ ename: 'Holz GmbH', firma: true, hrb: 'HRB 1' }], extra: 1 };
    const ok = z.safeParse(form.schemaFor(fixed), fixed);
    expect(ok.success && ok.data).to.deep.equal(
      form.validate(fixed).ok && (form.validate(fixed) as { data: unknown }).data,
    );
  });
});
