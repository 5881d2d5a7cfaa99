import type { Plugin } from 'vite';

/** Shrinks whitespace in one piece of `html`/`svg`/`css` template text, keeping its line breaks. */
export declare function shrink(text: string, tag: 'html' | 'svg' | 'css'): string;
/** Shrinks every `html`/`svg`/`css` template of a JavaScript module; null when nothing changed. */
export declare function minifyTemplateLiterals(code: string): string | null;
export declare function minifyTemplates(options?: { include?: RegExp }): Plugin;
export declare function minifyTemplatesForTests(): {
  name: string;
  transform(context: { path: string; body: string }): { body: string } | undefined;
};
