import { expect } from '@open-wc/testing';
import meta, * as stories from '../../../stories/ozg-authority-inbox.stories.ts';
import { renderStory, type StoryLike as StoryLikeOf } from '../../helpers/stories.ts';

type Args = Parameters<NonNullable<typeof meta.render>>[0];
type StoryLike = StoryLikeOf<Args>;

const show = (story: StoryLike, ready: string) =>
  renderStory<Args>(meta, story, 'story-authority-inbox', ready);

describe('ozg-authority-inbox.stories, each state accessible', () => {
  const cases: [string, StoryLike, string][] = [
    ['sign-in', stories.SignIn, '[part="sign-in-form"]'],
    ['wrong key', stories.WrongKey, '#sign-in-error'],
    ['list', stories.List, '[part="list"]'],
    ['loading list', stories.LoadingList, '[part="loading"]'],
    ['empty list', stories.EmptyList, '.empty'],
    ['list error', stories.ListError, '[part="retry-button"]'],
    ['application', stories.Application, '[part="action-form"]'],
    ['without form', stories.WithoutForm, '[part="answers"]'],
    ['closed', stories.Closed, '[part="answers"]'],
    ['missing message', stories.MissingMessage, '#message-error'],
    ['forward choice', stories.ForwardChoice, '#target'],
    ['forwarded', stories.Forwarded, '[part="notice"]'],
    ['English', stories.English, '[part="answers"]'],
    ['narrow phone', stories.NarrowPhone, '[part="answers"]'],
  ];
  for (const [name, story, ready] of cases) {
    it(`renders the ${name} story accessibly`, async () => {
      const el = await show(story, ready);
      await expect(el).to.be.accessible();
    });
  }

  it("shows answers under the form's labels, or under their ids without the form, and fits 320 px", async () => {
    const full = await show(stories.Application, '[part="answers"]');
    const answers = full.shadowRoot!.querySelector('[part="answers"]')!.textContent!;
    expect(answers).to.contain('Stammumfang');
    expect(answers).to.contain('180 cm');
    expect(answers).to.contain('Der Baum ist krank');
    expect(answers).to.contain('15.02.2027');
    const bare = await show(stories.WithoutForm, '[part="answers"]');
    expect(bare.shadowRoot!.querySelector('[part="answers"]')!.textContent).to.contain('familienname');
    const narrow = await show(stories.NarrowPhone, '[part="answers"]');
    expect(narrow.scrollWidth).to.be.at.most(320);
  });
});
