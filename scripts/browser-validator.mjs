/**
 * Browser code validates with `src/contract/mini.ts`, a small implementation of the part of `zod/mini` the
 * contract and the form engine use; the server keeps the real zod (and generates OpenAPI from it).
 * Every browser build (library, CDN bundle, size measurement, Storybook, browser tests) resolves `zod/mini`
 * through this one plugin, so what is tested is what ships.
 */
import { fileURLToPath } from 'node:url';

const validatorModule = fileURLToPath(new URL('../src/contract/mini.ts', import.meta.url));

/** Vite/Rollup plugin: `zod/mini` → `src/contract/mini.ts`. */
export function browserValidator() {
  return {
    name: 'ozg-browser-validator',
    enforce: 'pre',
    resolveId(source) {
      return source === 'zod/mini' ? validatorModule : null;
    },
  };
}

/** The same for the browser-test server, which serves files by URL path. */
export function browserValidatorForTests() {
  return {
    name: 'ozg-browser-validator',
    resolveImport({ source }) {
      return source === 'zod/mini' ? '/src/contract/mini.ts' : undefined;
    },
  };
}
