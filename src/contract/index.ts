/** The contract shared by browser and server: schemas, inferred types and the route table. */
export * from './common.ts';
export * from './catalog.ts';
export * from './form-definition.ts';
export * from './submission.ts';
export * from './problem.ts';
export * from './api.ts';
