/**
 * Generates the OpenAPI 3.1 document from the contract (route table + named schemas). Never edit
 * the generated document by hand: `npm run openapi` writes `docs/openapi.json`, and a test fails when
 * the committed or served document drifts from the schemas.
 */
import * as z from 'zod/mini';
import { API_BASE, routes, type RouteDef } from './api.ts';
import { contractRegistry } from './common.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';
import './index.ts';

type JsonSchema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

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
    if (route.auth) op.security = [{ authorityKey: [] }];
    if (route.body === 'raw') {
      op.requestBody = {
        required: true,
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      };
    } else if (route.body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: inline(route.body) } } };
    }
    const path = `${API_BASE}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: op };
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
    tags: [
      { name: 'catalog', description: 'Services, categories, places and responsible authorities.' },
      { name: 'forms', description: 'Form definitions.' },
      { name: 'submissions', description: 'Uploads and submissions.' },
      { name: 'status', description: 'Status for citizens (reference + access code).' },
      { name: 'authority', description: 'The inbox of an authority (API key).' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        authorityKey: { type: 'http', scheme: 'bearer', description: 'The API key of an authority.' },
      },
    },
  };
}
