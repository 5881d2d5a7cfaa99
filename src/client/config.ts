/**
 * Config resolution: where an element finds its endpoint, tenant and language.
 *
 * Order per setting: the element's own attribute → the nearest `<ozg-config>` ancestor (crossing
 * shadow roots through their hosts; nested configs fill gaps of inner ones) → when there is no
 * ancestor config, the first `<ozg-config>` of the document. The language then falls back to the
 * closest `[lang]` ancestor and `<html lang>`, normalized to `de` | `en` (German by default).
 * Nothing is cached in module state: two configs on one page never mix.
 */
import { API_BASE, Id, type Lang } from '../contract/index.ts';

/** Settings an element may need. */
export type ConfigField = 'endpoint' | 'tenant';

/** The tag name of the config element. */
export const CONFIG_TAG = 'ozg-config';

/** Values an element sets on itself (they win over any `<ozg-config>`). */
export interface ConfigOverrides {
  endpoint?: string | null | undefined;
  tenant?: string | null | undefined;
  lang?: string | null | undefined;
}

/** A usable configuration. `endpoint` has no trailing slash (and no `/api/v1`). */
export type ResolvedConfig<F extends ConfigField = ConfigField> = {
  ok: true;
  lang: Lang;
  endpoint?: string;
  tenant?: string;
  /** The endpoint as written, when it ended in `/api/v1` and that was cut off (the page should be fixed). */
  endpointGiven?: string;
} & { [K in F]: string };

/** A configuration that lacks settings; `lang` is still known so the message can be localized. */
export interface MissingConfig {
  ok: false;
  /** The missing (or unusable) settings, in the order `endpoint`, `tenant`. */
  missing: ConfigField[];
  lang: Lang;
}

export type ConfigResult<F extends ConfigField = ConfigField> = ResolvedConfig<F> | MissingConfig;

/** Options of {@link resolveConfig}. */
export interface ResolveOptions<F extends ConfigField> {
  /** Settings the element cannot work without (default: endpoint and tenant). */
  needs?: readonly F[];
  /** The element's own values; default: its `endpoint`, `tenant`, `lang` attributes. */
  own?: ConfigOverrides;
}

/** Normalizes a BCP 47 tag to a supported language: `en-GB` → `en`, anything but English → `de`. */
export function normalizeLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'en') return 'en';
  if (primary === 'de') return 'de';
  return undefined;
}

/** The parent in the composed tree: parent element, or the host of a shadow root. */
function composedParent(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

function ancestorConfigs(element: Element): Element[] {
  const found: Element[] = [];
  for (let node = composedParent(element); node; node = composedParent(node)) {
    if (node.localName === CONFIG_TAG) found.push(node);
  }
  return found;
}

function closestLang(element: Element): string | null {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
  }
  return element.ownerDocument.documentElement.getAttribute('lang');
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

const API_BASE_END = new RegExp(`${API_BASE}$`);

/**
 * An absolute http(s) endpoint without trailing slash, or undefined. Relative values resolve against the page.
 * The elements add `/api/v1` themselves, so an endpoint that already ends in it (a common slip) loses it: the page
 * works, and the element warns in the console (see `ResolvedConfig.endpointGiven`).
 */
export function normalizeEndpoint(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/+$/, '').replace(API_BASE_END, '');
  } catch {
    return undefined;
  }
}

/**
 * Resolves endpoint, tenant and language for an element. Never throws: unusable or absent settings
 * are reported in `missing`.
 */
export function resolveConfig<F extends ConfigField = ConfigField>(
  element: Element,
  options: ResolveOptions<F> = {},
): ConfigResult<F> {
  const needs: readonly ConfigField[] = options.needs ?? ['endpoint', 'tenant'];
  const own = options.own ?? {
    endpoint: element.getAttribute('endpoint'),
    tenant: element.getAttribute('tenant'),
    lang: element.getAttribute('lang'),
  };
  const ancestors = ancestorConfigs(element);
  const pageConfig = ancestors.length === 0 ? element.ownerDocument.querySelector(CONFIG_TAG) : null;
  const sources = pageConfig ? [...ancestors, pageConfig] : ancestors;

  const pick = (field: 'endpoint' | 'tenant' | 'lang'): string | undefined => {
    const mine = text(own[field]);
    if (mine) return mine;
    for (const config of sources) {
      const value = text(config.getAttribute(field));
      if (value) return value;
    }
    return undefined;
  };

  const lang = normalizeLang(pick('lang')) ?? normalizeLang(closestLang(element)) ?? 'de';
  const rawEndpoint = pick('endpoint');
  const endpoint = rawEndpoint ? normalizeEndpoint(rawEndpoint, element.ownerDocument.baseURI) : undefined;
  const endpointGiven =
    endpoint && API_BASE_END.test(rawEndpoint!.replace(/[?#].*/, '').replace(/\/+$/, ''))
      ? rawEndpoint
      : undefined;
  const rawTenant = pick('tenant');
  const tenant = rawTenant && Id.safeParse(rawTenant).success ? rawTenant : undefined;

  const missing: ConfigField[] = [];
  if (needs.includes('endpoint') && !endpoint) missing.push('endpoint');
  if (needs.includes('tenant') && !tenant) missing.push('tenant');
  if (missing.length > 0) return { ok: false, missing, lang };
  return {
    ok: true,
    lang,
    ...(endpoint ? { endpoint } : {}),
    ...(tenant ? { tenant } : {}),
    ...(endpointGiven ? { endpointGiven } : {}),
  } as ResolvedConfig<F>;
}
