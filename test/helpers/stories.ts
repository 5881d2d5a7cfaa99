/** Renders Storybook stories in the browser tests as Storybook would, without Storybook. */
import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

/** The parts of a story the tests use: its args, its own render and decorators. */
export interface StoryLike<A> {
  args?: Partial<A>;
  render?: unknown;
  decorators?: unknown;
}

/** The parts of a stories file's default export the tests use. */
export interface MetaLike<A> {
  args?: Partial<A>;
  render?: unknown;
  decorators?: unknown;
}

type Decorator = (story: () => TemplateResult) => TemplateResult;

/** The story's template as Storybook builds it: args over the defaults, its render, the story's then the file's decorators. */
export function storyTemplate<A>(meta: MetaLike<A>, story: StoryLike<A>): TemplateResult {
  const args = { ...meta.args, ...story.args } as A;
  let template = ((story.render ?? meta.render) as (a: A) => TemplateResult)(args);
  const decorators = [...[story.decorators ?? []].flat(), ...[meta.decorators ?? []].flat()] as Decorator[];
  for (const decorator of decorators) {
    const inner = template;
    template = decorator(() => inner);
  }
  return template;
}

/**
 * Renders a story (see {@link storyTemplate}), finds the element `tag` in it and
 * waits until its shadow root shows `ready`.
 */
export async function renderStory<A>(
  meta: MetaLike<A>,
  story: StoryLike<A>,
  tag: string,
  ready: string,
): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLElement>(storyTemplate(meta, story));
  const el = wrapper.localName === tag ? wrapper : wrapper.querySelector<HTMLElement>(tag)!;
  await waitUntil(() => el.shadowRoot?.querySelector(ready), `story shows ${ready}`, { timeout: 5000 });
  return el;
}
