import { compile } from '../src/forms/index.ts';
import { generateLargeForm } from './generate-form.ts';
import { report, summarize, time } from './bench.ts';

describe('form engine, 1,000 fields / 10 steps / 300 conditions', () => {
  const definition = generateLargeForm();

  it('compiles the definition', async () => {
    await report(
      summarize(
        'forms: compile (1,000 fields, 300 conditions)',
        time(() => compile(definition), 9, 2),
      ),
    );
  });

  it('re-evaluates what a keystroke in a driving field affects', async () => {
    const form = compile(definition);
    const data: Record<string, unknown> = {};
    const samples = time(
      (i) => {
        data.s0f0 = i % 2 === 0 ? 'x'.repeat((i % 20) + 1) : '';
        for (const id of form.dependents('s0f0')) form.isVisible(id, data);
        form.validateField('s0f0', data);
      },
      200,
      50,
      20,
    );
    await report(
      summarize('forms: keystroke in driving field → visibility + field check (engine only)', samples, 1.5),
    );
  });

  it('validates all answers', async () => {
    const form = compile(definition);
    const data = Object.fromEntries(
      definition.steps.flatMap((s) => s.fields.map((f) => [f.id, `Antwort ${f.id}`] as const)),
    );
    await report(
      summarize(
        'forms: validate all 1,000 answers',
        time(() => form.validate(data), 30),
      ),
    );
  });
});
