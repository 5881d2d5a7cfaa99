/** Catalog routes: tenant, services (search, categories), responsible authority, places, forms. */
import type { FastifyInstance } from 'fastify';
import type { CategoryCount, ServiceList } from '../../contract/api.ts';
import type { PublicTenant, Service, ServiceSummary, Tenant } from '../../contract/catalog.ts';
import type { FieldError } from '../../contract/problem.ts';
import { assertOriginForTenant, on, type Ctx } from '../context.ts';
import { findResponsibility, routeApplication } from '../catalog.ts';
import { ProblemError } from '../problem.ts';
import { findPlaces, findPlacesOutside } from '../../search/places.ts';
import { sha256Hex } from '../security.ts';

const NOT_FOUND_TENANT = 'Unbekannter Mandant. / Unknown tenant.';
const NOT_FOUND_SERVICE = 'Diese Leistung gibt es hier nicht. / This service is not offered here.';

/** The answer for a place of the matter no authority can be found for: its field error says what and why. */
export function noAuthority(error: FieldError): ProblemError {
  return new ProblemError(
    'validation',
    'Für diesen Ort ist keine zuständige Stelle hinterlegt. / No responsible authority for this place.',
    [error],
  );
}

/** The tenant of a tenant-scoped route, after the origin check. */
export function tenantOf(ctx: Ctx, request: Parameters<typeof assertOriginForTenant>[1], id: string): Tenant {
  const tenant = ctx.catalog.tenants.get(id);
  if (!tenant) throw new ProblemError('not-found', NOT_FOUND_TENANT);
  assertOriginForTenant(ctx, request, id);
  return tenant;
}

function summaryOf(s: Service): ServiceSummary {
  const out: ServiceSummary = { id: s.id, name: s.name, summary: s.summary, categories: s.categories };
  if (s.leikaKey !== undefined) out.leikaKey = s.leikaKey;
  if (s.synonyms !== undefined) out.synonyms = s.synonyms;
  if (s.formId !== undefined) out.formId = s.formId;
  if (s.onlineServiceUrl !== undefined) out.onlineServiceUrl = s.onlineServiceUrl;
  return out;
}

function publicTenant(t: Tenant, notifiesByEmail: boolean): PublicTenant {
  const out: PublicTenant = { id: t.id, name: t.name, ars: t.ars, privacyNoticeUrl: t.privacyNoticeUrl };
  if (t.privacyAcknowledgement !== undefined) out.privacyAcknowledgement = t.privacyAcknowledgement;
  if (t.statusPageUrl !== undefined) out.statusPageUrl = t.statusPageUrl;
  if (t.theme !== undefined) out.theme = t.theme;
  out.notifiesByEmail = notifiesByEmail;
  return out;
}

/** Services per tenant, resolved once: the catalog does not change while the server runs. */
function servicesByTenant(ctx: Ctx): Map<string, Service[]> {
  const map = new Map<string, Service[]>();
  for (const tenant of ctx.catalog.tenants.values()) {
    map.set(
      tenant.id,
      tenant.services.map((id) => ctx.catalog.services.get(id)).filter((s): s is Service => s !== undefined),
    );
  }
  return map;
}

export function catalogRoutes(app: FastifyInstance, ctx: Ctx): void {
  const tenantServices = servicesByTenant(ctx);
  const formEtags = new Map(
    [...ctx.catalog.forms.values()].map((f) => [
      f.id,
      `"${f.id}-v${f.version}-${sha256Hex(JSON.stringify(f)).slice(0, 16)}"`,
    ]),
  );

  on(app, 'getTenant', async (request) =>
    publicTenant(tenantOf(ctx, request, request.params.tenant), ctx.mail !== undefined),
  );

  on(app, 'listServices', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const { q, category, lang = 'de' } = request.query;
    const all = tenantServices.get(tenant.id) ?? [];
    const matches = q && q.trim() !== '' ? ctx.search(all, q.trim(), lang) : all;
    const counts = new Map<string, number>();
    for (const s of matches) for (const c of s.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const categories: CategoryCount[] = [];
    for (const c of ctx.catalog.categories.values()) {
      const count = counts.get(c.id);
      if (count) categories.push({ id: c.id, name: c.name, count });
    }
    const services = (category ? matches.filter((s) => s.categories.includes(category)) : matches).map(
      summaryOf,
    );
    const body: ServiceList = { services, categories, total: services.length };
    return body;
  });

  on(app, 'listCategories', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const used = new Set((tenantServices.get(tenant.id) ?? []).flatMap((s) => s.categories));
    return { categories: [...ctx.catalog.categories.values()].filter((c) => used.has(c.id)) };
  });

  on(app, 'getService', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const service = ctx.catalog.services.get(request.params.serviceId);
    if (!service || !tenant.services.includes(service.id))
      throw new ProblemError('not-found', NOT_FOUND_SERVICE);
    return service;
  });

  on(app, 'getResponsible', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const { serviceId } = request.params;
    if (!tenant.services.includes(serviceId)) throw new ProblemError('not-found', NOT_FOUND_SERVICE);
    const found = findResponsibility(ctx.catalog, serviceId, request.query.ars);
    if (!found) {
      throw new ProblemError(
        'not-found',
        'Für diesen Ort ist keine zuständige Stelle hinterlegt. / No responsible authority is known for this place.',
      );
    }
    return { serviceId, ars: request.query.ars, arsPrefix: found.arsPrefix, authority: found.authority };
  });

  on(app, 'getFormResponsible', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const form = ctx.catalog.forms.get(request.params.formId);
    const { postalCode, place, serviceId, lang = 'de' } = request.query;
    const service = tenantServices
      .get(tenant.id)
      ?.find((s) => form && s.formId === form.id && (serviceId === undefined || s.id === serviceId));
    if (!form || !service) throw new ProblemError('not-found', 'Formular nicht gefunden. / Form not found.');
    const data = { [form.routing!.postalCode]: postalCode, [form.routing!.place]: place ?? '' };
    const routed = routeApplication(ctx.catalog, service.id, form, data, lang);
    if (!routed.ok) {
      throw noAuthority(routed.error);
    }
    const { ars, placeName, arsPrefix, authority } = routed;
    return { ars, placeName, arsPrefix, authority };
  });

  on(app, 'searchLocations', async (request) => {
    const tenant = tenantOf(ctx, request, request.params.tenant);
    const locations = findPlaces(ctx.catalog.locations, tenant.ars, request.query.q);
    if (locations.length > 0) return { locations };
    const outside = findPlacesOutside(ctx.catalog.locations, tenant.ars, request.query.q);
    return outside.length > 0 ? { locations, outside } : { locations };
  });

  on(app, 'getForm', async (request, reply) => {
    const form = ctx.catalog.forms.get(request.params.formId);
    if (!form) throw new ProblemError('not-found', 'Formular nicht gefunden. / Form not found.');
    const etag = formEtags.get(form.id) ?? '';
    // Revalidate every time: a new version must reach citizens at once; unchanged answers cost a 304.
    reply.header('ETag', etag).header('Cache-Control', 'public, no-cache');
    const inm = request.headers['if-none-match'];
    if (inm !== undefined && inm.split(',').some((t) => t.trim() === etag)) {
      return reply.status(304).send();
    }
    return form;
  });
}
