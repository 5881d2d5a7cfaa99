/**
 * Shared story settings: German page language, a sans-serif page font, axe checks that fail on violations,
 * controls by type, API docs from the Custom Elements Manifest, and docs pages whose stories do not steal focus.
 */
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc by `npm run manifest`: docs and controls list every attribute, event,
// CSS part and custom property.
import manifest from '../custom-elements.json' with { type: 'json' };
import { docsFocusDecorator } from './docs-focus.ts';

setCustomElementsManifest(manifest);

document.documentElement.lang = 'de';

/**
 * The page font of a typical municipal homepage. The elements inherit the host page's font (unless a
 * `--ozg-font-family` or KERN token says otherwise), so without it the stories showed the browser's default
 * serif, which no municipal page uses. Set on the page, not on the elements: stories that demonstrate an
 * inherited font (a serif theme) still set their own. Docs pages render the stories inside `.docs-story`,
 * whose text Storybook's docs styles leave to the page as well.
 */
const pageFont = document.createElement('style');
pageFont.textContent = `
  body, .docs-story {
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  }
`;
document.head.append(pageFont);

const preview: Preview = {
  parameters: {
    // WCAG violations are errors, not hints: public bodies must meet WCAG 2.1 AA.
    a11y: { test: 'error' },
    controls: {
      matchers: { color: /(background|color)$/i, date: /Date$/i },
    },
  },
  // On a docs page every story renders at once: none may move focus (and scroll the page) before the reader
  // touches it (see docs-focus.ts).
  decorators: [docsFocusDecorator as Decorator],
  tags: ['autodocs'],
};

export default preview;
