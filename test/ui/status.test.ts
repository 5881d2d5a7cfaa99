import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { renderTimeline, statusStyles } from '../../src/ui/status.ts';

/** A host with the shared status styles, as the status element and the inbox render the timeline. */
class TimelineProbe extends LitElement {
  static override styles = statusStyles;
  message = '';
  override render() {
    return renderTimeline(
      [
        {
          type: 'info-requested',
          at: '2026-11-29T10:00:00Z',
          authority: 'Stadt Heide',
          message: this.message,
        },
      ],
      'de',
      html`<h3>Verlauf</h3>`,
    );
  }
}
customElements.define('test-timeline-probe', TimelineProbe);

describe('timeline', () => {
  it("keeps the caseworker's line breaks and adds no indentation of its own", async () => {
    const el = await fixture<TimelineProbe>(html`<test-timeline-probe></test-timeline-probe>`);
    el.message = 'Bitte reichen Sie nach:\n- Lageplan\n- Foto';
    el.requestUpdate();
    await el.updateComplete;
    const text = el.shadowRoot!.querySelector<HTMLElement>('.event-text')!;
    expect(text.textContent).to.equal('Bitte reichen Sie nach:\n- Lageplan\n- Foto');
    // Rendered: the label for screen readers and the three lines, nothing else (no blank line, no indentation).
    const shown = el.shadowRoot!.querySelector<HTMLElement>('.event-message')!.innerText;
    expect(shown.split('\n').map((line) => line.trimEnd())).to.deep.equal([
      'Nachricht: Bitte reichen Sie nach:',
      '- Lageplan',
      '- Foto',
    ]);
  });
});
