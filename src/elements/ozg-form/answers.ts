/** Small helpers over the answers object: paths, pointers, DOM ids and the local draft. */
import type { FormAnswers } from '../../contract/form-definition.ts';
import { isFilled, type CompiledForm } from '../../forms/index.ts';
import { toPointer } from '../../forms/pointer.ts';

/** Where an answer lives: field ids, with repetition indices after repeatable groups. */
export type Path = readonly (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answer at a path (own properties only). */
export function getAt(root: FormAnswers, path: Path): unknown {
  let current: unknown = root;
  for (const token of path) {
    if (typeof token === 'number') current = Array.isArray(current) ? current[token] : undefined;
    else current = isRecord(current) && Object.hasOwn(current, token) ? current[token] : undefined;
  }
  return current;
}

/** Sets the answer at a path, creating group objects and repetition arrays on the way. */
export function setAt(root: FormAnswers, path: Path, value: unknown): void {
  let container: Record<string, unknown> | unknown[] = root;
  path.forEach((token, i) => {
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === 'number';
    const read = (): unknown =>
      Array.isArray(container) ? container[token as number] : (container as Record<string, unknown>)[token];
    const write = (v: unknown) => {
      if (Array.isArray(container)) container[token as number] = v;
      // defineProperty: an answer key such as `__proto__` must never reach a setter.
      else
        Object.defineProperty(container, token, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    };
    if (last) {
      write(value);
      return;
    }
    let next = read();
    if (nextIsIndex ? !Array.isArray(next) : !isRecord(next)) {
      next = nextIsIndex ? [] : {};
      write(next);
    }
    container = next as Record<string, unknown> | unknown[];
  });
}

/** The JSON pointer of a path (as the validator reports it). */
export const pointerOf = (path: Path): string => toPointer(path);

/** The tokens of a JSON pointer. */
export function tokensOf(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The id of the control of a path inside the shadow root. */
export const domId = (path: Path): string => `f.${path.join('.')}`;

/**
 * Reduces a pointer (e.g. a server's `/anlagen/0`) to the pointer of the field that shows it:
 * field ids, repetition indices after repeatable groups, nothing below a non-group field.
 */
export function fieldPointer(compiled: CompiledForm, pointer: string): string | undefined {
  const out: (string | number)[] = [];
  let expectIndex = false;
  for (const token of tokensOf(pointer)) {
    if (expectIndex) {
      if (!/^\d+$/.test(token)) break;
      out.push(Number(token));
      expectIndex = false;
      continue;
    }
    const field = compiled.field(token);
    if (!field) break;
    out.push(token);
    if (field.type !== 'group') break;
    expectIndex = field.repeatable !== undefined;
  }
  return out.length > 0 && typeof out[0] === 'string' ? pointerOf(out) : undefined;
}

/** Whether any answer is given: a filled value other than an unticked box, also inside a list or group. */
export function hasAnswer(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAnswer);
  if (isRecord(value)) return Object.values(value).some(hasAnswer);
  return value !== false && isFilled(value);
}

/** A saved draft: the answers and where the citizen was, so a reload returns to the same place. */
export interface Draft {
  answers: FormAnswers;
  /** The step shown (on the review page: the step "Zurück" leads to). */
  stepId?: string | undefined;
  /** The citizen was on the review page. */
  review?: boolean;
  /** The step was opened from the review page ("Ändern"): "Weiter" leads back there. */
  returnToReview?: boolean;
  /** The privacy consent on the review page was given. */
  consent?: boolean;
  savedAt: string;
}

/** Drafts are kept per tenant, form and version: an answer set of another version may not fit. */
export const draftKey = (tenant: string, formId: string, version: number): string =>
  `ozg-form-draft:${tenant}:${formId}:${version}`;

/** The keys of this form's drafts saved under other versions than `version`. */
function otherVersionKeys(tenant: string, formId: string, version: number): string[] {
  const prefix = draftKey(tenant, formId, 0).slice(0, -1);
  const own = draftKey(tenant, formId, version);
  try {
    const storage = globalThis.localStorage;
    if (!storage) return [];
    // A snapshot first: reading a draft may delete it, which renumbers the storage's keys.
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i));
    // The version is the whole rest of the key: another form whose id begins like this one's never matches.
    return keys.filter(
      (key): key is string =>
        !!key?.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)) && key !== own,
    );
  } catch {
    return [];
  }
}

/**
 * The newest draft of this form saved under another version: the form changed after the citizen began.
 * The caller carries over what still fits the new version and deletes the others with
 * {@link deleteOtherVersionDrafts}.
 */
export function readOtherVersionDraft(tenant: string, formId: string, version: number): Draft | undefined {
  let found: Draft | undefined;
  for (const key of otherVersionKeys(tenant, formId, version)) {
    const draft = readDraft(key);
    if (draft && (!found || draft.savedAt > found.savedAt)) found = draft;
  }
  return found;
}

/** Deletes this form's drafts of other versions (once one was carried over or declined, or the form was sent). */
export function deleteOtherVersionDrafts(tenant: string, formId: string, version: number): void {
  for (const key of otherVersionKeys(tenant, formId, version)) deleteDraft(key);
}

/**
 * How long an untouched draft is kept: long enough to gather documents, short enough that a shared computer
 * does not offer one citizen's answers to the next for weeks.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const DRAFT_MAX_AGE_MS = 7 * DAY_MS;

/**
 * Reads a draft; storage may be unavailable (privacy modes) or hold garbage: then there is none. A draft older
 * than {@link DRAFT_MAX_AGE_MS} is deleted instead.
 */
export function readDraft(key: string, now = Date.now()): Draft | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed) || !isRecord(parsed['answers']) || typeof parsed['savedAt'] !== 'string')
      return undefined;
    const savedAt = Date.parse(parsed['savedAt']);
    // Also a draft "saved" more than a day ahead: a wrong clock must not keep it forever.
    if (!(savedAt > now - DRAFT_MAX_AGE_MS && savedAt < now + DAY_MS)) {
      deleteDraft(key);
      return undefined;
    }
    return {
      answers: parsed['answers'],
      savedAt: parsed['savedAt'],
      stepId: typeof parsed['stepId'] === 'string' ? parsed['stepId'] : undefined,
      review: parsed['review'] === true,
      returnToReview: parsed['returnToReview'] === true,
      consent: parsed['consent'] === true,
    };
  } catch {
    return undefined;
  }
}

/** Saves a draft; a full or blocked storage must not break the form. */
export function writeDraft(key: string, draft: Draft): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(draft));
  } catch {
    // nothing to do: the form keeps working without a draft
  }
}

/** Deletes a draft. */
export function deleteDraft(key: string): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // see writeDraft
  }
}
