/**
 * Writes `api-keys.json` for a catalog directory with the demo key `demo-<authorityId>` for every authority.
 * Demo data only: real operators generate random keys and store their sha256 (see docs/operators.md).
 * Usage: node --import tsx src/server/tools/generate-api-keys.ts [catalogDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../security.ts';

const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../sample-catalog/', import.meta.url)));
const authorities = JSON.parse(readFileSync(join(dir, 'authorities.json'), 'utf8')) as { id: string }[];
const keys = authorities.map((a) => ({
  authorityId: a.id,
  sha256: sha256Hex(`demo-${a.id}`),
  label: 'demo',
}));
writeFileSync(join(dir, 'api-keys.json'), `${JSON.stringify(keys, null, 2)}\n`);
process.stdout.write(`wrote ${keys.length} demo keys to ${join(dir, 'api-keys.json')}\n`);
