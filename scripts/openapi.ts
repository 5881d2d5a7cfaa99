/** Writes the OpenAPI document generated from the contract to docs/openapi.json. */
import { writeFileSync } from 'node:fs';
import { buildOpenApi } from '../src/contract/openapi.ts';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
