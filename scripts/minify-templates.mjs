/**
 * Lit templates and styles are written indented for people; browsers do not need the indentation. This plugin
 * shrinks the text of every `html`, `svg` and `css` tagged template in `src/` before bundling:
 * - html/svg: a run of whitespace becomes one space (HTML renders both alike outside `<pre>` and `<textarea>`,
 *   which our templates never fill with text); expressions, attribute values and text stay as they are.
 * - css: comments go, a run of whitespace becomes one space, and no space is left next to `{ } ; ,` or after `:`.
 * Line breaks are kept, so the line numbers of source maps stay right.
 */

const TAGS = new Set(['html', 'svg', 'css']);

/** Shrinks whitespace in one piece of template text, keeping its line breaks. */
export function shrink(text, tag) {
  const lines = (count) => '\n'.repeat(count);
  const squeeze = (run) => {
    const breaks = (run.match(/\n/g) ?? []).length;
    return breaks ? lines(breaks) : ' ';
  };
  if (tag !== 'css') return text.replace(/\s+/g, squeeze);
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => lines((comment.match(/\n/g) ?? []).length))
    .replace(/\s+/g, squeeze)
    .replace(/ ?([{};,]) ?/g, '$1')
    .replace(/: /g, ':');
}

/** @returns {import('vite').Plugin} */
export function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'ozg-minify-templates',
    // After TypeScript is stripped, so the module parses as JavaScript.
    enforce: 'post',
    transform(code, id) {
      if (!include.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      const ast = this.parse(code);
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
      visit(ast);
      if (edits.length === 0) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        out = out.slice(0, start) + text + out.slice(end);
      }
      // Only template text changed, and every line break is kept: the incoming source map still fits.
      return { code: out, map: null };
    },
  };
}
