/**
 * Routes of the catalog: tenant settings, services, categories, places and who is responsible.
 */
import * as z from 'zod/mini';
import { Ars, Id, Lang, LocalizedText, named } from './common.ts';
import { Authority, Category, Location, PublicTenant, Service, ServiceSummary } from './catalog.ts';
import { tenantParam, type RouteDef } from './route-def.ts';

export const CategoryCount = named(
  z.object({ id: Id, name: LocalizedText, count: z.int().check(z.gte(0)) }),
  'CategoryCount',
  'A category with the number of services in the current result.',
);
export type CategoryCount = z.infer<typeof CategoryCount>;

export const ServiceList = named(
  z.object({
    services: z.array(ServiceSummary),
    categories: z.array(CategoryCount),
    total: z.int().check(z.gte(0)),
  }),
  'ServiceList',
  'Services of a tenant matching the query, best match first, with category counts.',
);
export type ServiceList = z.infer<typeof ServiceList>;

export const CategoryList = named(z.object({ categories: z.array(Category) }), 'CategoryList');
export type CategoryList = z.infer<typeof CategoryList>;

export const Responsible = named(
  z.object({
    serviceId: Id,
    ars: Ars,
    /** The matching responsibility's ARS prefix (shows which level handles it: Gemeinde, Amt, Kreis). */
    arsPrefix: z.string(),
    authority: Authority,
  }),
  'Responsible',
  'The authority responsible for a service at a place.',
);
export type Responsible = z.infer<typeof Responsible>;

export const LocationList = named(
  z.object({
    locations: z.array(Location),
    /**
     * When no place of the tenant's area matches: places of the catalog outside it that do (by name or postal code,
     * no typo tolerance), so the citizen can be told the place lies outside the area this portal serves.
     */
    outside: z.optional(z.array(Location)),
  }),
  'LocationList',
  "Places of the tenant's area matching the query (or suggestions for a misspelt name), and matches outside it.",
);
export type LocationList = z.infer<typeof LocationList>;

export const getTenant = {
  method: 'GET',
  path: '/tenants/{tenant}',
  summary: 'Public settings of a tenant (name, privacy notice, status page, theme).',
  tag: 'catalog',
  params: tenantParam,
  response: PublicTenant,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const listServices = {
  method: 'GET',
  path: '/tenants/{tenant}/services',
  summary: 'Services offered by a tenant; optional search (`q`) and category filter.',
  tag: 'catalog',
  params: tenantParam,
  query: z.object({
    q: z.optional(z.string().check(z.maxLength(200))),
    category: z.optional(Id),
    lang: z.optional(Lang),
  }),
  response: ServiceList,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const listCategories = {
  method: 'GET',
  path: '/tenants/{tenant}/categories',
  summary: 'Categories and life situations used by the services of a tenant.',
  tag: 'catalog',
  params: tenantParam,
  response: CategoryList,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const getService = {
  method: 'GET',
  path: '/tenants/{tenant}/services/{serviceId}',
  summary: 'One service in full.',
  tag: 'catalog',
  params: z.object({ tenant: Id, serviceId: Id }),
  response: Service,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const getResponsible = {
  method: 'GET',
  path: '/tenants/{tenant}/services/{serviceId}/responsible',
  summary: 'The authority responsible for a service at a Gemeinde (most specific ARS prefix wins).',
  tag: 'catalog',
  params: z.object({ tenant: Id, serviceId: Id }),
  query: z.object({ ars: Ars }),
  response: Responsible,
  status: 200,
  retry: true,
} as const satisfies RouteDef;

export const searchLocations = {
  method: 'GET',
  path: '/tenants/{tenant}/locations',
  summary: "Places in the tenant's area by name or postal code.",
  tag: 'catalog',
  params: tenantParam,
  query: z.object({ q: z.string().check(z.minLength(1), z.maxLength(100)) }),
  response: LocationList,
  status: 200,
  retry: true,
} as const satisfies RouteDef;
