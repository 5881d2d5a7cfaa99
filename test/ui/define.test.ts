import { expect } from '@open-wc/testing';
import { VERSION, define } from '../../src/ui/define.ts';

/** Collects console warnings while `run` runs. */
function warnings(run: () => void): string[] {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(' '));
  try {
    run();
  } finally {
    console.warn = original;
  }
  return seen;
}

describe('define()', () => {
  it('registers a tag once and stays quiet when the same copy defines it again', () => {
    class First extends HTMLElement {}
    const said = warnings(() => {
      define('ozg-define-test-a', First);
      define('ozg-define-test-a', First);
    });
    expect(customElements.get('ozg-define-test-a')).to.equal(First);
    expect(said).to.deep.equal([]);
  });

  it('warns once when another copy of the widgets already registered the tag, and keeps the first', () => {
    class FromPluginOne extends HTMLElement {}
    class FromPluginTwo extends HTMLElement {}
    define('ozg-define-test-b', FromPluginOne);
    const said = warnings(() => define('ozg-define-test-b', FromPluginTwo));
    expect(customElements.get('ozg-define-test-b')).to.equal(FromPluginOne);
    expect(said).to.have.length(1);
    expect(said[0]).to.contain('<ozg-define-test-b> is already registered by another copy of the widgets');
    expect(said[0]).to.contain(`version ${VERSION}`);
    expect(said[0]).to.contain('Load the widgets only once per page');
  });
});
