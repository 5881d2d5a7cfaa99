/** Renders Storybook stories in the browser tests as Storybook would, without Storybook. */
import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

/** The parts of a story the tests use: its args and decorators. */
export interface StoryLike<A> {
  args?: Partial<A>;
  decorators?: unknown;
}

/** The parts of a stories file's default export the tests use. */
export interface MetaLike<A> {
  args?: Partial<A>;
  render?: unknown;
}

/**
 * Renders a story (its args over the defaults, wrapped by its decorators), finds the element `tag` in it and
 * waits until its shadow root shows `ready`.
 */
export async function renderStory<A>(
  meta: MetaLike<A>,
  story: StoryLike<A>,
  tag: string,
  ready: string,
): Promise<HTMLElement> {
  const args = { ...meta.args, ...story.args } as A;
  let template = (meta.render as (a: A) => TemplateResult)(args);
  const decorators = [story.decorators ?? []].flat() as ((s: () => TemplateResult) => TemplateResult)[];
  for (const decorator of decorators) {
    const inner = template;
    template = decorator(() => inner);
  }
  const wrapper = await fixture<HTMLElement>(template);
  const el = wrapper.localName === tag ? wrapper : wrapper.querySelector<HTMLElement>(tag)!;
  await waitUntil(() => el.shadowRoot?.querySelector(ready), `story shows ${ready}`, { timeout: 5000 });
  return el;
}
