/**
 * The Custom Elements Manifest (`custom-elements.json`, `npm run manifest`) is the one description of every
 * element's API (editors, Storybook and webmasters' tools read it). It must be current and complete: every element says what it is, and every
 * attribute, event, CSS part and custom property it has is explained.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Documented {
  name: string;
  description?: string;
  inheritedFrom?: unknown;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Documented[];
  events?: Documented[];
  cssParts?: Documented[];
  cssProperties?: Documented[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const elements = (manifest: Manifest) =>
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);

describe('custom-elements.json', () => {
  let fresh: Manifest;
  let dir: string;
  before(() => {
    // The analyzer writes only below the working directory (it strips a leading `..` from --outdir).
    const cache = join(root, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(join(cache, 'ozg-cem-'));
    const cli = join(root, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
    execFileSync(
      process.execPath,
      [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, dir)],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    fresh = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is committed as generated from the JSDoc (run `npm run manifest` after changing an element)', () => {
    const committed = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
    assert.deepEqual(committed, fresh);
  });

  it('lists every element the package registers', () => {
    const entries = readdirSync(join(root, 'src'))
      .filter((f) => /^ozg-[a-z0-9-]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(
      elements(fresh)
        .map((d) => d.tagName)
        .sort(),
      entries,
    );
  });

  it('explains every element, attribute, event, CSS part and custom property', () => {
    const undocumented: string[] = [];
    for (const el of elements(fresh)) {
      if (!el.summary) undocumented.push(`<${el.tagName}>: @summary`);
      if (!el.description) undocumented.push(`<${el.tagName}>: description`);
      const lists = {
        attribute: el.attributes,
        event: el.events,
        'css part': el.cssParts,
        'css property': el.cssProperties,
      };
      for (const [kind, items] of Object.entries(lists)) {
        for (const item of items ?? []) {
          if (!item.description?.trim()) undocumented.push(`<${el.tagName}> ${kind} ${item.name}`);
        }
      }
    }
    assert.deepEqual(undocumented, []);
  });
});
