/**
 * The browser validates with `src/contract/mini.ts` instead of zod. Here both run the same contract on the
 * same inputs: the sample catalog, the real server's answers to every kind of request, the example application
 * through the form engine, and thousands of seeded mutations of all of them (keys removed, added or retyped,
 * arrays emptied, strings swapped for near misses). They must agree on pass or fail, on the parsed data and on
 * every issue's code, path and message.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import * as zm from 'zod/mini';
import { browserValidator } from '../../scripts/browser-validator.mjs';
import * as zodContract from '../../src/contract/index.ts';
import * as zodForms from '../../src/forms/index.ts';
import * as mm from '../../src/contract/mini.ts';
import { SAMPLE_CATALOG_DIR } from '../../src/server/app.ts';
import { random } from '../search/generate.ts';
import { bearer, key, post, removeDir, start, tempDir, type Running } from '../server/helpers.ts';

type Contract = typeof zodContract;
type Forms = typeof zodForms;
interface Parser {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: readonly Issue[] } };
}
interface Issue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}

const src = fileURLToPath(new URL('../../src/', import.meta.url));
const sample = (name: string): unknown => JSON.parse(readFileSync(join(SAMPLE_CATALOG_DIR, name), 'utf8'));

/** The contract and the form engine bundled as the browser gets them: `zod/mini` resolved to the mini validator. */
async function loadMini(dir: string): Promise<{ contract: Contract; forms: Forms }> {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export * as contract from ${JSON.stringify(`${src}contract/index.ts`)};\n` +
      `export * as forms from ${JSON.stringify(`${src}forms/index.ts`)};\n`,
  );
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    plugins: [browserValidator()],
    build: {
      outDir: join(dir, 'out'),
      minify: false,
      lib: { entry, formats: ['es'], fileName: () => 'mini.js' },
    },
  });
  const code = readFileSync(join(dir, 'out', 'mini.js'), 'utf8');
  // zod's schemas all carry `_zod`; none may be in the browser's copy of the contract.
  assert.ok(!code.includes('_zod'), 'the browser bundle of the contract must not contain zod');
  return (await import(pathToFileURL(join(dir, 'out', 'mini.js')).href)) as {
    contract: Contract;
    forms: Forms;
  };
}

/** What a parse says, in a form both implementations can be compared by. */
function outcome(schema: Parser, value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  const issues = (result.error?.issues ?? []).map(({ code, path, message }) => ({
    code,
    path: [...path],
    message,
  }));
  return { success: false, issues };
}

// ---- seeded mutations ---------------------------------------------------------------------------------------

/** Every place in a JSON value, as key paths. */
function places(value: unknown, at: (string | number)[] = [], into: (string | number)[][] = []) {
  into.push(at);
  if (Array.isArray(value)) value.forEach((item, i) => places(item, [...at, i], into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) places(item, [...at, key], into);
  }
  return into;
}

const REPLACEMENTS: unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  -(2 ** 60),
  true,
  '',
  ' ',
  'x',
  'de',
  'A',
  '12345',
  '1234',
  'submitted',
  'forwarded',
  'text',
  'group',
  'info@example.org',
  'info@example',
  'https://example.org/a',
  ' https://example.org/a\t',
  'http:example.org',
  'ftp://example.org',
  '2026-11-29T10:00:00Z',
  '2026-11-29T10:00:00+01:00',
  '2026-02-30T10:00:00Z',
  '2026-11-29T10:00Z',
  'BD-2026-000001',
  '--ozg-color',
  'x'.repeat(300),
  [],
  ['x'],
  {},
  { de: 'Text' },
];

function mutate(original: unknown, rand: () => number): unknown {
  const copy: unknown = structuredClone(original);
  const all = places(copy);
  const path = all[Math.floor(rand() * all.length)] ?? [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  if (path.length === 0) return pick(REPLACEMENTS);
  const parent = path.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], copy);
  const key = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, unknown>;
  const target = container[key];
  const move = rand();
  if (move < 0.2 && !Array.isArray(parent)) delete container[key];
  else if (move < 0.3 && target && typeof target === 'object' && !Array.isArray(target)) {
    (target as Record<string, unknown>)[pick(['extra', 'de', 'type', 'field', 'min'])] = pick(REPLACEMENTS);
  } else if (move < 0.4 && Array.isArray(target)) {
    if (rand() < 0.5) target.length = 0;
    else target.push(structuredClone(target[0] ?? pick(REPLACEMENTS)));
  } else container[key] = pick(REPLACEMENTS);
  return copy;
}

// ---- corpus -------------------------------------------------------------------------------------------------

interface Case {
  name: string;
  schema: (c: Contract) => Parser;
  value: unknown;
}

const listOf = (name: string, schema: (c: Contract) => Parser, file: string): Case[] =>
  (sample(file) as unknown[]).map((value, i) => ({ name: `${name} ${i}`, schema, value }));

async function corpus(): Promise<Case[]> {
  const cases: Case[] = [
    ...listOf('Service', (c) => c.Service, 'services.json'),
    ...listOf('Authority', (c) => c.Authority, 'authorities.json'),
    ...listOf('Location', (c) => c.Location, 'locations.json').slice(0, 40),
    ...listOf('Category', (c) => c.Category, 'categories.json'),
    ...listOf('Tenant', (c) => c.Tenant, 'tenants.json'),
    ...listOf('Responsibility', (c) => c.Responsibility, 'responsibilities.json'),
    ...readdirSync(join(SAMPLE_CATALOG_DIR, 'forms')).map((file) => ({
      name: `FormDefinition ${file}`,
      schema: (c: Contract) => c.FormDefinition,
      value: sample(`forms/${file}`),
    })),
    {
      name: 'SubmissionRequest',
      schema: (c) => c.SubmissionRequest,
      value: sample('example-application.json'),
    },
    {
      name: 'StatusEventRequest',
      schema: (c) => c.StatusEventRequest,
      value: { type: 'forwarded', toAuthorityId: 'kreis-dithmarschen-zulassung', message: 'Zuständig ist …' },
    },
    {
      name: 'Condition',
      schema: (c) => c.Condition,
      value: { all: [{ field: 'a', gte: 2 }, { not: { field: 'b', in: ['x', 1, true] } }] },
    },
  ];
  return cases;
}

/** Real answers of the real server to the requests each element makes. */
async function answers(server: Running): Promise<Case[]> {
  const tenant = 'kreis-dithmarschen';
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.api}${path}`, { headers });
    assert.equal(response.status, 200, path);
    return (await response.json()) as unknown;
  };
  const example = sample('example-application.json') as { formId: string; data: Record<string, unknown> };
  // The example application, with the photo it needs uploaded as the form does it.
  const upload = await fetch(`${server.api}/tenants/${tenant}/forms/${example.formId}/fields/fotos/uploads`, {
    method: 'POST',
    headers: { 'Content-Type': 'image/png', 'X-File-Name': 'eiche.png' },
    body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
  });
  const photo = (await upload.json()) as unknown;
  const application = { ...example, data: { ...example.data, fotos: [photo] } };
  const created = await post(`${server.api}/submissions`, application, { 'idempotency-key': key() });
  assert.equal(created.status, 201, await created.clone().text());
  const receipt = (await created.json()) as {
    id: string;
    reference: string;
    accessCode: string;
    authority: { id: string };
  };
  const caseworker = bearer(receipt.authority.id);
  const id = receipt.id;
  const page = await get('/authority/submissions', caseworker);
  await post(`${server.api}/authority/submissions/${id}/events`, { type: 'in-progress' }, caseworker);
  const rejected = await post(
    `${server.api}/submissions`,
    { ...application, data: {} },
    { 'idempotency-key': key() },
  );
  assert.equal(rejected.status, 400);
  const problem = (await rejected.json()) as unknown;
  const status = await (
    await post(`${server.api}/status`, { idOrReference: receipt.reference, accessCode: receipt.accessCode })
  ).json();
  const r = (name: string, schema: (c: Contract) => Parser, value: unknown): Case => ({
    name,
    schema,
    value,
  });
  return [
    r('getTenant', (c) => c.PublicTenant, await get(`/tenants/${tenant}`)),
    r('listServices', (c) => c.ServiceList, await get(`/tenants/${tenant}/services?q=auto`)),
    r('listCategories', (c) => c.CategoryList, await get(`/tenants/${tenant}/categories`)),
    r('getService', (c) => c.Service, await get(`/tenants/${tenant}/services/baumfaellgenehmigung`)),
    r(
      'getResponsible',
      (c) => c.Responsible,
      await get(`/tenants/${tenant}/services/baumfaellgenehmigung/responsible?ars=010510044044`),
    ),
    r('searchLocations', (c) => c.LocationList, await get(`/tenants/${tenant}/locations?q=Heide`)),
    r('getForm', (c) => c.FormDefinition, await get('/forms/baumfaellgenehmigung')),
    r('uploadFile', (c) => c.FileRef, photo),
    r('createSubmission', (c) => c.SubmissionReceipt, receipt),
    r('getStatus', (c) => c.StatusView, status),
    r('a rejected submission (problem+json)', (c) => c.Problem, problem),
    r('listSubmissions', (c) => c.SubmissionPage, page),
    r('getSubmission', (c) => c.Submission, await get(`/authority/submissions/${id}`, caseworker)),
    r('listAuthorities', (c) => c.AuthorityList, await get('/authority/authorities', caseworker)),
  ];
}

describe('the browser validator answers as zod does', () => {
  let dir: string;
  let server: Running;
  let mini: { contract: Contract; forms: Forms };
  let cases: Case[];

  before(async () => {
    dir = tempDir('ozg-mini-');
    server = await start({ catalogDir: SAMPLE_CATALOG_DIR });
    mini = await loadMini(dir);
    cases = [...(await corpus()), ...(await answers(server))];
  });
  after(async () => {
    await server?.close();
    removeDir(dir);
  });

  it('accepts the sample catalog and the server’s answers with the same data', () => {
    for (const { name, schema, value } of cases) {
      const expected = outcome(schema(zodContract), value);
      assert.equal(expected.success, true, `${name} must be valid for zod: ${JSON.stringify(expected)}`);
      assert.deepStrictEqual(outcome(schema(mini.contract), value), expected, name);
    }
  });

  it('agrees on 200 mutations of every document', () => {
    const rand = random(20261129);
    let failures = 0;
    for (const { name, schema, value } of cases) {
      for (let i = 0; i < 200; i++) {
        const mutated = mutate(value, rand);
        const expected = outcome(schema(zodContract), mutated);
        if (!expected.success) failures += 1;
        assert.deepStrictEqual(outcome(schema(mini.contract), mutated), expected, `${name}, mutation ${i}`);
      }
    }
    // The mutations must actually break documents, or this test would prove nothing.
    assert.ok(failures > cases.length * 50, `only ${failures} mutations were invalid`);
  });

  it('agrees on edge cases the sample data cannot reach', () => {
    // Each case builds the same schema with zod (`zm`) and with the mini validator (`mm`).
    type Lib = typeof mm;
    const both = (make: (z: Lib) => mm.Schema, values: unknown[], name: string) => {
      const zod = make(zm as unknown as Lib) as unknown as Parser;
      const mini = make(mm) as unknown as Parser;
      values.forEach((value, i) => {
        assert.deepStrictEqual(outcome(mini, value), outcome(zod, value), `${name}, value ${i}`);
      });
    };
    const sparse: unknown[] = ['a', 'b'];
    delete sparse[0];
    const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
    inherited.a = 'x';
    both(
      (z) => z.object({ a: z.unknown() }),
      [{}, { a: undefined }, { a: 1 }],
      'a required key of unknown type',
    );
    both((z) => z.record(z.string(), z.string()), [new Date(0), Object.create(null), { a: 'b' }], 'record');
    both((z) => z.array(z.string()), [sparse, [], ['a']], 'sparse array');
    both((z) => z.strictObject({ a: z.string() }), [inherited, { a: 'x' }], 'inherited keys');
    both((z) => z.int().check(z.gte(0), z.lte(10)), [-(2 ** 60), 2 ** 60, -0, 1.5, NaN, Infinity], 'int');
    both(
      (z) =>
        z.union([
          z.pipe(z.strictObject({ a: z.string() }), z.object({ a: z.string() })),
          z.object({ b: z.int() }),
        ]),
      [{ a: 'x', extra: 1 }, { b: 1 }, { a: 1 }],
      'pipe after unknown keys, in a union',
    );
  });

  it('validates answers through the form engine identically', () => {
    const application = sample('example-application.json') as {
      formId: string;
      data: Record<string, unknown>;
    };
    const definition = sample(`forms/${application.formId}.json`);
    const withZod = zodForms.compile(zodContract.FormDefinition.parse(definition));
    const withMini = mini.forms.compile(mini.contract.FormDefinition.parse(definition) as never);
    const rand = random(7);
    for (let i = 0; i < 300; i++) {
      const data = i === 0 ? application.data : (mutate(application.data, rand) as Record<string, unknown>);
      for (const lang of ['de', 'en'] as const) {
        const options = { lang, today: '2026-11-29' };
        assert.deepStrictEqual(
          outcome(withMini.schemaFor(data, options) as Parser, data),
          outcome(withZod.schemaFor(data, options) as Parser, data),
          `answers mutation ${i} (${lang})`,
        );
      }
    }
  });
});
