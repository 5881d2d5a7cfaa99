/**
 * One small i18n mechanism for all elements. The language is per element (not page-global like
 * `@lit/localize`), so two widgets in different languages can share a page.
 *
 * ```ts
 * const msg = defineMessages({
 *   de: { hello: 'Hallo {name}' },
 *   en: { hello: 'Hello {name}' },
 * });
 * msg('en', 'hello', { name: 'Kim' }); // "Hello Kim"
 * ```
 */
import type { Lang } from '../contract/index.ts';

/** Values for `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** German texts define the keys; English must have exactly the same keys. */
export interface MessageTable<K extends string> {
  de: Record<K, string>;
  en: Record<K, string>;
}

/** Looks up a message for a language; also exposes its table. */
export interface Translator<K extends string> {
  (lang: Lang | string | undefined, key: K, params?: MessageParams): string;
  readonly messages: MessageTable<K>;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so gaps are noticed. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** Looks up `key` in `lang`, falling back to German for unknown languages or missing texts. */
export function t<K extends string>(
  messages: MessageTable<K>,
  lang: Lang | string | undefined,
  key: K,
  params?: MessageParams,
): string {
  const table: Partial<Record<K, string>> = lang === 'en' ? messages.en : messages.de;
  const text = table[key] || messages.de[key] || key;
  return format(text, params);
}

/** Defines the texts of one element or module; the returned translator is bound to them. */
export function defineMessages<const D extends Record<string, string>>(messages: {
  de: D;
  en: { [K in keyof D]: string };
}): Translator<keyof D & string> {
  const table = messages as MessageTable<keyof D & string>;
  const translate = (lang: Lang | string | undefined, key: keyof D & string, params?: MessageParams) =>
    t(table, lang, key, params);
  return Object.assign(translate, { messages: table });
}
