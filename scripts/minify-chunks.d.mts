import type { Plugin } from 'vite';

/** Minifies every chunk fully (whitespace too) after Vite's own transpile step. */
export function minifyChunks(): Plugin;
