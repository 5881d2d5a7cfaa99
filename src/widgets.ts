/**
 * What citizens' pages use, and the source of the CDN bundle `dist/ozg-widgets.js`: importing it registers
 * `<ozg-config>`, `<ozg-service-catalog>`, `<ozg-form>` and `<ozg-submission-status>`. The caseworkers' inbox has
 * a bundle of its own (`src/caseworker.ts`), so citizens never download it.
 */
export * from './ozg-config.ts';
export * from './ozg-service-catalog.ts';
export * from './ozg-form.ts';
export * from './ozg-submission-status.ts';
