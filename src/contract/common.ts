/**
 * Building blocks shared by every schema of the contract.
 *
 * The contract is written with `zod/mini`: the same schemas run in the browser and on the server. The server
 * uses zod itself (and generates the OpenAPI document from it); browser builds run them on `./mini.ts`, a
 * few kilobytes that implement exactly the part of the API used here.
 */
import * as z from 'zod/mini';

/** Metadata attached to named schemas; feeds the generated OpenAPI document. */
export interface SchemaMeta {
  id: string;
  description?: string;
  [key: string]: unknown;
}

/** Every named schema of the contract; the OpenAPI document's `components.schemas` is generated from it. */
export const contractRegistry = z.registry<SchemaMeta>();

/** Registers a schema under a component name and returns it unchanged. */
export function named<T extends z.ZodMiniType>(schema: T, id: string, description?: string): T {
  contractRegistry.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** Languages every text is offered in; German is mandatory, English optional. */
export const LANGS = ['de', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

/** Text shown to people, per language. German is required; English falls back to German when missing. */
export const LocalizedText = named(
  z.object({
    de: z.string().check(z.minLength(1)),
    en: z.optional(z.string().check(z.minLength(1))),
  }),
  'LocalizedText',
  'Human-readable text per language. German is required; English falls back to German.',
);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text for a language, falling back to German. */
export function localize(text: LocalizedText, lang: Lang): string;
export function localize(text: LocalizedText | undefined, lang: Lang): string | undefined;
export function localize(text: LocalizedText | undefined, lang: Lang): string | undefined {
  if (!text) return undefined;
  return (lang === 'en' ? text.en : undefined) ?? text.de;
}

/** A stable machine identifier: letters, digits, `-` and `_`, starting with a letter. */
export const Id = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/));

/** LeiKa key (Leistungsschlüssel): 14 digits starting with 99. */
export const LeikaKey = z.string().check(z.regex(/^99\d{12}$/));

/**
 * Amtlicher Regionalschlüssel or one of its prefixes: 2 (Land), 3 (Regierungsbezirk), 5 (Kreis),
 * 9 (Gemeindeverband) or 12 digits (Gemeinde).
 */
export const ArsPrefix = z.string().check(z.regex(/^(\d{2}|\d{3}|\d{5}|\d{9}|\d{12})$/));

/** A full 12-digit Amtlicher Regionalschlüssel of a Gemeinde. */
export const Ars = z.string().check(z.regex(/^\d{12}$/));

/** Absolute http(s) URL. */
export const HttpUrl = z.url({ protocol: /^https?$/ });

/** A web origin such as `https://www.heide.de` (scheme, host, optional port; no path). */
export const Origin = z.string().check(z.regex(/^https?:\/\/[^/\s?#]+$/));

export const Email = z.email();

/** ISO 8601 timestamp with time zone, as produced by `Date.prototype.toISOString()`. */
export const Timestamp = z.iso.datetime({ offset: true });
