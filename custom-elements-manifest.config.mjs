/**
 * The Custom Elements Manifest (`custom-elements.json`, `npm run manifest`): every element's attributes,
 * properties, events, slots, CSS parts and custom properties, read from the JSDoc of the element classes.
 * Editors, Storybook's controls and docs, and webmasters' tooling read it. Committed and shipped; a test
 * checks that it is current and that every element documents its whole API.
 */
export default {
  // The base class is read too, so inherited attributes (endpoint, tenant, lang, heading-level) are listed.
  globs: ['src/elements/*/ozg-*.ts', 'src/ui/ozg-element.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself; the analyzer must not rewrite it.
  packagejson: false,
  plugins: [
    {
      // The analyzer reads files in parallel; sorting keeps the file the same from run to run.
      name: 'ozg-stable-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
