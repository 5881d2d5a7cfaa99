/**
 * Lit templates and styles are written indented for people; browsers do not need the indentation. This plugin
 * shrinks the text of every `html`, `svg` and `css` tagged template in `src/` before bundling:
 * - html/svg: a run of ASCII whitespace becomes one space, or the line breaks it contained. HTML collapses
 *   such runs anyway, except where `white-space` keeps them (`<pre>`, `<textarea>`, `pre-wrap`): those
 *   elements hold nothing but their bound text in our templates, so no template whitespace sits inside them.
 * - css: comments go, a run of whitespace becomes one space, and no space is left next to `{ } ; ,` or after `:`;
 *   quoted strings and `url(…)` stay as written.
 * Line breaks are kept, so the line numbers of source maps stay right. Every browser build uses it, and so do
 * the browser tests: what is tested is what ships.
 */
import { parseAst } from 'vite';

const TAGS = new Set(['html', 'svg', 'css']);
/** Only ASCII whitespace: a no-break or thin space is content, which HTML and CSS never collapse. */
const SPACE = /[ \t\n\r\f]+/g;
/** CSS pieces that must stay as written: quoted strings and `url(…)`. */
const CSS_VERBATIM = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|url\([^)]*\))/g;

const lines = (text) => '\n'.repeat((text.match(/\n/g) ?? []).length);
const squeeze = (run) => lines(run) || ' ';

function shrinkCss(text) {
  return text
    .split(CSS_VERBATIM)
    .map((piece, i) =>
      // split() with a capture group puts the verbatim pieces at odd positions.
      i % 2 === 1
        ? piece
        : piece
            .replace(/\/\*[\s\S]*?\*\//g, lines)
            .replace(SPACE, squeeze)
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':'),
    )
    .join('');
}

/** Shrinks whitespace in one piece of template text, keeping its line breaks. */
export function shrink(text, tag) {
  return tag === 'css' ? shrinkCss(text) : text.replace(SPACE, squeeze);
}

/** Shrinks every `html`/`svg`/`css` template of a JavaScript module; returns null when nothing changed. */
export function minifyTemplateLiterals(code) {
  if (!/\b(html|svg|css)`/.test(code)) return null;
  const edits = [];
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (
      node.type === 'TaggedTemplateExpression' &&
      node.tag.type === 'Identifier' &&
      TAGS.has(node.tag.name)
    ) {
      for (const quasi of node.quasi.quasis) {
        const raw = code.slice(quasi.start, quasi.end);
        const small = shrink(raw, node.tag.name);
        if (small !== raw) edits.push([quasi.start, quasi.end, small]);
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(code));
  if (edits.length === 0) return null;
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

/** Vite/Rollup plugin for the builds. @returns {import('vite').Plugin} */
export function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'ozg-minify-templates',
    // After TypeScript is stripped, so the module parses as JavaScript.
    enforce: 'post',
    transform(code, id) {
      if (!include.test(id)) return null;
      const out = minifyTemplateLiterals(code);
      // Only template text changed, and every line break is kept: the incoming source map still fits.
      return out === null ? null : { code: out, map: null };
    },
  };
}

/** The same for the browser-test server; list it after the plugin that compiles TypeScript. */
export function minifyTemplatesForTests() {
  return {
    name: 'ozg-minify-templates',
    transform(context) {
      if (!/^\/src\/.*\.ts$/.test(context.path)) return undefined;
      const out = minifyTemplateLiterals(context.body);
      return out === null ? undefined : { body: out };
    },
  };
}
