import { expect } from '@open-wc/testing';
import meta, * as stories from '../../../stories/ozg-submission-status.stories.ts';
import { renderStory, type StoryLike as StoryLikeOf } from '../../helpers/stories.ts';

type Args = Parameters<NonNullable<typeof meta.render>>[0];
type StoryLike = StoryLikeOf<Args>;

const show = (story: StoryLike, ready: string) =>
  renderStory<Args>(meta, story, 'story-submission-status', ready);

describe('ozg-submission-status stories, each state accessible', () => {
  const cases: [string, StoryLike, string][] = [
    ['look-up', stories.LookUp, '[part="lookup-form"]'],
    ['invalid', stories.Invalid, '#reference-error'],
    ['submitted', stories.Submitted, '[part="current"][data-status="submitted"]'],
    ['forwarded', stories.Forwarded, '[part="current"][data-status="forwarded"]'],
    ['in progress', stories.InProgress, '[part="current"][data-status="in-progress"]'],
    ['information requested', stories.InformationRequested, '[part="reply-form"]'],
    ['reply with files', stories.ReplyWithFiles, '[part="reply-files"] li + li'],
    ['reply missing', stories.ReplyMissing, '#reply-message-error'],
    ['reply sending', stories.ReplySending, '[part="send-button"][aria-disabled="true"]'],
    ['reply sent', stories.ReplySent, '[part="reply-confirmation"]'],
    ['information received', stories.InformationReceived, '[part="current"][data-status="info-received"]'],
    ['accepted', stories.Accepted, '[part="current"][data-status="accepted"]'],
    ['rejected', stories.Rejected, '[part="current"][data-status="rejected"]'],
    ['completed', stories.Completed, '[part="current"][data-status="completed"]'],
    ['loading', stories.Loading, '[part="loading"]'],
    ['not found', stories.NotFound, '[part="not-found"]'],
    ['backend error', stories.BackendError, '[part="retry-button"]'],
    ['malformed', stories.Malformed, '[part="retry-button"]'],
    ['rate limited', stories.RateLimited, '[part="error"]'],
    ['stale after a rate limit', stories.StaleAfterRateLimit, '[part="current"] ~ [part="error"]'],
    ['English', stories.English, '[part="current"]'],
    ['narrow phone', stories.NarrowPhone, '[part="current"]'],
  ];
  for (const [name, story, ready] of cases) {
    it(`renders the ${name} story accessibly`, async () => {
      const el = await show(story, ready);
      await expect(el).to.be.accessible();
    });
  }

  it('says what is needed, why it was rejected, and fits 320 px', async () => {
    const info = await show(stories.InformationRequested, '[part="current"]');
    expect(info.shadowRoot!.querySelector('[part="current"]')!.textContent).to.contain('Was benötigt wird');
    const rejected = await show(stories.NarrowPhone, '[part="current"]');
    expect(rejected.shadowRoot!.querySelector('[part="current"]')!.textContent).to.contain('Begründung');
    expect(rejected.scrollWidth).to.be.at.most(320);
    const limited = await show(stories.RateLimited, '[part="error"]');
    expect(limited.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('40 Sekunden');
  });

  it('answers a request in the reply stories: files listed or refused, the busy button, the sent reply', async () => {
    const files = await show(stories.ReplyWithFiles, '[part="reply-files"] li + li');
    const at = (el: HTMLElement, selector: string) =>
      [...el.shadowRoot!.querySelectorAll(selector)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());
    expect(at(files, '.reply-file-name')).to.deep.equal(['eiche-ganz.png', 'lageplan.pdf']);
    expect(at(files, '[part="upload-error"]')).to.deep.equal([
      'notizen.docx wurde nicht hochgeladen. Es sind nur PDF-, JPG- und PNG-Dateien möglich.',
    ]);
    const sending = await show(stories.ReplySending, '[part="send-button"][aria-disabled="true"]');
    expect(at(sending, '[part="send-button"]')).to.deep.equal(['Wird gesendet …']);
    expect(sending.shadowRoot!.querySelector('[part="reply-form"]')!.getAttribute('aria-busy')).to.equal(
      'true',
    );
    const sent = await show(stories.ReplySent, '[part="reply-confirmation"]');
    expect(at(sent, '.current-status')).to.deep.equal(['Angaben eingegangen']);
    expect(at(sent, '[part="event"][data-status="info-received"] .event-files')[0]).to.contain(
      'lageplan.pdf',
    );
    const received = await show(stories.InformationReceived, '[part="timeline"]');
    expect(at(received, '[part="event"][data-status="info-received"] .event-files li')).to.deep.equal([
      'eiche-ganz.jpg (1,4 MB)',
      'lageplan.pdf (208 KB)',
    ]);
  });
});
