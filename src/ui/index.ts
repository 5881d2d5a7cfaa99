/** What all elements share: base element, tokens, i18n, building blocks. */
export * from './ozg-element.ts';
export * from './tokens.ts';
export * from './i18n.ts';
export * from './messages.ts';
export * from './blocks.ts';
export * from './events.ts';
