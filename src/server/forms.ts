/**
 * The bridge to the shared form engine (`src/forms`): the server validates submissions with the very validator
 * the browser uses. Compiled forms are cached per (id, version).
 */
import type { FormDefinition } from '../contract/form-definition.ts';
import type { FieldError } from '../contract/problem.ts';
import type { Lang } from '../contract/common.ts';
import { compile } from '../forms/index.ts';

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
