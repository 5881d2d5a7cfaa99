/** Browser API client and config resolution. */
export * from './api-error.ts';
export * from './api-client.ts';
export * from './config.ts';
