/**
 * File fields of a form definition and the files in a set of answers. Shared by the backend and the fixture
 * backend of the stories; pure TypeScript (no DOM, no Node APIs).
 */
import type { Field, FileField, FileRef, FormDefinition } from '../contract/form-definition.ts';
import { escapeToken } from './pointer.ts';

/** A file field's answer inside the (pruned) data, with its JSON Pointer relative to the answers. */
export interface FileAnswer {
  field: FileField;
  pointer: string;
  refs: FileRef[];
}

/** Finds every answered file field, also inside (repeatable) groups. */
export function collectFileAnswers(definition: FormDefinition, data: Record<string, unknown>): FileAnswer[] {
  const out: FileAnswer[] = [];
  const walk = (fields: Field[], scope: Record<string, unknown>, base: string) => {
    for (const field of fields) {
      const value = scope[field.id];
      const pointer = `${base}/${escapeToken(field.id)}`;
      if (value === undefined || value === null) continue;
      if (field.type === 'file' && Array.isArray(value)) {
        out.push({ field, pointer, refs: value as FileRef[] });
      } else if (field.type === 'group') {
        if (Array.isArray(value)) {
          value.forEach((item, i) => {
            if (item && typeof item === 'object')
              walk(field.fields, item as Record<string, unknown>, `${pointer}/${i}`);
          });
        } else if (typeof value === 'object') {
          walk(field.fields, value as Record<string, unknown>, pointer);
        }
      }
    }
  };
  for (const step of definition.steps) walk(step.fields, data, '');
  return out;
}

/** Every file field of a definition by id (ids are unique within a definition). */
export function fileFields(definition: FormDefinition): Map<string, FileField> {
  const out = new Map<string, FileField>();
  const walk = (fields: Field[]) => {
    for (const field of fields) {
      if (field.type === 'file') out.set(field.id, field);
      else if (field.type === 'group') walk(field.fields);
    }
  };
  for (const step of definition.steps) walk(step.fields);
  return out;
}

/** Whether a MIME type matches a field's `accept` list (`image/*` style wildcards allowed). */
export function typeAccepted(type: string, accept: readonly string[] | undefined): boolean {
  if (!accept || accept.length === 0) return true;
  const lower = type.toLowerCase();
  return accept.some((a) => (a.endsWith('/*') ? lower.startsWith(a.slice(0, -1)) : lower === a));
}
