import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { OzgElement } from '../../src/ui/index.ts';
import { OzgConfig } from '../../src/ozg-config.ts';

class ConfigProbe extends OzgElement {
  protected override render() {
    return this.config.ok
      ? html`<p>${this.config.endpoint} ${this.config.tenant}</p>`
      : this.renderMissingConfig();
  }
}
customElements.define('test-config-probe', ConfigProbe);

const tick = () => new Promise((r) => setTimeout(r));

describe('<ozg-config>', () => {
  it('is registered by its entry file and shows its children', async () => {
    const el = await fixture<OzgConfig>(
      html`<ozg-config endpoint="https://a.example.de"><p>Inhalt</p></ozg-config>`,
    );
    expect(el).to.be.instanceOf(OzgConfig);
    expect(getComputedStyle(el).display).to.equal('contents');
    expect(el.querySelector('p')!.getBoundingClientRect().height).to.be.above(0);
    await expect(el).to.be.accessible();
  });

  it('announces attribute changes with one bubbling ozg-config-change event', async () => {
    const el = await fixture<OzgConfig>(html`<ozg-config endpoint="https://a.example.de"></ozg-config>`);
    await tick();
    const changed = oneEvent(document, 'ozg-config-change');
    el.endpoint = 'https://b.example.de';
    await el.updateComplete;
    const event = await changed;
    expect(event.detail.attribute).to.equal('endpoint');
    expect(el.getAttribute('endpoint')).to.equal('https://b.example.de');
  });

  it('reaches elements outside it when added to or removed from the page', async () => {
    const page = await fixture(html`<div><test-config-probe></test-config-probe></div>`);
    const probe = page.querySelector('test-config-probe') as ConfigProbe;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('nicht vollständig eingerichtet');

    const config = document.createElement('ozg-config');
    config.setAttribute('endpoint', 'https://page.example.de');
    config.setAttribute('tenant', 'heide');
    page.append(config);
    await tick();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('https://page.example.de heide');

    config.remove();
    await tick();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('nicht vollständig eingerichtet');
  });
});
