/**
 * Every story of every stories file, rendered as Storybook renders it (args over the defaults, the story's
 * and the file's decorators), must pass the axe accessibility check once it has settled. Each file's docs
 * page (all its stories at once, in docs mode) must settle without an error, without taking focus and
 * without scrolling. New stories are picked up without touching this file; a new stories file is added to
 * `files` below.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { docsFocusDecorator } from '../../.storybook/docs-focus.ts';
import * as catalog from '../../stories/ozg-service-catalog.stories.ts';
import * as form from '../../stories/ozg-form.stories.ts';
import * as status from '../../stories/ozg-submission-status.stories.ts';
import * as inbox from '../../stories/ozg-authority-inbox.stories.ts';
import * as uiStates from '../../stories/ui-states.stories.ts';
import { storyTemplate, type MetaLike, type StoryLike } from '../helpers/stories.ts';

interface StoriesModule {
  default: MetaLike<Record<string, unknown>>;
}

const files: [string, StoriesModule][] = [
  ['ozg-service-catalog', catalog as unknown as StoriesModule],
  ['ozg-form', form as unknown as StoriesModule],
  ['ozg-submission-status', status as unknown as StoriesModule],
  ['ozg-authority-inbox', inbox as unknown as StoriesModule],
  ['ui-states', uiStates as unknown as StoriesModule],
];

/** Where focus is, through shadow roots: `body`, or e.g. `story-ozg-form > div#summary`. */
function focusPath(): string {
  const path: string[] = [];
  for (let el = document.activeElement; el; el = el.shadowRoot?.activeElement ?? null) {
    path.push(el.localName + (el.id ? `#${el.id}` : ''));
  }
  return path.join(' > ');
}

/** Resolves once nothing in the light or shadow DOM below `root` changed for `quietMs` (at most `maxMs`). */
function settled(root: Node, quietMs = 150, maxMs = 4000): Promise<void> {
  return new Promise((resolve) => {
    const roots = new Set<Node>();
    let timer = setTimeout(finish, quietMs);
    const deadline = setTimeout(finish, maxMs);
    const observer = new MutationObserver(() => {
      watchShadowRoots(root);
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    });
    function watchShadowRoots(node: Node) {
      if (!roots.has(node)) {
        roots.add(node);
        observer.observe(node, { childList: true, subtree: true, attributes: true, characterData: true });
      }
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
      for (let el = walker.currentNode as Element | null; el; el = walker.nextNode() as Element | null) {
        if (el.shadowRoot) watchShadowRoots(el.shadowRoot);
      }
    }
    function finish() {
      clearTimeout(timer);
      clearTimeout(deadline);
      observer.disconnect();
      resolve();
    }
    watchShadowRoots(root);
  });
}

for (const [name, module] of files) {
  describe(`${name} stories`, () => {
    const stories = Object.entries(module).filter(
      (entry): entry is [string, StoryLike<Record<string, unknown>>] =>
        entry[0] !== 'default' && typeof entry[1] === 'object',
    );

    it('has stories', () => {
      expect(stories.length).to.be.greaterThan(0);
    });

    // As Storybook's docs page: every story rendered together, each through the preview's docs decorator.
    it('renders its docs page without errors, without taking focus and without scrolling', async () => {
      localStorage.clear();
      sessionStorage.clear();
      window.scrollTo(0, 0);
      const errors: string[] = [];
      const onError = (e: ErrorEvent) => errors.push(String(e.message));
      const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        const docs = { viewMode: 'docs' };
        const page = await fixture<HTMLElement>(
          html`<div>
            ${stories.map(([, story]) => docsFocusDecorator(() => storyTemplate(module.default, story), docs))}
          </div>`,
        );
        await settled(page, 300, 6000);
      } finally {
        window.removeEventListener('error', onError);
        window.removeEventListener('unhandledrejection', onRejection);
      }
      expect(errors).to.deep.equal([]);
      // Compared as text: a failing comparison of DOM elements would make the runner serialize whole stories.
      expect(focusPath(), 'focus').to.equal('body');
      expect(window.scrollY).to.equal(0);
    });

    for (const [storyName, story] of stories) {
      it(`${storyName} is accessible once settled`, async () => {
        localStorage.clear();
        sessionStorage.clear();
        const wrapper = await fixture<HTMLElement>(html`<div>${storyTemplate(module.default, story)}</div>`);
        await settled(wrapper);
        await expect(wrapper).to.be.accessible();
      });
    }
  });
}
