/**
 * The template minifier may only remove whitespace a browser ignores: what the shadow DOM renders and which
 * styles apply must not change. (The embed and demo tests run the minified bundle end to end.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shrink } from '../../scripts/minify-templates.mjs';

describe('template minifier', () => {
  it('turns indentation in html into line breaks and keeps single spaces between inline parts', () => {
    assert.equal(
      shrink(
        '<div class="row">\n      <label for="x">Ort</label>\n      <strong>A</strong> <em>B</em>\n    </div>',
        'html',
      ),
      '<div class="row">\n<label for="x">Ort</label>\n<strong>A</strong> <em>B</em>\n</div>',
    );
    // Between two expressions the one space is content: `${a} ${b}` must not become `${a}${b}`.
    assert.equal(shrink(' ', 'html'), ' ');
    assert.equal(shrink('   ', 'html'), ' ');
  });

  it('keeps every line break, so source maps stay right', () => {
    const text = '\n  <p>\n    ${x}\n  </p>\n';
    assert.equal(shrink(text, 'html').split('\n').length, text.split('\n').length);
  });

  it('shrinks css without changing selectors or values', () => {
    assert.equal(
      shrink(
        '\n  :host {\n    display: block; /* a note */\n    margin: 0 auto;\n  }\n  .a > .b,\n  .c :focus {\n    color: var(--x, #fff);\n  }\n',
        'css',
      ),
      '\n:host{\ndisplay:block;\nmargin:0 auto;\n}\n.a > .b,\n.c :focus{\ncolor:var(--x,#fff);\n}\n',
    );
    assert.equal(
      shrink('@media (min-width: 40rem) and (max-width: 60rem) {', 'css'),
      '@media (min-width:40rem) and (max-width:60rem){',
    );
  });

  it('leaves css strings, url() and non-ASCII spaces as written', () => {
    assert.equal(shrink(`a::after {\n  content: "a: b, c";\n}`, 'css'), `a::after{\ncontent:"a: b, c";\n}`);
    assert.equal(
      shrink("[title='x ; y'] { background: url(a b.png) ; }", 'css'),
      "[title='x ; y']{background:url(a b.png);}",
    );
    // A no-break space is content in HTML and must survive.
    assert.equal(shrink('<b>5\u00a0KB</b>  <i>x</i>', 'html'), '<b>5\u00a0KB</b> <i>x</i>');
  });

  it('leaves the space next to an interpolated css value', () => {
    // `margin: ${size} 0` is split into the texts "margin: " and " 0"; the second space separates two values.
    assert.equal(shrink(' 0;', 'css'), ' 0;');
  });
});
