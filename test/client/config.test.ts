import { expect, fixture, html } from '@open-wc/testing';
import { normalizeLang, resolveConfig } from '../../src/client/index.ts';

/** A host with a shadow root holding one element, like a CMS widget wrapper. */
function shadowChild(host: Element): Element {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const inner = document.createElement('span');
  root.append(inner);
  return inner;
}

describe('resolveConfig', () => {
  it('gives elements in two configs on one page their own settings', async () => {
    const page = await fixture(
      html`<div>
        <ozg-config endpoint="https://a.example.de/" tenant="heide" lang="de">
          <span id="a"></span>
        </ozg-config>
        <ozg-config endpoint="https://b.example.de" tenant="brunsbuettel" lang="en">
          <div id="host"></div>
        </ozg-config>
      </div>`,
    );
    const a = resolveConfig(page.querySelector('#a')!);
    const b = resolveConfig(shadowChild(page.querySelector('#host')!));
    expect(a).to.deep.equal({ ok: true, endpoint: 'https://a.example.de', tenant: 'heide', lang: 'de' });
    expect(b).to.deep.equal({
      ok: true,
      endpoint: 'https://b.example.de',
      tenant: 'brunsbuettel',
      lang: 'en',
    });
  });

  it("lets the element's own attributes win", async () => {
    const page = await fixture(
      html`<ozg-config endpoint="https://a.example.de" tenant="heide" lang="de">
        <span endpoint="https://own.example.de/api" tenant="kreis-dithmarschen" lang="en-GB"></span>
      </ozg-config>`,
    );
    expect(resolveConfig(page.querySelector('span')!)).to.deep.equal({
      ok: true,
      endpoint: 'https://own.example.de/api',
      tenant: 'kreis-dithmarschen',
      lang: 'en',
    });
  });

  it('falls back to the first config of the document when there is no ancestor config', async () => {
    const page = await fixture(
      html`<div>
        <section><span id="lonely"></span></section>
        <ozg-config endpoint="https://first.example.de" tenant="heide"></ozg-config>
        <ozg-config endpoint="https://second.example.de" tenant="meldorf"></ozg-config>
      </div>`,
    );
    const result = resolveConfig(page.querySelector('#lonely')!);
    expect(result).to.deep.include({ ok: true, endpoint: 'https://first.example.de', tenant: 'heide' });
  });

  it('fills gaps of an inner config from outer ones, never from an unrelated config', async () => {
    const page = await fixture(
      html`<div>
        <ozg-config endpoint="https://other.example.de" tenant="other"></ozg-config>
        <ozg-config endpoint="https://outer.example.de">
          <ozg-config tenant="heide"><span></span></ozg-config>
        </ozg-config>
      </div>`,
    );
    expect(resolveConfig(page.querySelector('span')!)).to.deep.include({
      ok: true,
      endpoint: 'https://outer.example.de',
      tenant: 'heide',
    });
  });

  it('takes the language from the closest [lang] ancestor, normalized, German by default', async () => {
    const page = await fixture(
      html`<div>
        <ozg-config endpoint="https://a.example.de" tenant="heide">
          <div lang="en-US"><div id="host"></div></div>
          <div lang="fr"><span id="fr"></span></div>
        </ozg-config>
      </div>`,
    );
    expect(resolveConfig(shadowChild(page.querySelector('#host')!)).lang).to.equal('en');
    expect(resolveConfig(page.querySelector('#fr')!).lang).to.equal('de');
    expect(normalizeLang('EN')).to.equal('en');
    expect(normalizeLang('de-AT')).to.equal('de');
    expect(normalizeLang('')).to.equal(undefined);
  });

  it('names the missing settings and keeps the language', async () => {
    const el = await fixture(html`<span lang="en"></span>`);
    expect(resolveConfig(el)).to.deep.equal({ ok: false, missing: ['endpoint', 'tenant'], lang: 'en' });
    expect(resolveConfig(el, { needs: ['tenant'] })).to.deep.equal({
      ok: false,
      missing: ['tenant'],
      lang: 'en',
    });
  });

  it('treats unusable values as missing', async () => {
    const el = await fixture(html`<span endpoint="javascript:alert(1)" tenant="Kreis Heide!"></span>`);
    const result = resolveConfig(el);
    expect(result.ok).to.equal(false);
    expect(result.ok ? [] : result.missing).to.deep.equal(['endpoint', 'tenant']);
  });

  it('only requires what the element needs', async () => {
    const el = await fixture(html`<span endpoint="https://a.example.de"></span>`);
    expect(resolveConfig(el, { needs: ['endpoint'] })).to.deep.equal({
      ok: true,
      endpoint: 'https://a.example.de',
      lang: 'de',
    });
  });

  it('cuts "/api/v1" off an endpoint (the elements add it) and keeps what was written, for the warning', async () => {
    const page = await fixture(
      html`<div>
        <span id="slash" endpoint="https://a.example.de/api/v1/" tenant="heide"></span>
        <span id="path" endpoint="https://a.example.de/ozg/api/v1?x=1" tenant="heide"></span>
        <span id="fine" endpoint="https://a.example.de/api/v1-archiv" tenant="heide"></span>
      </div>`,
    );
    expect(resolveConfig(page.querySelector('#slash')!)).to.deep.equal({
      ok: true,
      endpoint: 'https://a.example.de',
      endpointGiven: 'https://a.example.de/api/v1/',
      tenant: 'heide',
      lang: 'de',
    });
    expect(resolveConfig(page.querySelector('#path')!)).to.deep.include({
      endpoint: 'https://a.example.de/ozg',
      endpointGiven: 'https://a.example.de/ozg/api/v1?x=1',
    });
    const fine = resolveConfig(page.querySelector('#fine')!);
    expect(fine).to.deep.include({ endpoint: 'https://a.example.de/api/v1-archiv' });
    expect(fine).not.to.have.property('endpointGiven');
  });
});
