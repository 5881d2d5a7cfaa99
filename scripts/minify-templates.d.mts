import type { Plugin } from 'vite';

/** Shrinks whitespace in one piece of `html`/`svg`/`css` template text, keeping its line breaks. */
export declare function shrink(text: string, tag: 'html' | 'svg' | 'css'): string;
export declare function minifyTemplates(options?: { include?: RegExp }): Plugin;
