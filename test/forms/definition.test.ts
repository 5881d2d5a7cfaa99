import { expect } from '@open-wc/testing';
import type { Field, FormDefinition, Step } from '../../src/contract/form-definition.ts';
import { DefinitionError, compile, validateDefinition } from '../../src/forms/index.ts';

const text = (id: string, extra: Partial<Field> = {}): Field =>
  ({ id, type: 'text', label: { de: id }, ...extra }) as Field;
const step = (id: string, fields: Field[], extra: Partial<Step> = {}): Step => ({
  id,
  title: { de: id },
  fields,
  ...extra,
});
const form = (...steps: Step[]): FormDefinition => ({
  id: 'f',
  version: 1,
  title: { de: 'Formular' },
  steps,
});

function issuesOf(def: unknown): { path: string; message: string }[] {
  const result = validateDefinition(def);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.issues;
}

describe('validateDefinition', () => {
  it('accepts a valid definition and returns it', () => {
    const def = form(step('s1', [text('a'), text('b', { visibleWhen: { field: 'a', filled: true } })]));
    const result = validateDefinition(def);
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.definition.steps[0]?.fields).to.have.length(2);
  });

  it('reports schema errors with a JSON Pointer', () => {
    const issues = issuesOf({
      id: 'f',
      version: 1,
      title: { de: 'x' },
      steps: [{ id: 's', title: { de: 's' }, fields: [{ id: 'a', type: 'nope', label: { de: 'a' } }] }],
    });
    expect(issues.map((i) => i.path)).to.include('/steps/0/fields/0/type');
    expect(
      issuesOf({ id: 'f', version: 0, title: { de: 'x' }, steps: [] }).map((i) => i.path),
    ).to.include.members(['/version', '/steps']);
  });

  it('finds duplicate field ids, also across steps and inside groups', () => {
    const def = form(
      step('s1', [text('a'), text('b')]),
      step('s2', [text('a'), { id: 'g', type: 'group', label: { de: 'G' }, fields: [text('b')] }]),
    );
    const issues = issuesOf(def);
    expect(issues).to.deep.include({
      path: '/steps/1/fields/0/id',
      message: 'Duplicate field id "a" (first used at /steps/0/fields/0).',
    });
    expect(issues.map((i) => i.path)).to.include('/steps/1/fields/1/fields/0/id');
    expect(issues).to.have.length(2);
  });

  it('finds duplicate step ids', () => {
    const issues = issuesOf(form(step('s1', [text('a')]), step('s1', [text('b')])));
    expect(issues).to.deep.equal([
      { path: '/steps/1/id', message: 'Duplicate step id "s1" (first used at /steps/0).' },
    ]);
  });

  it('finds references to unknown fields, info fields and the field itself', () => {
    const def = form(
      step('s1', [
        { id: 'note', type: 'info', text: { de: 'Hinweis' } },
        text('a', {
          visibleWhen: { all: [{ field: 'x', filled: true }, { not: { field: 'note', filled: true } }] },
        }),
        text('b', {
          visibleWhen: {
            any: [
              { field: 'a', filled: true },
              { field: 'b', equals: 'y' },
            ],
          },
        }),
      ]),
    );
    const issues = issuesOf(def);
    expect(issues.map((i) => i.path)).to.deep.equal([
      '/steps/0/fields/1/visibleWhen/all/0/field',
      '/steps/0/fields/1/visibleWhen/all/1/not/field',
      '/steps/0/fields/2/visibleWhen/any/1/field',
    ]);
    expect(issues[0]?.message).to.contain('unknown field "x"');
    expect(issues[1]?.message).to.contain('info field "note"');
    expect(issues[2]?.message).to.contain('itself');
  });

  it('names every field of a cycle of three', () => {
    const def = form(
      step('s1', [
        text('a', { visibleWhen: { field: 'b', filled: true } }),
        text('b', { visibleWhen: { field: 'c', filled: true } }),
        text('c', { visibleWhen: { field: 'a', filled: true } }),
      ]),
    );
    const issues = issuesOf(def);
    expect(issues).to.have.length(1);
    expect(issues[0]?.path).to.equal('/steps/0/fields/0/visibleWhen/field');
    expect(issues[0]?.message).to.contain('"a" → "b" → "c" → "a"');
  });

  it('finds a cycle that runs through a group', () => {
    // x depends on y, y sits in group g, g depends on x.
    const def = form(
      step('s1', [
        text('x', { visibleWhen: { field: 'y', filled: true } }),
        {
          id: 'g',
          type: 'group',
          label: { de: 'G' },
          visibleWhen: { field: 'x', filled: true },
          fields: [text('y')],
        },
      ]),
    );
    const issues = issuesOf(def);
    expect(issues).to.have.length(1);
    expect(issues[0]?.message).to.match(/cycle: "x" → "y" → "g" → "x"/);
  });

  it('rejects references to later steps (fields) and to the same or later steps (steps)', () => {
    const def = form(
      step('s1', [text('a', { visibleWhen: { field: 'b', equals: 'x' } })]),
      step('s2', [text('b')], { visibleWhen: { field: 'b', filled: true } }),
      step('s3', [text('c')], { visibleWhen: { field: 'a', filled: true } }),
    );
    const issues = issuesOf(def);
    expect(issues.map((i) => i.path)).to.deep.equal([
      '/steps/0/fields/0/visibleWhen/field',
      '/steps/1/visibleWhen/field',
    ]);
    expect(issues[0]?.message).to.contain('later step ("s2")');
    expect(issues[1]?.message).to.contain('same step');
  });

  it('rejects references into a repeatable group from outside, and a group referring to its own fields', () => {
    const def = form(
      step('s1', [
        {
          id: 'owners',
          type: 'group',
          label: { de: 'Eigentümer' },
          repeatable: { min: 1, max: 3 },
          fields: [text('name'), text('firm', { visibleWhen: { field: 'name', filled: true } })],
        },
        text('after', { visibleWhen: { field: 'name', equals: 'x' } }),
        {
          id: 'g',
          type: 'group',
          label: { de: 'G' },
          visibleWhen: { field: 'inner', filled: true },
          fields: [text('inner')],
        },
      ]),
    );
    const issues = issuesOf(def);
    expect(issues.map((i) => i.path)).to.deep.equal([
      '/steps/0/fields/1/visibleWhen/field',
      '/steps/0/fields/2/visibleWhen/field',
    ]);
    expect(issues[0]?.message).to.contain('repeatable group "owners"');
    expect(issues[1]?.message).to.contain('inside the group itself');
  });

  it('rejects bad ranges, duplicate options and invalid patterns with exact paths', () => {
    const options = [
      { value: 'a', label: { de: 'A' } },
      { value: 'a', label: { de: 'A2' } },
    ];
    const def = form(
      step('s1', [
        text('t', { minLength: 5, maxLength: 2 } as Partial<Field>),
        { id: 'n', type: 'number', label: { de: 'n' }, min: 10, max: 1 },
        { id: 'd', type: 'date', label: { de: 'd' }, min: '2026-05-01', max: '2026-01-01' },
        { id: 'cg', type: 'checkbox-group', label: { de: 'cg' }, options, minSelected: 3, maxSelected: 2 },
        { id: 'r', type: 'radio', label: { de: 'r' }, options },
        text('p', { pattern: '[a-z' } as Partial<Field>),
      ]),
    );
    const paths = issuesOf(def).map((i) => i.path);
    expect(paths).to.deep.equal([
      '/steps/0/fields/0/maxLength',
      '/steps/0/fields/1/max',
      '/steps/0/fields/2/max',
      '/steps/0/fields/3/options/1/value',
      '/steps/0/fields/3/maxSelected',
      '/steps/0/fields/3/minSelected',
      '/steps/0/fields/4/options/1/value',
      '/steps/0/fields/5/pattern',
    ]);
  });

  it('compile throws a DefinitionError carrying the issues', () => {
    const def = form(step('s1', [text('a', { visibleWhen: { field: 'zz', filled: true } })]));
    let caught: unknown;
    try {
      compile(def);
    } catch (e) {
      caught = e;
    }
    expect(caught).to.be.instanceOf(DefinitionError);
    expect((caught as DefinitionError).issues).to.deep.equal([
      { path: '/steps/0/fields/0/visibleWhen/field', message: 'Condition refers to unknown field "zz".' },
    ]);
  });
});
