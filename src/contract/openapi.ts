/**
 * Generates the OpenAPI 3.1 document from the contract (route table + named schemas). Never edit
 * the generated document by hand: `npm run openapi` writes `docs/openapi.json`, and a test fails when
 * the committed or served document drifts from the schemas, or when Redocly's recommended rules find
 * anything in it.
 *
 * Paths are written as in the route table, relative to the one server entry `/api/v1` (itself relative
 * to the host that serves the document). Every operation says its security: `[]` for the public ones
 * (citizens' widgets, no credentials), the bearer API key for the authority inbox. Only components that
 * the paths reach are emitted: the registry also names catalog file formats (`Tenant`,
 * `Responsibility`) that no route sends.
 */
import * as z from 'zod/mini';
import { API_BASE, routes, type RouteDef } from './api.ts';
import { contractRegistry } from './common.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import './index.ts';

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

/** Every component name referenced (`$ref`) anywhere inside `value`. */
function referencedComponents(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedComponents(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith(REF_PREFIX)) {
        found.add(item.slice(REF_PREFIX.length));
      } else {
        referencedComponents(item, found);
      }
    }
  }
  return found;
}

/** The component schemas that `paths` reach, directly or through other components, in registry order. */
function reachableSchemas(all: Record<string, JsonSchema>, paths: unknown): Record<string, JsonSchema> {
  const reached = new Set<string>();
  const queue = [...referencedComponents(paths)];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (reached.has(id)) continue;
    const schema = all[id];
    if (!schema) throw new Error(`OpenAPI: $ref to unknown component ${id}`);
    reached.add(id);
    queue.push(...referencedComponents(schema));
  }
  return Object.fromEntries(Object.entries(all).filter(([id]) => reached.has(id)));
}

function componentSchemas(): Record<string, JsonSchema> {
  const out = z.toJSONSchema(contractRegistry, {
    target: 'draft-2020-12',
    uri: (id) => `${REF_PREFIX}${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  const schemas: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    schemas[id] = rest;
  }
  return schemas;
}

/** JSON Schema for an inline schema, with named parts turned into component references. */
function inline(schema: z.ZodMiniType): JsonSchema {
  const id = contractRegistry.get(schema)?.id;
  if (id) return { $ref: `${REF_PREFIX}${id}` };
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    metadata: contractRegistry,
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
  }) as JsonSchema;
  const { $schema: _s, ...rest } = json;
  return replaceNamedDefs(rest);
}

/** `toJSONSchema` puts registered sub-schemas into `$defs`; point them at the components instead. */
function replaceNamedDefs(json: JsonSchema): JsonSchema {
  const text = JSON.stringify(json).replace(/"#\/\$defs\/([A-Za-z]+)"/g, `"${REF_PREFIX}$1"`);
  const parsed = JSON.parse(text) as JsonSchema;
  delete parsed.$defs;
  return parsed;
}

function parameters(route: RouteDef): unknown[] {
  const list: unknown[] = [];
  const add = (where: 'path' | 'query', obj: z.ZodMiniObject | undefined) => {
    if (!obj) return;
    const json = inline(obj) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema,
      });
    }
  };
  add('path', route.params);
  add('query', route.query);
  if (route.idempotent) {
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'A random key per application; a retry with the same key returns the first answer.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{16,128}$' },
    });
  }
  if (route.body === 'raw') {
    list.push({
      name: 'X-File-Name',
      in: 'header',
      required: true,
      description: 'The URI-encoded file name.',
      schema: { type: 'string' },
    });
  }
  return list;
}

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${REF_PREFIX}Problem` } } },
});

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, route] of Object.entries(routes) as [string, RouteDef][]) {
    const op: Record<string, unknown> = {
      operationId,
      summary: route.summary,
      tags: [route.tag],
      parameters: parameters(route),
      responses: {
        [String(route.status)]: {
          description: 'Success',
          content:
            route.response === 'binary'
              ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } }
              : { 'application/json': { schema: inline(route.response) } },
        },
        '400': problemResponse('Invalid request; `errors` locates each invalid value.'),
        ...(route.path === '/forms/{formId}'
          ? { '304': { description: 'Not modified (If-None-Match matched the ETag).' } }
          : {}),
        ...(route.auth ? { '401': problemResponse('Missing or unknown API key.') } : {}),
        ...(route.auth
          ? {}
          : { '403': problemResponse('The calling origin is not allowed for this tenant.') }),
        '404': problemResponse('Not found (or not visible to the caller).'),
        ...(route.method === 'POST'
          ? {
              '409': problemResponse(
                'Conflict: key reused with another body, outdated form version or closed case.',
              ),
            }
          : {}),
        ...(route.body === 'raw'
          ? {
              '413': problemResponse('The file is larger than the field allows.'),
              '415': problemResponse('The file type is not accepted by the field.'),
            }
          : {}),
        '429': problemResponse('Too many requests; retry after `Retry-After` seconds.'),
        '500': problemResponse('Unexpected error; carries no internals.'),
      },
    };
    // Explicit on every operation: a reader (and a linter) must not have to guess that `[]` means public.
    op.security = route.auth ? [{ authorityKey: [] }] : [];
    if (route.body === 'raw') {
      op.requestBody = {
        required: true,
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      };
    } else if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: inline(route.body) } } };
    }
    // Relative to `servers[0].url` (API_BASE), as the route table writes them.
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ozg-widgets API',
      version: '1.0.0',
      description:
        'The shared backend of the ozg-widgets: service catalog, form definitions, submissions, status and the authority inbox. Generated from the zod contract.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      {
        url: API_BASE,
        description:
          'The backend that serves this document (at /api/v1/openapi.json): relative to its origin, e.g. https://online-dienste.example.de/api/v1.',
      },
    ],
    tags: [
      { name: 'catalog', description: 'Services, categories, places and responsible authorities.' },
      { name: 'forms', description: 'Form definitions.' },
      { name: 'submissions', description: 'Uploads and submissions.' },
      { name: 'status', description: 'Status for citizens (reference + access code).' },
      { name: 'authority', description: 'The inbox of an authority (API key).' },
    ],
    paths,
    components: {
      schemas: reachableSchemas(componentSchemas(), paths),
      securitySchemes: {
        authorityKey: { type: 'http', scheme: 'bearer', description: 'The API key of an authority.' },
      },
    },
  };
}
