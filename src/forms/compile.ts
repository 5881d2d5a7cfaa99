/**
 * `compile(definition)`: the validator of a form, used by the form element (visibility, per-field checks)
 * and by the server (whole submissions). Everything that does not depend on the answers is computed here once:
 * the field index, the dependency graph and its transitive closure, the per-field checks.
 */
import * as z from 'zod/mini';
import { localize } from '../contract/common.ts';
import type { Field, FormAnswers, FormDefinition, Step } from '../contract/form-definition.ts';
import { checkAnswer, checkGroup, localToday, buildCheck } from './checks.ts';
import type { CheckResult, Issue, ValueCheck } from './checks.ts';
import { evaluate } from './conditions.ts';
import { DefinitionError, analyze } from './definition.ts';
import type { DefinitionIndex, FieldNode, StepNode } from './definition.ts';
import {
  fileTypeNames,
  formatBytes,
  formatDate,
  formatMessage,
  formatNumber,
  messageFor,
  orList,
} from './messages.ts';
import { toPointer } from './pointer.ts';

export type Lang = 'de' | 'en';

/** One invalid answer; same shape as the contract's `FieldError`, pointer relative to the answers object. */
export interface FieldErrorOut {
  pointer: string;
  detail: string;
  code: string;
}

/** Which repetition(s) of enclosing repeatable groups a field belongs to (outermost first). */
export type RepetitionIndex = number | readonly number[];

/** A compiled form definition. */
export interface CompiledForm {
  readonly definition: FormDefinition;
  /** every field by id (including fields inside groups) */
  field(id: string): Field | undefined;
  /** ids of fields and steps whose visibility may change when `fieldId`'s value changes (transitive closure, precomputed) */
  dependents(fieldId: string): readonly string[];
  isStepVisible(stepId: string, data: FormAnswers): boolean;
  visibleSteps(data: FormAnswers): Step[];
  /** top-level fields of a step that are visible for these answers (group children: use isVisible with the group's item) */
  visibleFields(stepId: string, data: FormAnswers): Field[];
  /** is the field visible; for a field inside a repeatable group pass the group item index (default 0) */
  isVisible(fieldId: string, data: FormAnswers, index?: RepetitionIndex): boolean;
  /**
   * answers with hidden fields, info fields, hidden steps, unknown keys and answers of the wrong type (e.g. a
   * text where a field now wants a list: a draft of an older version) removed; other invalid answers stay, so
   * the citizen sees and corrects them
   */
  prune(data: FormAnswers): FormAnswers;
  /**
   * Full validation (all visible steps) or of one step; hidden fields are neither required nor kept.
   * On success `data` holds the pruned, normalised answers (trimmed strings, numbers as numbers, IBAN without
   * spaces); with `stepId` only that step's answers.
   */
  validate(
    data: FormAnswers,
    options?: { lang?: Lang; stepId?: string; today?: string },
  ): { ok: true; data: FormAnswers } | { ok: false; errors: FieldErrorOut[] };
  /** errors of one field only (for validation when the citizen leaves a field); index for repeatable groups */
  validateField(
    fieldId: string,
    data: FormAnswers,
    options?: { lang?: Lang; index?: RepetitionIndex; today?: string },
  ): FieldErrorOut[];
  /** the zod/mini schema of the whole answer object for these answers' visibility */
  schemaFor(data: FormAnswers, options?: { lang?: Lang; today?: string }): z.ZodMiniType;
}

type Node = FieldNode | StepNode;
type Memo = Map<string, boolean>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own properties only: an answer key such as `constructor` must never reach the prototype. */
const own = (container: unknown, key: string): unknown =>
  isRecord(container) && Object.hasOwn(container, key) ? container[key] : undefined;

const toIndices = (index: RepetitionIndex | undefined): readonly number[] =>
  index === undefined ? [] : typeof index === 'number' ? [index] : index;

/** Sets a key on a fresh answers object without ever invoking a setter. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * An object schema whose keys are all checked even when absent (a required answer may be missing), and whose
 * output leaves out unanswered keys; unknown keys are dropped.
 */
function objectOf(shape: Record<string, z.ZodMiniType>): z.ZodMiniType {
  const keys = Object.keys(shape);
  return z.pipe(
    z.pipe(
      z.transform((value: unknown) => {
        if (!isRecord(value)) return value;
        const filled: Record<string, unknown> = {};
        for (const key of keys) put(filled, key, own(value, key));
        return filled;
      }),
      z.object(shape),
    ),
    z.transform((value: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const key of keys) if (value[key] !== undefined) put(out, key, value[key]);
      return out;
    }),
  );
}

class Compiled implements CompiledForm {
  readonly definition: FormDefinition;
  readonly #index: DefinitionIndex;
  readonly #checks = new Map<FieldNode, ValueCheck>();
  readonly #dependents = new Map<string, readonly string[]>();
  readonly #leafSchemas = new Map<string, z.ZodMiniType>();

  constructor(definition: FormDefinition, index: DefinitionIndex) {
    this.definition = definition;
    this.#index = index;
    for (const node of index.fields) {
      const check = buildCheck(node);
      if (check) this.#checks.set(node, check);
    }
    this.#computeDependents();
  }

  #computeDependents(): void {
    const byCondition = new Map<Node, Node[]>();
    for (const [owner, targets] of this.#index.dependsOn) {
      for (const t of targets) {
        const list = byCondition.get(t);
        if (list) list.push(owner);
        else byCondition.set(t, [owner]);
      }
    }
    const contained = (n: Node): FieldNode[] => (n.kind === 'step' ? n.fields : n.children);
    for (const node of this.#index.fields) {
      const direct = byCondition.get(node);
      if (!direct || this.#dependents.has(node.id)) continue;
      const seen = new Set<Node>();
      const queue: Node[] = [...direct];
      while (queue.length) {
        const n = queue.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        // A node whose visibility changes changes what its dependents see, and hides or shows its contents.
        for (const next of byCondition.get(n) ?? []) queue.push(next);
        for (const next of contained(n)) queue.push(next);
      }
      const ids = [...seen].sort((a, b) => a.order - b.order).map((n) => n.id);
      this.#dependents.set(node.id, Object.freeze(ids));
    }
  }

  field(id: string): Field | undefined {
    return this.#index.fieldById.get(id)?.field;
  }

  dependents(fieldId: string): readonly string[] {
    return this.#dependents.get(fieldId) ?? [];
  }

  // ---- visibility -------------------------------------------------------------------------------------------

  #stepVisible(step: StepNode, data: FormAnswers, memo: Memo): boolean {
    const condition = step.step.visibleWhen;
    if (!condition) return true;
    const key = '\0' + step.id;
    let visible = memo.get(key);
    if (visible === undefined) {
      visible = evaluate(condition, (id) => this.#seen(id, data, [], memo));
      memo.set(key, visible);
    }
    return visible;
  }

  #fieldVisible(node: FieldNode, data: FormAnswers, indices: readonly number[], memo: Memo): boolean {
    const key = node.depth ? node.id + '\0' + indices.slice(0, node.depth).join(',') : node.id;
    let visible = memo.get(key);
    if (visible === undefined) {
      const condition = node.field.visibleWhen;
      visible =
        (node.parent
          ? this.#fieldVisible(node.parent, data, indices, memo)
          : this.#stepVisible(node.step, data, memo)) &&
        (!condition || evaluate(condition, (id) => this.#seen(id, data, indices, memo)));
      memo.set(key, visible);
    }
    return visible;
  }

  /** What a condition sees of a field: its answer, or nothing when the field is hidden. */
  #seen(id: string, data: FormAnswers, indices: readonly number[], memo: Memo): unknown {
    const target = this.#index.fieldById.get(id);
    if (!target) return undefined;
    // References were checked: the target's repeatable groups enclose the referring field too.
    const at = indices.slice(0, target.depth);
    return this.#fieldVisible(target, data, at, memo) ? this.#valueAt(target, data, at) : undefined;
  }

  #valueAt(node: FieldNode, data: FormAnswers, indices: readonly number[]): unknown {
    let current: unknown = data;
    let k = 0;
    for (const group of node.ancestors) {
      current = own(current, group.id);
      if (group.field.type === 'group' && group.field.repeatable) {
        current = Array.isArray(current) ? current[indices[k++] ?? 0] : undefined;
      }
    }
    return own(current, node.id);
  }

  isStepVisible(stepId: string, data: FormAnswers): boolean {
    const step = this.#index.stepById.get(stepId);
    return step ? this.#stepVisible(step, data, new Map()) : false;
  }

  visibleSteps(data: FormAnswers): Step[] {
    const memo: Memo = new Map();
    return this.#index.steps.filter((s) => this.#stepVisible(s, data, memo)).map((s) => s.step);
  }

  visibleFields(stepId: string, data: FormAnswers): Field[] {
    const step = this.#index.stepById.get(stepId);
    if (!step) return [];
    const memo: Memo = new Map();
    return step.fields.filter((n) => this.#fieldVisible(n, data, [], memo)).map((n) => n.field);
  }

  isVisible(fieldId: string, data: FormAnswers, index?: RepetitionIndex): boolean {
    const node = this.#index.fieldById.get(fieldId);
    return node ? this.#fieldVisible(node, data, toIndices(index), new Map()) : false;
  }

  // ---- pruning and validation -------------------------------------------------------------------------------

  prune(answers: FormAnswers): FormAnswers {
    const out: FormAnswers = {};
    if (!isRecord(answers)) return out;
    // First what does not fit its field at all, so no condition is judged on a value that is then dropped.
    const today = localToday();
    const fields = this.#index.steps.flatMap((step) => step.fields);
    const data = this.#withoutMisfits(fields, answers, today);
    const memo: Memo = new Map();
    const walk = (
      nodes: FieldNode[],
      container: unknown,
      indices: readonly number[],
      target: FormAnswers,
    ): void => {
      for (const node of nodes) {
        if (node.field.type === 'info' || !this.#fieldVisible(node, data, indices, memo)) continue;
        const raw = own(container, node.id);
        if (raw === undefined) continue;
        if (node.field.type !== 'group') {
          put(target, node.id, raw);
        } else if (node.field.repeatable) {
          if (!Array.isArray(raw)) continue;
          put(
            target,
            node.id,
            raw.map((item: unknown, i) => {
              const sub: FormAnswers = {};
              walk(node.children, item, [...indices, i], sub);
              return sub;
            }),
          );
        } else if (isRecord(raw)) {
          const sub: FormAnswers = {};
          walk(node.children, raw, indices, sub);
          put(target, node.id, sub);
        }
      }
    };
    for (const step of this.#index.steps) {
      if (this.#stepVisible(step, data, memo)) walk(step.fields, data, [], out);
    }
    return out;
  }

  /** The answers without those of the wrong type for their field, and without group items that are no objects. */
  #withoutMisfits(nodes: FieldNode[], container: unknown, today: string): FormAnswers {
    const out: FormAnswers = {};
    for (const node of nodes) {
      const raw = own(container, node.id);
      if (raw === undefined || node.field.type === 'info') continue;
      if (node.field.type !== 'group') {
        if (this.#checkOne(node, raw, today).issue?.code !== 'invalid_type') put(out, node.id, raw);
      } else if (node.field.repeatable) {
        if (Array.isArray(raw))
          put(
            out,
            node.id,
            raw.filter(isRecord).map((item) => this.#withoutMisfits(node.children, item, today)),
          );
      } else if (isRecord(raw)) {
        put(out, node.id, this.#withoutMisfits(node.children, raw, today));
      }
    }
    return out;
  }

  validate(
    data: FormAnswers,
    options: { lang?: Lang; stepId?: string; today?: string } = {},
  ): { ok: true; data: FormAnswers } | { ok: false; errors: FieldErrorOut[] } {
    const lang = options.lang ?? 'de';
    const today = options.today ?? localToday();
    if (!isRecord(data)) {
      return { ok: false, errors: [{ pointer: '', detail: this.#formDetail(lang), code: 'invalid_type' }] };
    }
    let steps = this.#index.steps;
    if (options.stepId !== undefined) {
      const step = this.#index.stepById.get(options.stepId);
      if (!step) throw new RangeError(`Unknown step "${options.stepId}"`);
      steps = [step];
    }
    const memo: Memo = new Map();
    const errors: FieldErrorOut[] = [];
    const out: FormAnswers = {};
    const report = (node: FieldNode, tokens: (string | number)[], issue: Issue): void => {
      errors.push({ pointer: toPointer(tokens), detail: this.#detail(node, issue, lang), code: issue.code });
    };
    const walk = (
      nodes: FieldNode[],
      container: unknown,
      indices: readonly number[],
      tokens: (string | number)[],
      target: FormAnswers,
    ): void => {
      for (const node of nodes) {
        if (node.field.type === 'info' || !this.#fieldVisible(node, data, indices, memo)) continue;
        const raw = own(container, node.id);
        const here = [...tokens, node.id];
        if (node.field.type === 'group') {
          const result = checkGroup(node, raw);
          if (result.issue) {
            report(node, here, result.issue);
            if (result.issue.code === 'invalid_type') continue;
          }
          if (node.field.repeatable) {
            const items = Array.isArray(raw) ? raw : [];
            const list: FormAnswers[] = [];
            items.forEach((item: unknown, i) => {
              if (!isRecord(item)) return report(node, [...here, i], { code: 'invalid_type' });
              const sub: FormAnswers = {};
              walk(node.children, item, [...indices, i], [...here, i], sub);
              list.push(sub);
            });
            put(target, node.id, list);
          } else {
            const sub: FormAnswers = {};
            walk(node.children, isRecord(raw) ? raw : {}, indices, here, sub);
            put(target, node.id, sub);
          }
          continue;
        }
        const result = checkAnswer(node, this.#checks.get(node)!, raw, today);
        if (result.issue) report(node, here, result.issue);
        else if (result.value !== undefined) put(target, node.id, result.value);
      }
    };
    for (const step of steps) {
      if (this.#stepVisible(step, data, memo)) walk(step.fields, data, [], [], out);
    }
    return errors.length ? { ok: false, errors } : { ok: true, data: out };
  }

  validateField(
    fieldId: string,
    data: FormAnswers,
    options: { lang?: Lang; index?: RepetitionIndex; today?: string } = {},
  ): FieldErrorOut[] {
    const node = this.#index.fieldById.get(fieldId);
    if (!node || node.field.type === 'info' || !isRecord(data)) return [];
    const indices = toIndices(options.index);
    if (!this.#fieldVisible(node, data, indices, new Map())) return [];
    const raw = this.#valueAt(node, data, indices);
    const result = this.#checkOne(node, raw, options.today ?? localToday());
    if (!result.issue) return [];
    const tokens: (string | number)[] = [];
    let k = 0;
    for (const group of node.ancestors) {
      tokens.push(group.id);
      if (group.field.type === 'group' && group.field.repeatable) tokens.push(indices[k++] ?? 0);
    }
    tokens.push(node.id);
    const lang = options.lang ?? 'de';
    return [
      { pointer: toPointer(tokens), detail: this.#detail(node, result.issue, lang), code: result.issue.code },
    ];
  }

  #checkOne(node: FieldNode, raw: unknown, today: string): CheckResult {
    const check = this.#checks.get(node);
    return check ? checkAnswer(node, check, raw, today) : checkGroup(node, raw);
  }

  // ---- messages ---------------------------------------------------------------------------------------------

  #formDetail(lang: Lang): string {
    return lang === 'de'
      ? 'Die Angaben konnten nicht gelesen werden. Bitte versuchen Sie es erneut.'
      : 'The answers could not be read. Try again.';
  }

  #detail(node: FieldNode, issue: Issue, lang: Lang): string {
    const f = node.field;
    if (issue.code === 'pattern' && f.type === 'text' && f.patternMessage)
      return localize(f.patternMessage, lang);
    const p = issue.params ?? {};
    const isDate = issue.code === 'date_too_early' || issue.code === 'date_too_late';
    const show = (v: number | string | undefined): string | undefined =>
      v === undefined
        ? undefined
        : typeof v === 'number'
          ? formatNumber(v, lang)
          : isDate
            ? formatDate(v, lang)
            : v;
    // „Bitte bestätigen Sie „… meiner Angaben“.“: the message ends the sentence, not the label.
    const params: Record<string, string> = { label: (localize(f.label, lang) ?? f.id).replace(/\.$/, '') };
    const entries: [string, string | undefined][] = [
      ['min', show(p.min)],
      ['max', show(p.max)],
      ['file', p.file],
      ['accept', p.accept && orList(fileTypeNames(p.accept, lang), lang)],
      ['maxSize', p.maxSize === undefined ? undefined : formatBytes(p.maxSize, lang)],
    ];
    for (const [k, v] of entries) if (v !== undefined) params[k] = v;
    return formatMessage(messageFor(issue.code, f.type, lang), params);
  }

  // ---- zod schema -------------------------------------------------------------------------------------------

  schemaFor(data: FormAnswers, options: { lang?: Lang; today?: string } = {}): z.ZodMiniType {
    const lang = options.lang ?? 'de';
    const today = options.today ?? localToday();
    const memo: Memo = new Map();
    const answers = isRecord(data) ? data : {};
    const shapeOf = (nodes: FieldNode[], container: unknown, indices: readonly number[]): z.ZodMiniType => {
      const shape: Record<string, z.ZodMiniType> = {};
      for (const node of nodes) {
        if (node.field.type === 'info' || !this.#fieldVisible(node, answers, indices, memo)) continue;
        if (node.field.type !== 'group') {
          shape[node.id] = this.#leafSchema(node, lang, today);
          continue;
        }
        const raw = own(container, node.id);
        const self = this.#leafSchema(node, lang, today);
        if (node.field.repeatable) {
          const items = (Array.isArray(raw) ? raw : []).map((item: unknown, i) =>
            z.pipe(this.#itemSchema(node, lang), shapeOf(node.children, item, [...indices, i])),
          );
          shape[node.id] = z.pipe(self, z.tuple(items as []));
        } else {
          shape[node.id] = z.pipe(self, shapeOf(node.children, raw, indices));
        }
      }
      return objectOf(shape);
    };
    const steps = this.#index.steps.filter((s) => this.#stepVisible(s, answers, memo));
    return shapeOf(
      steps.flatMap((s) => s.fields),
      answers,
      [],
    );
  }

  /** The schema of one field's own answer; cached, since it does not depend on the answers. */
  #leafSchema(node: FieldNode, lang: Lang, today: string): z.ZodMiniType {
    const key = `${node.id}\0${lang}\0${node.field.type === 'date' ? today : ''}`;
    let schema = this.#leafSchemas.get(key);
    if (!schema) {
      schema = z.pipe(
        z.unknown().check(
          z.superRefine((value, ctx) => {
            const result = this.#checkOne(node, value, today);
            if (result.issue) {
              ctx.addIssue({
                code: 'custom',
                message: this.#detail(node, result.issue, lang),
                params: { code: result.issue.code },
              });
            }
          }),
        ),
        z.transform((value) => this.#checkOne(node, value, today).value),
      );
      this.#leafSchemas.set(key, schema);
    }
    return schema;
  }

  #itemSchema(node: FieldNode, lang: Lang): z.ZodMiniType {
    return z.unknown().check(
      z.superRefine((value, ctx) => {
        if (!isRecord(value)) {
          ctx.addIssue({
            code: 'custom',
            message: this.#detail(node, { code: 'invalid_type' }, lang),
            params: { code: 'invalid_type' },
          });
        }
      }),
    );
  }
}

/** Compiles a definition; throws `DefinitionError` (with every issue) when it is invalid. */
export function compile(definition: FormDefinition): CompiledForm {
  const result = analyze(definition);
  if (!result.ok) throw new DefinitionError(result.issues);
  return new Compiled(result.definition, result.index);
}
