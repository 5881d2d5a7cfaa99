/**
 * Storybook for the elements: one stories file per element in stories/.
 * It runs offline: no telemetry, no update checks, no release notes fetched.
 */
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  async viteFinal(viteConfig) {
    // vite.config.ts describes the library build; Storybook builds an app, so drop the library parts.
    const build = { ...viteConfig.build };
    delete build.lib;
    delete build.rollupOptions;
    // Storybook's own manager and docs chunks are large by nature; the warning says nothing about ours.
    build.chunkSizeWarningLimit = 2000;
    return { ...viteConfig, build };
  },
};

export default config;
