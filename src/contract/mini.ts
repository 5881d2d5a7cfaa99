/**
 * The browser's validator: a small implementation of exactly the part of the `zod/mini` API the contract
 * (`src/contract`) and the form engine (`src/forms`) use. Browser builds resolve `zod/mini` to this module;
 * the server and the type checker keep the real zod (types, OpenAPI generation).
 *
 * Why not zod itself in the browser: size (zod/mini with its locale and core adds several KB gzip to every element),
 * and zod 4 probes whether `new Function` works to decide on its fast path, which a page under a strict
 * Content-Security-Policy (no 'unsafe-eval') reports as a violation on every load. package.json pins zod to the
 * minor this module mirrors (`~4.6`); a newer minor is taken only after the conformance test below passes with it.
 *
 * It follows zod's rules where they change a result: objects drop unknown keys (strict objects report them),
 * checks stop after a type error, unions take the first option that passes (or the only one that got past its
 * type), and messages are zod/mini's default "Invalid input" unless a schema names its own.
 * `test/package/mini-conformance.test.ts` holds both to the same answers for the sample catalog and thousands
 * of mutations of it, so a difference cannot ship unnoticed. A zod function this module lacks fails that test.
 */

type Key = string | number;

/** One problem found while parsing; the shape zod reports. */
export interface Issue {
  code: string;
  path: Key[];
  message: string;
  /** Later checks still run after this issue (zod's `continue`). */
  continue?: boolean;
  [extra: string]: unknown;
}

interface Payload {
  value: unknown;
  issues: Issue[];
  /** Set by a pipe that stopped: nothing after it runs (zod's `aborted`). */
  aborted?: boolean;
}

interface Check {
  run(payload: Payload): void;
  /** Runs even after a type error when this says so (zod's length checks). */
  when?: (payload: Payload) => boolean;
}

type Parse = (payload: Payload) => void;
type Props = Record<string, unknown>;
interface RawIssue {
  code: string;
  path?: Key[] | undefined;
  message?: string | undefined;
  continue?: boolean;
  [extra: string]: unknown;
}

const INVALID = 'Invalid input';

function issue(payload: Payload, raw: RawIssue): void {
  payload.issues.push({ ...raw, path: raw.path ?? [], message: raw.message ?? INVALID });
}

/** An issue that stops later checks (anything not marked `continue`), or a stopped pipe. */
function aborted(payload: Payload, from = 0): boolean {
  if (payload.aborted) return true;
  for (let i = from; i < payload.issues.length; i++) if (payload.issues[i]?.continue !== true) return true;
  return false;
}

/** Only an explicit `continue: false` (or a stopped pipe) also stops checks that have a `when`. */
function explicitlyAborted(payload: Payload): boolean {
  return payload.aborted === true || payload.issues.some((found) => found.continue === false);
}

/** Runs a child schema on a value and adds its issues under `key`. */
function child(schema: Schema, value: unknown, into: Payload, key: Key): Payload {
  const result = schema.run({ value, issues: [] });
  for (const found of result.issues) into.issues.push({ ...found, path: [key, ...found.path] });
  return result;
}

export class ZodError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(JSON.stringify(issues.map(({ code, path, message }) => ({ code, path, message }))));
    this.name = 'ZodError';
    this.issues = issues;
  }
}

type Result = { success: true; data: unknown } | { success: false; error: ZodError };

export class Schema {
  readonly #parse: Parse;
  readonly #checks: readonly Check[];
  readonly #props: Props;

  constructor(parse: Parse, props: Props = {}, checks: readonly Check[] = []) {
    this.#parse = parse;
    this.#props = props;
    this.#checks = checks;
    Object.assign(this, props);
  }

  /** A copy with more checks (zod/mini's `.check()`). */
  check(...checks: Check[]): Schema {
    return new Schema(this.#parse, this.#props, [...this.#checks, ...checks]);
  }

  run(payload: Payload): Payload {
    this.#parse(payload);
    let stop = aborted(payload);
    for (const check of this.#checks) {
      if (check.when ? explicitlyAborted(payload) || !check.when(payload) : stop) continue;
      const before = payload.issues.length;
      check.run(payload);
      if (!stop && payload.issues.length > before) stop = aborted(payload, before);
    }
    return payload;
  }

  safeParse(value: unknown): Result {
    const { value: data, issues } = this.run({ value, issues: [] });
    return issues.length ? { success: false, error: new ZodError(issues) } : { success: true, data };
  }

  parse(value: unknown): unknown {
    const result = this.safeParse(value);
    if (!result.success) throw result.error;
    return result.data;
  }
}

export const safeParse = (schema: Schema, value: unknown): Result => schema.safeParse(value);
export const parse = (schema: Schema, value: unknown): unknown => schema.parse(value);

// ---- types ---------------------------------------------------------------------------------------------------

function typed(expected: string, ok: (value: unknown) => boolean, props: Props = {}): Schema {
  return new Schema((p) => {
    if (!ok(p.value)) issue(p, { code: 'invalid_type', expected, ...props });
  });
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's test for a record: an object made by `{}`, `Object.create(null)` or JSON, not a Date or a class instance. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = (ctor as { prototype?: unknown }).prototype;
  return isRecord(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}

export const string = (): Schema => typed('string', (v) => typeof v === 'string');
export const number = (): Schema => typed('number', isNumber);
export const boolean = (): Schema => typed('boolean', (v) => typeof v === 'boolean');
export const unknown = (): Schema => new Schema(() => undefined);

export function int(): Schema {
  return new Schema((p) => {
    const v = p.value;
    if (!isNumber(v) || !Number.isInteger(v)) issue(p, { code: 'invalid_type', expected: 'int' });
    else if (!Number.isSafeInteger(v)) {
      issue(p, { code: v > 0 ? 'too_big' : 'too_small', origin: 'int', continue: true });
    }
  });
}

function oneOf(values: readonly unknown[]): Parse {
  return (p) => {
    if (!values.includes(p.value)) issue(p, { code: 'invalid_value', values });
  };
}

export function literal(value: unknown): Schema {
  const values = Array.isArray(value) ? value : [value];
  return new Schema(oneOf(values), { values: new Set(values), value: values[0] });
}

export function _enum(entries: readonly string[] | Record<string, string>): Schema {
  const options = Array.isArray(entries) ? [...entries] : Object.values(entries);
  return new Schema(oneOf(options), { options, values: new Set(options) });
}
export { _enum as enum };

export function optional(inner: Schema): Schema {
  return new Schema(
    (p) => {
      if (p.value !== undefined) inner.run(p);
    },
    { optional: true },
  );
}

export function lazy(get: () => Schema): Schema {
  let inner: Schema | undefined;
  const target = (): Schema => (inner ??= get());
  return new Schema((p) => void target().run(p));
}

function objectWith(shape: Record<string, Schema>, strict: boolean): Schema {
  return new Schema(
    (p) => {
      const input = p.value;
      if (!isRecord(input)) return issue(p, { code: 'invalid_type', expected: 'object' });
      const out: Record<string, unknown> = {};
      const keys = Object.keys(shape);
      for (const key of keys) {
        const schema = shape[key] as Schema;
        const present = key in input;
        const optional = (schema as { optional?: boolean }).optional === true;
        if (!present && optional) continue;
        const result = child(schema, input[key], p, key);
        if (!present) {
          // A required key must be there, even when its schema would accept `undefined`.
          if (!result.issues.length) issue(p, { code: 'invalid_type', expected: 'nonoptional', path: [key] });
          continue;
        }
        out[key] = result.value;
      }
      if (strict) {
        const extra: string[] = [];
        // Inherited enumerable keys count too, as in zod.
        for (const key in input) if (!Object.hasOwn(shape, key)) extra.push(key);
        if (extra.length) issue(p, { code: 'unrecognized_keys', keys: extra, continue: true });
      }
      p.value = out;
    },
    { shape },
  );
}

export const object = (shape: Record<string, Schema>): Schema => objectWith(shape, false);
export const strictObject = (shape: Record<string, Schema>): Schema => objectWith(shape, true);

export function array(element: Schema): Schema {
  return new Schema(
    (p) => {
      const input = p.value;
      if (!Array.isArray(input)) return issue(p, { code: 'invalid_type', expected: 'array' });
      // An index loop, not map(): holes in a sparse array are checked as `undefined`.
      const out: unknown[] = [];
      for (let i = 0; i < input.length; i++) out.push(child(element, input[i], p, i).value);
      p.value = out;
    },
    { element },
  );
}

export function tuple(items: Schema[]): Schema {
  return new Schema((p) => {
    const input = p.value;
    if (!Array.isArray(input)) return issue(p, { code: 'invalid_type', expected: 'tuple' });
    if (input.length !== items.length) {
      const big = input.length > items.length;
      return issue(p, {
        code: big ? 'too_big' : 'too_small',
        origin: 'array',
        [big ? 'maximum' : 'minimum']: items.length,
        inclusive: true,
      });
    }
    p.value = items.map((item, i) => child(item, input[i], p, i).value);
  });
}

export function record(keys: Schema, values: Schema): Schema {
  return new Schema((p) => {
    const input = p.value;
    if (!isPlainObject(input)) return issue(p, { code: 'invalid_type', expected: 'record' });
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      // As zod does: a JSON key "__proto__" is left out, never written onto the result.
      if (key === '__proto__') continue;
      const checked = keys.run({ value: key, issues: [] });
      if (checked.issues.length) {
        issue(p, {
          code: 'invalid_key',
          origin: 'record',
          issues: checked.issues,
          path: [key],
        });
        continue;
      }
      out[checked.value as string] = child(values, input[key], p, key).value;
    }
    p.value = out;
  });
}

export function union(options: Schema[]): Schema {
  return new Schema(
    (p) => {
      const results = options.map((option) => option.run({ value: p.value, issues: [] }));
      const passed = results.find((r) => r.issues.length === 0);
      if (passed) return void (p.value = passed.value);
      const partly = results.filter((r) => !aborted(r));
      const only = partly.length === 1 ? partly[0] : undefined;
      if (only) {
        p.value = only.value;
        return void p.issues.push(...only.issues);
      }
      issue(p, { code: 'invalid_union', errors: results.map((r) => r.issues) });
    },
    { options },
  );
}

/** The literal values an option's discriminator key accepts. */
function discriminators(option: Schema, key: string): unknown[] {
  const shape = (option as unknown as { shape: Record<string, { values?: Set<unknown> }> }).shape;
  return [...(shape[key]?.values ?? [])];
}

export function discriminatedUnion(key: string, options: Schema[]): Schema {
  let byValue: Map<unknown, Schema> | undefined;
  return new Schema(
    (p) => {
      byValue ??= new Map(options.flatMap((o) => discriminators(o, key).map((v) => [v, o] as const)));
      const input = p.value;
      if (!isRecord(input)) return issue(p, { code: 'invalid_type', expected: 'object' });
      const option = byValue.get(input[key]);
      if (!option) {
        return issue(p, {
          code: 'invalid_union',
          errors: [],
          note: 'No matching discriminator',
          discriminator: key,
          options: [...byValue.keys()],
          path: [key],
        });
      }
      option.run(p);
    },
    { options },
  );
}

/**
 * Runs `b` on what `a` produced (zod's `pipe`). Any issue of `a` stops it, except unknown keys, which describe
 * the input rather than the value.
 */
export function pipe(a: Schema, b: Schema): Schema {
  return new Schema((p) => {
    a.run(p);
    if (p.issues.some((found) => found.code !== 'unrecognized_keys')) p.aborted = true;
    else b.run(p);
  });
}

interface RefineContext {
  value: unknown;
  addIssue(raw: Omit<RawIssue, 'code'> & { code?: string }): void;
}

function context(p: Payload): RefineContext {
  return {
    value: p.value,
    addIssue: (raw) => issue(p, { continue: true, input: p.value, ...raw, code: raw.code ?? 'custom' }),
  };
}

export function transform(fn: (value: never, ctx: RefineContext) => unknown): Schema {
  return new Schema((p) => {
    p.value = fn(p.value as never, context(p));
  });
}

// ---- checks --------------------------------------------------------------------------------------------------

const hasLength = (p: Payload): boolean =>
  p.value !== null && p.value !== undefined && (p.value as { length?: unknown }).length !== undefined;

function origin(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value;
}

function length(limit: number, min: boolean): Check {
  return {
    when: hasLength,
    run(p) {
      const size = (p.value as { length: number }).length;
      if (min ? size >= limit : size <= limit) return;
      issue(p, {
        code: min ? 'too_small' : 'too_big',
        origin: origin(p.value),
        [min ? 'minimum' : 'maximum']: limit,
        inclusive: true,
        continue: true,
      });
    },
  };
}

export const minLength = (limit: number): Check => length(limit, true);
export const maxLength = (limit: number): Check => length(limit, false);

function bound(limit: number, min: boolean): Check {
  return {
    run(p) {
      const v = p.value as number;
      if (min ? v >= limit : v <= limit) return;
      issue(p, {
        code: min ? 'too_small' : 'too_big',
        origin: 'number',
        [min ? 'minimum' : 'maximum']: limit,
        inclusive: true,
        continue: true,
      });
    },
  };
}

export const gte = (limit: number): Check => bound(limit, true);
export const lte = (limit: number): Check => bound(limit, false);

function format(name: string, test: (value: string) => boolean, extra: Props = {}): Check {
  return {
    run(p) {
      if (!test(p.value as string)) {
        issue(p, { code: 'invalid_format', origin: 'string', format: name, ...extra, continue: true });
      }
    },
  };
}

function pattern(re: RegExp): (value: string) => boolean {
  return (value) => {
    re.lastIndex = 0;
    return re.test(value);
  };
}

export const regex = (re: RegExp): Check => format('regex', pattern(re), { pattern: String(re) });

export function refine<T>(fn: (value: T) => unknown, params: { message?: string; path?: Key[] } = {}): Check {
  return {
    run(p) {
      if (fn(p.value as T)) return;
      issue(p, { code: 'custom', continue: true, message: params.message, path: params.path ?? [] });
    },
  };
}

export function superRefine(fn: (value: never, ctx: RefineContext) => void): Check {
  return { run: (p) => fn(p.value as never, context(p)) };
}

// ---- string formats ------------------------------------------------------------------------------------------

/** zod's email pattern. */
const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const email = (): Schema => string().check(format('email', pattern(EMAIL)));

/**
 * zod's URL rule: parsable after trimming; with an http(s) protocol pattern the text must also spell `://`;
 * the value becomes the trimmed text without tabs and line breaks.
 */
export function url(params: { protocol?: RegExp } = {}): Schema {
  const protocol = params.protocol;
  const http = protocol?.source === '^https?$';
  return string().check({
    run(p) {
      const trimmed = (p.value as string).trim();
      let parsed: URL | undefined;
      try {
        parsed = http && !/^https?:\/\//i.test(trimmed) ? undefined : new URL(trimmed);
      } catch {
        parsed = undefined;
      }
      const scheme = parsed?.protocol.replace(/:$/, '');
      if (!parsed || (protocol && !pattern(protocol)(scheme ?? ''))) {
        return issue(p, { code: 'invalid_format', origin: 'string', format: 'url', continue: true });
      }
      p.value = trimmed.replace(/[\t\n\r]/g, '');
    },
  });
}

const DATE =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';

/** ISO 8601 date-times as zod checks them: seconds required, `Z` or (with `offset`) `±hh:mm`. */
export const iso = {
  datetime(params: { offset?: boolean } = {}): Schema {
    const zone = params.offset ? '(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d))' : 'Z';
    return string().check(format('datetime', pattern(new RegExp(`^${DATE}T${TIME}${zone}$`))));
  },
};

// ---- metadata ------------------------------------------------------------------------------------------------

/** Metadata only feeds the OpenAPI document on the server; the browser keeps none. */
export function registry(): { add(schema: unknown): unknown; get(): undefined; has(): boolean } {
  return {
    add() {
      return this;
    },
    get: () => undefined,
    has: () => false,
  };
}
