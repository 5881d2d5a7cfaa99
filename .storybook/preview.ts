/**
 * Shared story settings: German page language, axe checks that fail on violations, controls by type,
 * API docs from the Custom Elements Manifest.
 */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc by `npm run manifest`: docs and controls list every attribute, event,
// CSS part and custom property.
import manifest from '../custom-elements.json' with { type: 'json' };

setCustomElementsManifest(manifest);

document.documentElement.lang = 'de';

const preview: Preview = {
  parameters: {
    // WCAG violations are errors, not hints: public bodies must meet WCAG 2.1 AA.
    a11y: { test: 'error' },
    controls: {
      matchers: { color: /(background|color)$/i, date: /Date$/i },
    },
  },
  tags: ['autodocs'],
};

export default preview;
