/**
 * The all-in-one entry for bundlers: importing it registers every ozg-* element and exposes their classes. The CDN
 * bundles come from `src/widgets.ts` (citizens) and `src/caseworker.ts` (the inbox).
 */
export * from './ozg-config.ts';
export * from './ozg-service-catalog.ts';
export * from './ozg-form.ts';
export * from './ozg-submission-status.ts';
export * from './ozg-authority-inbox.ts';
