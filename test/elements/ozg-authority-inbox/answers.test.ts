import { expect } from '@open-wc/testing';
import type { FormDefinition } from '../../../src/contract/form-definition.ts';
import { answerSections } from '../../../src/elements/ozg-authority-inbox/answers.ts';

const words = { yes: 'Ja', no: 'Nein' };

const form: FormDefinition = {
  id: 'f',
  version: 2,
  title: { de: 'Formular' },
  steps: [
    {
      id: 'person',
      title: { de: 'Person', en: 'Person' },
      fields: [
        { id: 'hinweis', type: 'info', text: { de: 'Nur ein Hinweis' } },
        { id: 'name', type: 'text', label: { de: 'Name', en: 'Name' } },
        { id: 'geboren', type: 'date', label: { de: 'Geboren am', en: 'Born on' } },
        { id: 'einverstanden', type: 'checkbox', label: { de: 'Einverstanden', en: 'Agreed' } },
      ],
    },
    {
      id: 'leer',
      title: { de: 'Nicht beantwortet' },
      fields: [{ id: 'frei', type: 'textarea', label: { de: 'Freitext' } }],
    },
    {
      id: 'kinder',
      title: { de: 'Kinder', en: 'Children' },
      fields: [
        {
          id: 'kind',
          type: 'group',
          label: { de: 'Kind', en: 'Child' },
          repeatable: { min: 0, max: 5 },
          fields: [
            { id: 'alter', type: 'number', unit: 'Jahre', label: { de: 'Alter' } },
            {
              id: 'schule',
              type: 'checkbox-group',
              label: { de: 'Schule' },
              options: [
                { value: 'gs', label: { de: 'Grundschule', en: 'Primary school' } },
                { value: 'gym', label: { de: 'Gymnasium' } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe('answerSections', () => {
  it('lays answers out per step with labels, option texts, local dates, units and repetitions', () => {
    const sections = answerSections(
      {
        name: 'Kim',
        geboren: '1990-04-01',
        einverstanden: true,
        kind: [
          { alter: 7, schule: ['gs'] },
          { alter: 12, schule: ['gym', 'unbekannt'] },
        ],
      },
      form,
      'de',
      words,
      'Weitere Angaben',
    );
    expect(sections.map((s) => s.title)).to.deep.equal(['Person', 'Kinder']);
    expect(sections[0]!.rows).to.deep.equal([
      { kind: 'value', label: 'Name', text: 'Kim' },
      { kind: 'value', label: 'Geboren am', text: '01.04.1990' },
      { kind: 'value', label: 'Einverstanden', text: 'Ja' },
    ]);
    expect(sections[1]!.rows).to.deep.equal([
      {
        kind: 'group',
        label: 'Kind',
        repeatable: true,
        entries: [
          [
            { kind: 'value', label: 'Alter', text: '7 Jahre' },
            { kind: 'value', label: 'Schule', text: 'Grundschule' },
          ],
          [
            { kind: 'value', label: 'Alter', text: '12 Jahre' },
            { kind: 'value', label: 'Schule', text: 'Gymnasium, unbekannt' },
          ],
        ],
      },
    ]);
  });

  it('keeps answers the form does not name, and everything when there is no form', () => {
    const answers = { name: 'Kim', alt: { strasse: 'Markt 1', nr: 3 }, datei: [{ name: 'a.pdf' }] };
    const withForm = answerSections(answers, form, 'en', words, 'Further answers');
    expect(withForm.map((s) => s.title)).to.deep.equal(['Person', 'Further answers']);
    expect(withForm[1]!.rows).to.deep.equal([
      { kind: 'value', label: 'alt', text: 'strasse: Markt 1; nr: 3' },
      { kind: 'value', label: 'datei', text: 'a.pdf' },
    ]);
    const bare = answerSections(answers, undefined, 'de', words, 'Weitere Angaben');
    expect(bare).to.have.length(1);
    expect(bare[0]!.rows.map((r) => r.label)).to.deep.equal(['name', 'alt', 'datei']);
  });
});
