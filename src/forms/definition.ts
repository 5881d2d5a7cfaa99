/**
 * Checking a form definition: the contract's schema plus the semantic rules a schema cannot express
 * (unique ids, conditions that can be answered, no cycles, consistent ranges, valid patterns).
 * Builds the field index that `compile` reuses, so the work is done once.
 */
import * as z from 'zod/mini';
import { FormDefinition } from '../contract/form-definition.ts';
import type { Field, GroupField, Step } from '../contract/form-definition.ts';
import { conditionRefs } from './conditions.ts';
import { toPointer } from './pointer.ts';

/** One problem of a definition; `path` is a JSON Pointer into the definition. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** Thrown by `compile` when a definition is invalid. */
export class DefinitionError extends Error {
  readonly issues: DefinitionIssue[];
  constructor(issues: DefinitionIssue[]) {
    const first = issues[0];
    super(
      `Invalid form definition (${issues.length} problem${issues.length === 1 ? '' : 's'})` +
        (first ? `: ${first.path || '/'}: ${first.message}` : ''),
    );
    this.name = 'DefinitionError';
    this.issues = issues;
  }
}

/** A field with everything the engine needs to know about its place in the definition. */
export interface FieldNode {
  readonly kind: 'field';
  readonly id: string;
  readonly field: Field;
  /** JSON Pointer of the field in the definition. */
  readonly path: string;
  readonly step: StepNode;
  /** The enclosing group, if any. */
  readonly parent: FieldNode | undefined;
  /** Enclosing groups, outermost first (their ids are the keys above this field's answer). */
  readonly ancestors: readonly FieldNode[];
  /** How many enclosing groups are repeatable (= how many indices locate one answer). */
  readonly depth: number;
  readonly children: FieldNode[];
  /** Position in document order (steps and fields interleaved). */
  readonly order: number;
  /** Compiled `pattern` of a text field. */
  pattern?: RegExp;
}

export interface StepNode {
  readonly kind: 'step';
  readonly id: string;
  readonly step: Step;
  readonly index: number;
  readonly path: string;
  readonly fields: FieldNode[];
  readonly order: number;
}

/** The index of a definition: steps, fields by id, all fields in document order. */
export interface DefinitionIndex {
  readonly steps: StepNode[];
  readonly stepById: Map<string, StepNode>;
  readonly fieldById: Map<string, FieldNode>;
  readonly fields: FieldNode[];
  /** Direct visibility dependencies: node → nodes whose visibility it depends on. */
  readonly dependsOn: Map<FieldNode | StepNode, FieldNode[]>;
}

export type Analysis =
  { ok: true; definition: FormDefinition; index: DefinitionIndex } | { ok: false; issues: DefinitionIssue[] };

const isGroup = (f: Field): f is GroupField => f.type === 'group';

function buildIndex(def: FormDefinition, issues: DefinitionIssue[]): DefinitionIndex {
  const steps: StepNode[] = [];
  const stepById = new Map<string, StepNode>();
  const fieldById = new Map<string, FieldNode>();
  const fields: FieldNode[] = [];
  let order = 0;

  const addFields = (
    list: Field[],
    basePath: string,
    step: StepNode,
    parent: FieldNode | undefined,
    out: FieldNode[],
  ): void => {
    list.forEach((field, i) => {
      const path = `${basePath}/${i}`;
      const ancestors = parent ? [...parent.ancestors, parent] : [];
      const depth = ancestors.filter((a) => a.field.type === 'group' && a.field.repeatable).length;
      const node: FieldNode = {
        kind: 'field',
        id: field.id,
        field,
        path,
        step,
        parent,
        ancestors,
        depth,
        children: [],
        order: order++,
      };
      const first = fieldById.get(field.id);
      if (first) {
        issues.push({
          path: `${path}/id`,
          message: `Duplicate field id "${field.id}" (first used at ${first.path}).`,
        });
      } else {
        fieldById.set(field.id, node);
      }
      fields.push(node);
      out.push(node);
      if (isGroup(field)) addFields(field.fields, `${path}/fields`, step, node, node.children);
    });
  };

  def.steps.forEach((step, index) => {
    const path = `/steps/${index}`;
    const node: StepNode = { kind: 'step', id: step.id, step, index, path, fields: [], order: order++ };
    const first = stepById.get(step.id);
    if (first) {
      issues.push({
        path: `${path}/id`,
        message: `Duplicate step id "${step.id}" (first used at ${first.path}).`,
      });
    } else {
      stepById.set(step.id, node);
    }
    steps.push(node);
    addFields(step.fields, `${path}/fields`, node, undefined, node.fields);
  });
  return { steps, stepById, fieldById, fields, dependsOn: new Map() };
}

function checkRanges(node: FieldNode, issues: DefinitionIssue[]): void {
  const f = node.field;
  const p = node.path;
  if (
    (f.type === 'text' || f.type === 'textarea') &&
    f.minLength !== undefined &&
    f.maxLength !== undefined
  ) {
    if (f.minLength > f.maxLength) {
      issues.push({
        path: `${p}/maxLength`,
        message: `maxLength (${f.maxLength}) is less than minLength (${f.minLength}).`,
      });
    }
  }
  if (f.type === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max) {
    issues.push({ path: `${p}/max`, message: `max (${f.max}) is less than min (${f.min}).` });
  }
  if (f.type === 'date' && f.min && f.max && f.min !== 'today' && f.max !== 'today' && f.min > f.max) {
    issues.push({ path: `${p}/max`, message: `max (${f.max}) is before min (${f.min}).` });
  }
  if ((f.type === 'email' || f.type === 'tel') && f.maxLength !== undefined && f.maxLength < 1) {
    issues.push({ path: `${p}/maxLength`, message: 'maxLength must be at least 1.' });
  }
  if (f.type === 'select' || f.type === 'radio' || f.type === 'checkbox-group') {
    const seen = new Map<string, number>();
    f.options.forEach((o, i) => {
      const first = seen.get(o.value);
      if (first !== undefined) {
        issues.push({
          path: `${p}/options/${i}/value`,
          message: `Duplicate option value "${o.value}" (first used at ${p}/options/${first}).`,
        });
      } else seen.set(o.value, i);
    });
  }
  if (f.type === 'checkbox-group') {
    if (f.minSelected !== undefined && f.maxSelected !== undefined && f.minSelected > f.maxSelected) {
      issues.push({
        path: `${p}/maxSelected`,
        message: `maxSelected (${f.maxSelected}) is less than minSelected (${f.minSelected}).`,
      });
    }
    if (f.minSelected !== undefined && f.minSelected > f.options.length) {
      issues.push({
        path: `${p}/minSelected`,
        message: `minSelected (${f.minSelected}) is more than the ${f.options.length} options offered.`,
      });
    }
  }
  if (f.type === 'text' && f.pattern !== undefined) {
    try {
      node.pattern = new RegExp('^(?:' + f.pattern + ')$', 'u');
    } catch {
      issues.push({
        path: `${p}/pattern`,
        message: `Invalid regular expression: ${JSON.stringify(f.pattern)}.`,
      });
    }
  }
}

interface Edge {
  to: FieldNode | StepNode;
  /** Pointer of the condition reference, absent for containment (a field inside a group or step). */
  refPath?: string;
}

function checkConditions(index: DefinitionIndex, issues: DefinitionIssue[]): void {
  const edges = new Map<FieldNode | StepNode, Edge[]>();
  const owners: (FieldNode | StepNode)[] = [];
  for (const step of index.steps) {
    owners.push(step);
    const walk = (nodes: FieldNode[]): void => {
      for (const n of nodes) {
        owners.push(n);
        walk(n.children);
      }
    };
    walk(step.fields);
  }

  for (const owner of owners) {
    const list: Edge[] = [];
    if (owner.kind === 'field') list.push({ to: owner.parent ?? owner.step });
    const condition = owner.kind === 'field' ? owner.field.visibleWhen : owner.step.visibleWhen;
    const deps: FieldNode[] = [];
    if (condition) {
      for (const ref of conditionRefs(condition, `${owner.path}/visibleWhen`)) {
        const target = index.fieldById.get(ref.field);
        const fail = (message: string): void => void issues.push({ path: ref.path, message });
        if (!target) {
          fail(`Condition refers to unknown field "${ref.field}".`);
        } else if (target.field.type === 'info') {
          fail(`Condition refers to info field "${ref.field}", which has no value.`);
        } else if (owner.kind === 'field' && target === owner) {
          fail(`Condition of "${owner.id}" refers to the field itself.`);
        } else if (owner.kind === 'field' && target.ancestors.includes(owner)) {
          fail(`Condition of group "${owner.id}" refers to "${ref.field}" inside the group itself.`);
        } else if (!repetitionsReachable(owner, target)) {
          const group = target.ancestors.filter((a) => isGroup(a.field) && a.field.repeatable).at(-1);
          fail(
            `Condition refers to "${ref.field}" inside the repeatable group "${group?.id}" from outside that group.`,
          );
        } else if (owner.kind === 'step' && target.step.index >= owner.index) {
          fail(
            target.step === owner
              ? `Condition of step "${owner.id}" refers to "${ref.field}" on the same step; use fields of earlier steps.`
              : `Condition of step "${owner.id}" refers to "${ref.field}" on a later step ("${target.step.id}"), which is not answered yet.`,
          );
        } else if (owner.kind === 'field' && target.step.index > owner.step.index) {
          fail(
            `Condition refers to "${ref.field}" on a later step ("${target.step.id}"), which is not answered yet.`,
          );
        } else {
          list.push({ to: target, refPath: ref.path });
          if (!deps.includes(target)) deps.push(target);
        }
      }
    }
    edges.set(owner, list);
    index.dependsOn.set(owner, deps);
  }
  findCycles(owners, edges, issues);
}

/** A reference may reach into repeatable groups only when the referring field is inside the same repetition. */
function repetitionsReachable(owner: FieldNode | StepNode, target: FieldNode): boolean {
  const repeatables = (n: FieldNode | StepNode): FieldNode[] =>
    n.kind === 'step' ? [] : n.ancestors.filter((a) => isGroup(a.field) && a.field.repeatable);
  const own = repeatables(owner);
  return repeatables(target).every((g, i) => own[i] === g);
}

const describe = (n: FieldNode | StepNode): string => (n.kind === 'step' ? `step "${n.id}"` : `"${n.id}"`);

function findCycles(
  owners: (FieldNode | StepNode)[],
  edges: Map<FieldNode | StepNode, Edge[]>,
  issues: DefinitionIssue[],
): void {
  const state = new Map<FieldNode | StepNode, 1 | 2>(); // 1 on the stack, 2 done
  const stack: { node: FieldNode | StepNode; via: Edge | undefined }[] = [];
  const reported = new Set<string>();

  const visit = (node: FieldNode | StepNode): void => {
    state.set(node, 1);
    for (const edge of edges.get(node) ?? []) {
      const s = state.get(edge.to);
      if (s === 2) continue;
      if (s === 1) {
        const start = stack.findIndex((e) => e.node === edge.to);
        // The cycle as [node, edge leaving it] pairs, starting at the member that comes first in the document.
        const members = stack
          .slice(start)
          .map((e, i, arr) => ({ node: e.node, out: arr[i + 1]?.via ?? edge }));
        const key = members
          .map((m) => m.node.order)
          .sort((a, b) => a - b)
          .join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const withRef = members.filter((m) => m.out.refPath !== undefined);
        const first = withRef.reduce((a, b) => (b.node.order < a.node.order ? b : a), withRef[0]!);
        const from = members.indexOf(first);
        const rotated = [...members.slice(from), ...members.slice(0, from)];
        const names = [...rotated.map((m) => describe(m.node)), describe(first.node)].join(' → ');
        issues.push({
          path: first.out.refPath!,
          message: `Conditions form a cycle: ${names} (each is visible only depending on the next).`,
        });
        continue;
      }
      stack.push({ node: edge.to, via: edge });
      visit(edge.to);
      stack.pop();
    }
    state.set(node, 2);
  };

  for (const owner of owners) {
    if (state.has(owner)) continue;
    stack.push({ node: owner, via: undefined });
    visit(owner);
    stack.pop();
  }
}

/**
 * The routing fields must always be answered: directly in one step (not in a group), required, of the right type,
 * and neither they nor their step shown only under a condition. Otherwise the server could not route an
 * application, or the form could not check the place when the citizen leaves that step.
 */
function checkRouting(def: FormDefinition, index: DefinitionIndex, issues: DefinitionIssue[]): void {
  const routing = def.routing;
  if (!routing) return;
  const wanted = [
    { key: 'postalCode', id: routing.postalCode, type: 'postal-code' },
    { key: 'place', id: routing.place, type: 'text' },
  ] as const;
  for (const { key, id, type } of wanted) {
    const path = `/routing/${key}`;
    const node = index.fieldById.get(id);
    const problem = !node
      ? `names no field of this form ("${id}")`
      : node.parent
        ? `"${id}" is inside a group; name a field placed directly in a step`
        : node.field.type !== type
          ? `"${id}" is a ${node.field.type} field; it must be a ${type} field`
          : (node.field as { required?: boolean }).required !== true
            ? `"${id}" must be required`
            : node.field.visibleWhen || node.step.step.visibleWhen
              ? `"${id}" must always be shown (no visibleWhen on it or its step)`
              : undefined;
    if (problem) issues.push({ path, message: `The routing field ${problem}.` });
  }
  // Both are checked together when the citizen leaves their step.
  const postal = index.fieldById.get(routing.postalCode);
  const place = index.fieldById.get(routing.place);
  if (postal && place && postal.step !== place.step) {
    issues.push({
      path: '/routing/place',
      message: `The routing fields "${routing.postalCode}" and "${routing.place}" must be in the same step.`,
    });
  }
}

/** The contact field is an `email` field directly in a step: one answer, the applicant's address. */
function checkContact(def: FormDefinition, index: DefinitionIndex, issues: DefinitionIssue[]): void {
  const id = def.contact?.email;
  if (id === undefined) return;
  const node = index.fieldById.get(id);
  const problem = !node
    ? `names no field of this form ("${id}")`
    : node.parent
      ? `"${id}" is inside a group; name a field placed directly in a step`
      : node.field.type !== 'email'
        ? `"${id}" is a ${node.field.type} field; it must be an email field`
        : undefined;
  if (problem) issues.push({ path: '/contact/email', message: `The contact field ${problem}.` });
}

function schemaIssues(error: z.core.$ZodError): DefinitionIssue[] {
  return error.issues.map((issue) => ({
    path: toPointer(issue.path.map((k) => (typeof k === 'symbol' ? String(k.description) : k))),
    message: issue.message,
  }));
}

/** Schema check plus semantic checks; returns the index for `compile`. */
export function analyze(input: unknown): Analysis {
  const parsed = z.safeParse(FormDefinition, input);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  const definition = parsed.data;
  const issues: DefinitionIssue[] = [];
  const index = buildIndex(definition, issues);
  for (const node of index.fields) checkRanges(node, issues);
  checkConditions(index, issues);
  checkRouting(definition, index, issues);
  checkContact(definition, index, issues);
  return issues.length ? { ok: false, issues } : { ok: true, definition, index };
}

/** Checks a definition against the contract's schema and the semantic rules. */
export function validateDefinition(
  definition: unknown,
): { ok: true; definition: FormDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const result = analyze(definition);
  return result.ok ? { ok: true, definition: result.definition } : result;
}
