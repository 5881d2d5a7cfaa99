/**
 * The caseworkers' page, and the source of the CDN bundle `dist/ozg-caseworker.js`: importing it registers
 * `<ozg-config>` and `<ozg-authority-inbox>`.
 */
export * from './ozg-config.ts';
export * from './ozg-authority-inbox.ts';
