/**
 * The bridge to the shared form engine (`src/forms`): the server validates submissions with the very validator
 * the browser uses. Compiled forms are cached per (id, version).
 */
import type { Field, FormDefinition } from '../contract/form-definition.ts';
import type { FieldError } from '../contract/problem.ts';
import type { Lang } from '../contract/common.ts';
import { compile } from '../forms/index.ts';
import { pointerSegment } from './problem.ts';

export type ValidationResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; errors: FieldError[] };

export interface CompiledForm {
  definition: FormDefinition;
  validate(data: unknown, lang: Lang): ValidationResult;
}

/** Compiles form definitions once per (id, version). */
export class FormCache {
  readonly #cache = new Map<string, CompiledForm>();

  get(definition: FormDefinition): CompiledForm {
    const key = `${definition.id}@${definition.version}`;
    let compiled = this.#cache.get(key);
    if (!compiled) {
      const engine = compile(definition);
      compiled = {
        definition,
        validate: (data, lang) => engine.validate(data as Record<string, unknown>, { lang }),
      };
      this.#cache.set(key, compiled);
    }
    return compiled;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Answer keys that are no field of the form at their level (the top level, a group's object, an item of a
 * repeatable group), as JSON Pointers relative to the answers, in order; the first `max` only. Answers of the
 * wrong type are left to the validation. The browser never sends such keys: it sends what the form's own
 * validation kept (visible fields of this version only).
 */
export function unknownAnswerKeys(
  definition: FormDefinition,
  data: Record<string, unknown>,
  max: number,
): string[] {
  const out: string[] = [];
  const known = new Map<Field[], Map<string, Field>>();
  const fieldsOf = (fields: Field[]) => {
    let byId = known.get(fields);
    if (!byId) known.set(fields, (byId = new Map(fields.map((f) => [f.id, f]))));
    return byId;
  };
  const queue = [{ fields: definition.steps.flatMap((s) => s.fields), answers: data, pointer: '' }];
  for (let next = 0; next < queue.length && out.length < max; next++) {
    const { fields, answers, pointer } = queue[next]!;
    const byId = fieldsOf(fields);
    for (const key of Object.keys(answers)) {
      const field = byId.get(key);
      const at = `${pointer}/${pointerSegment(key)}`;
      if (!field) {
        out.push(at);
        if (out.length >= max) break;
      } else if (field.type === 'group') {
        const answer = answers[key];
        if (!field.repeatable && isRecord(answer)) {
          queue.push({ fields: field.fields, answers: answer, pointer: at });
        } else if (field.repeatable && Array.isArray(answer)) {
          answer.forEach((item: unknown, i) => {
            if (isRecord(item)) queue.push({ fields: field.fields, answers: item, pointer: `${at}/${i}` });
          });
        }
      }
    }
  }
  return out;
}
