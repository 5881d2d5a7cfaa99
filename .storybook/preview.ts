/** Shared story settings: German page language, axe checks that fail on violations, controls by type. */
import type { Preview } from '@storybook/web-components-vite';

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
