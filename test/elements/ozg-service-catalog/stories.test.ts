import { expect, waitUntil } from '@open-wc/testing';
import meta, * as stories from '../../../stories/ozg-service-catalog.stories.ts';
import { renderStory, type StoryLike as StoryLikeOf } from '../../helpers/stories.ts';

type Args = Parameters<NonNullable<typeof meta.render>>[0];
type StoryLike = StoryLikeOf<Args>;

const show = (story: StoryLike, ready: string) =>
  renderStory<Args>(meta, story, 'story-service-catalog', ready);

describe('ozg-service-catalog stories, each state accessible', () => {
  const cases: [string, StoryLike, string][] = [
    ['results', stories.Results, '[part="results"]'],
    ['loading', stories.Loading, '[part="loading"]'],
    ['empty', stories.Empty, '.empty'],
    ['error', stories.BackendError, '[part="retry-button"]'],
    ['malformed', stories.Malformed, '[part="retry-button"]'],
    ['detail', stories.Detail, '[part="detail"]'],
    ['external service', stories.ExternalService, '[part="start-button"]'],
    ['long texts', stories.LongTexts, '[part="detail"]'],
    ['English', stories.English, '[part="results"]'],
    ['narrow phone', stories.NarrowPhone, '[part="results"]'],
    ['custom theme', stories.CustomTheme, '[part="results"]'],
    ['KERN and municipality', stories.KernAndMunicipality, '[part="results"]'],
    ['dark page', stories.DarkPage, '[part="results"]'],
    ['right-to-left', stories.RightToLeft, '[part="results"]'],
  ];
  for (const [name, story, ready] of cases) {
    it(`renders the ${name} story accessibly`, async () => {
      const el = await show(story, ready);
      await expect(el).to.be.accessible();
    });
  }

  it('applies the custom theme to buttons and lays long texts out within 320 px', async () => {
    const themed = await show(stories.CustomTheme, '[part="results"]');
    const link = themed.shadowRoot!.querySelector('[part="result-link"]')!;
    expect(getComputedStyle(link).color).to.equal('rgb(122, 31, 92)');
    const narrow = await show(stories.NarrowPhone, '[part="results"]');
    expect(narrow.scrollWidth).to.be.at.most(320);
  });

  it("follows KERN tokens when the page has them, and a municipality's own tokens beside it", async () => {
    const kern = await show(stories.KernAndMunicipality, '[part="results"]');
    const heide =
      kern.parentElement!.parentElement!.querySelectorAll<HTMLElement>('story-service-catalog')[1]!;
    await waitUntil(() => heide.shadowRoot?.querySelector('[part="result-link"]'), 'second catalog');
    const color = (el: HTMLElement) =>
      getComputedStyle(el.shadowRoot!.querySelector('[part="result-link"]')!).color;
    expect(color(kern)).to.equal('rgb(27, 77, 143)');
    expect(color(heide)).to.equal('rgb(11, 92, 138)');
    expect(getComputedStyle(kern).fontFamily).to.contain('Fira Sans');
  });

  it('mirrors for right-to-left pages without overflowing', async () => {
    const el = await show(stories.RightToLeft, '[part="results"]');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part="results"]')!).direction).to.equal('rtl');
    expect(el.scrollWidth).to.be.at.most(320);
  });
});
