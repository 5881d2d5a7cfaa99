/**
 * The catalog loader: tenants, authorities, responsibilities, locations, categories, services, form
 * definitions and API key hashes are data files in one directory, validated with the contract on start.
 * Any problem stops start-up with a message naming the file and the JSON path.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import {
  Authority,
  CatalogAuthority,
  Category,
  Location,
  Responsibility,
  Service,
  Tenant,
  responsibleFor,
} from '../contract/catalog.ts';
import { FormDefinition } from '../contract/form-definition.ts';
import type { FieldError } from '../contract/problem.ts';
import { routeByPlace, type Lang } from '../forms/index.ts';
import { Id } from '../contract/common.ts';
import { pointerSegment } from './problem.ts';
import { sha256Hex } from './security.ts';

/** One API key of an authority, stored only as the sha256 of the key. */
export const ApiKeyEntry = z.object({
  authorityId: Id,
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  label: z.optional(z.string()),
});
export type ApiKeyEntry = z.infer<typeof ApiKeyEntry>;

/** The loaded, cross-checked catalog. */
export interface Catalog {
  dir: string;
  tenants: Map<string, Tenant>;
  /** The public part of each authority (what citizens and other authorities may see). */
  authorities: Map<string, Authority>;
  /** Where each authority's notices go, if anywhere (never shown to citizens). */
  authorityNotices: Map<string, { email?: string; inboxUrl?: string }>;
  responsibilities: Responsibility[];
  locations: Location[];
  /** Gemeinde names by ARS, for lists that show where an application is from. */
  placeNames: Map<string, string>;
  categories: Map<string, Category>;
  services: Map<string, Service>;
  forms: Map<string, FormDefinition>;
  apiKeys: { authorityId: string; hash: Buffer; label: string | undefined }[];
}

/** A catalog that cannot be used; the message names the file and JSON path. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

const MAX_ISSUES = 5;

async function readJson(dir: string, file: string, optional = false): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch {
    if (optional) return undefined;
    throw new CatalogError(`${file}: file missing in catalog directory ${dir}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogError(`${file}: invalid JSON (${(error as Error).message})`);
  }
}

/** Operators read these messages: English texts that name the broken rule, not zod/mini's bare "Invalid input". */
const operatorMessages = z.locales.en().localeError;

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, file: string): T {
  const result = z.safeParse(schema, value, { error: operatorMessages });
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map((s) => `/${pointerSegment(s)}`).join('') || '/';
    return `${file}: ${path}: ${issue.message}`;
  });
  const more = result.error.issues.length - MAX_ISSUES;
  throw new CatalogError(lines.join('\n') + (more > 0 ? `\n${file}: … and ${more} more problems` : ''));
}

function byId<T extends { id: string }>(items: T[], file: string): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    if (map.has(item.id)) throw new CatalogError(`${file}: /${i}/id: duplicate id "${item.id}"`);
    map.set(item.id, item);
  });
  return map;
}

/**
 * Reads and checks a catalog directory. `checkForm` is called for every form definition (e.g. compiling it)
 * and may throw; its message is reported with the form's file name.
 */
export async function loadCatalog(dir: string, checkForm?: (form: FormDefinition) => void): Promise<Catalog> {
  const tenants = byId(
    parse(z.array(Tenant), await readJson(dir, 'tenants.json'), 'tenants.json'),
    'tenants.json',
  );
  const catalogAuthorities = byId(
    parse(z.array(CatalogAuthority), await readJson(dir, 'authorities.json'), 'authorities.json'),
    'authorities.json',
  );
  const authorities = new Map<string, Authority>();
  const authorityNotices = new Map<string, { email?: string; inboxUrl?: string }>();
  for (const [id, entry] of catalogAuthorities) {
    const { notificationEmail, inboxUrl, ...publicPart } = entry;
    authorities.set(id, z.parse(Authority, publicPart));
    const email = notificationEmail ?? entry.email;
    authorityNotices.set(id, {
      ...(email === undefined ? {} : { email }),
      ...(inboxUrl === undefined ? {} : { inboxUrl }),
    });
  }
  const responsibilities = parse(
    z.array(Responsibility),
    await readJson(dir, 'responsibilities.json'),
    'responsibilities.json',
  );
  const locations = parse(z.array(Location), await readJson(dir, 'locations.json'), 'locations.json');
  const categories = byId(
    parse(z.array(Category), await readJson(dir, 'categories.json'), 'categories.json'),
    'categories.json',
  );
  const services = byId(
    parse(z.array(Service), await readJson(dir, 'services.json'), 'services.json'),
    'services.json',
  );
  const keyList = parse(
    z.array(ApiKeyEntry),
    (await readJson(dir, 'api-keys.json', true)) ?? [],
    'api-keys.json',
  );

  const forms = new Map<string, FormDefinition>();
  let formFiles: string[] = [];
  try {
    formFiles = (await readdir(join(dir, 'forms'))).filter((f) => f.endsWith('.json')).sort();
  } catch {
    formFiles = [];
  }
  for (const name of formFiles) {
    const file = `forms/${name}`;
    const form = parse(FormDefinition, await readJson(dir, file), file);
    if (`${form.id}.json` !== name)
      throw new CatalogError(`${file}: /id: "${form.id}" does not match the file name`);
    if (!form.routing) {
      throw new CatalogError(
        `${file}: /routing: missing; name the fields of the place that decides the responsible authority, e.g. "routing": { "by": "business", "postalCode": "betrieb_plz", "place": "betrieb_ort" } (docs/operators.md, Routing)`,
      );
    }
    try {
      checkForm?.(form);
    } catch (error) {
      throw new CatalogError(`${file}: ${(error as Error).message}`);
    }
    forms.set(form.id, form);
  }

  for (const [i, tenant] of [...tenants.values()].entries()) {
    tenant.services.forEach((id, j) => {
      if (!services.has(id))
        throw new CatalogError(`tenants.json: /${i}/services/${j}: unknown service "${id}"`);
    });
  }
  for (const [i, service] of [...services.values()].entries()) {
    if (service.formId !== undefined) {
      const form = forms.get(service.formId);
      if (!form) throw new CatalogError(`services.json: /${i}/formId: no file forms/${service.formId}.json`);
      if (form.serviceId !== undefined && form.serviceId !== service.id) {
        throw new CatalogError(
          `services.json: /${i}/formId: form "${form.id}" belongs to service "${form.serviceId}"`,
        );
      }
    }
    service.categories.forEach((id, j) => {
      if (!categories.has(id))
        throw new CatalogError(`services.json: /${i}/categories/${j}: unknown category "${id}"`);
    });
  }
  responsibilities.forEach((r, i) => {
    if (!services.has(r.serviceId)) {
      throw new CatalogError(`responsibilities.json: /${i}/serviceId: unknown service "${r.serviceId}"`);
    }
    if (!authorities.has(r.authorityId)) {
      throw new CatalogError(
        `responsibilities.json: /${i}/authorityId: unknown authority "${r.authorityId}"`,
      );
    }
  });
  keyList.forEach((k, i) => {
    if (!authorities.has(k.authorityId)) {
      throw new CatalogError(`api-keys.json: /${i}/authorityId: unknown authority "${k.authorityId}"`);
    }
  });

  return {
    dir,
    tenants,
    authorities,
    authorityNotices,
    responsibilities,
    locations,
    placeNames: new Map(locations.map((l) => [l.ars, l.name])),
    categories,
    services,
    forms,
    apiKeys: keyList.map((k) => ({
      authorityId: k.authorityId,
      hash: Buffer.from(k.sha256, 'hex'),
      label: k.label,
    })),
  };
}

/**
 * The sample catalog's authority keys are `demo-<authorityId>`, and authority ids are public: a catalog that
 * still holds one would open that inbox to anybody. Refused unless the operator explicitly allows it.
 */
export function refuseDemoKeys(catalog: Catalog): void {
  catalog.apiKeys.forEach((k, i) => {
    if (k.hash.equals(Buffer.from(sha256Hex(`demo-${k.authorityId}`), 'hex'))) {
      throw new CatalogError(
        `api-keys.json: /${i}: this is the public demo key "demo-${k.authorityId}"; generate a real key (docs/operators.md, API keys)`,
      );
    }
  });
}

/** The responsibility for a service at a Gemeinde (the longest matching ARS prefix wins) with its authority. */
export function findResponsibility(
  catalog: Catalog,
  serviceId: string,
  ars: string,
): { arsPrefix: string; authority: Authority } | undefined {
  const best = responsibleFor(catalog.responsibilities, serviceId, ars);
  const authority = best && catalog.authorities.get(best.authorityId);
  return best && authority ? { arsPrefix: best.arsPrefix, authority } : undefined;
}

/** Where an application goes: the Gemeinde of the place of the matter and the authority responsible there. */
export type Routed =
  | { ok: true; ars: string; placeName: string; arsPrefix: string; authority: Authority }
  /** Why not, as a field error at the routing field (pointer `/data/<field id>`), in the citizen's language. */
  | { ok: false; error: FieldError };

/** Routes an application by the place of the matter its (validated) answers name; see `routeByPlace`. */
export function routeApplication(
  catalog: Catalog,
  serviceId: string,
  form: FormDefinition,
  data: Readonly<Record<string, unknown>>,
  lang: Lang,
): Routed {
  const outcome = routeByPlace(catalog, serviceId, form, data, lang);
  if (!outcome.ok) return outcome;
  const { location, responsibility } = outcome;
  const authority = catalog.authorities.get(responsibility.authorityId);
  // The loader checked every responsibility's authority.
  if (!authority) throw new Error(`authority ${responsibility.authorityId} missing from catalog`);
  return {
    ok: true,
    ars: location.ars,
    placeName: location.name,
    arsPrefix: responsibility.arsPrefix,
    authority,
  };
}
