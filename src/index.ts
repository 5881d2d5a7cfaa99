/**
 * The all-in-one entry: importing it registers every ozg-* element and exposes their classes.
 * It is also the source of the CDN bundle `dist/ozg-widgets.js`. Every `src/ozg-*.ts` entry must be
 * re-exported here; the CDN build fails when one is missing.
 */
export * from './ozg-config.ts';
export * from './ozg-service-catalog.ts';
export * from './ozg-form.ts';
export * from './ozg-submission-status.ts';
export * from './ozg-authority-inbox.ts';
