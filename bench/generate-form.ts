/**
 * The large-form workload of the benchmarks: `steps` steps of `fieldsPerStep` text fields; on each step the
 * first field drives `driven` others ("visible when filled"). Defaults: 1,000 fields, 10 steps, 300 conditions.
 */
import type { FormDefinition } from '../src/contract/form-definition.ts';

export function generateLargeForm(steps = 10, fieldsPerStep = 100, driven = 30): FormDefinition {
  return {
    id: 'bench-large',
    version: 1,
    title: { de: 'Großes Formular', en: 'Large form' },
    steps: Array.from({ length: steps }, (_, s) => {
      const driver = `s${s}f0`;
      return {
        id: `step${s}`,
        title: { de: `Schritt ${s + 1}`, en: `Step ${s + 1}` },
        fields: Array.from({ length: fieldsPerStep }, (_, f) => ({
          id: `s${s}f${f}`,
          type: 'text' as const,
          label: { de: `Feld ${s + 1}.${f + 1}`, en: `Field ${s + 1}.${f + 1}` },
          hint: f % 10 === 0 ? { de: 'Ein Hinweis zum Feld.', en: 'A hint for the field.' } : undefined,
          required: f % 3 === 0,
          maxLength: 200,
          ...(f > 0 && f <= driven ? { visibleWhen: { field: driver, filled: true } } : {}),
        })),
      };
    }),
  };
}
