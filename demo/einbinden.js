// Fills the embed snippets of the "Einbinden" page: the bundle's Subresource Integrity hash is computed here
// from the file this server delivers, so the snippet always matches the build. Text only, no HTML is written.
const bundleUrl = new URL('/widgets/ozg-widgets.js', location.href).href;

/** The municipalities of the sample catalog, one snippet block each. */
const TENANTS = [
  { id: 'kreis-dithmarschen', name: 'Kreis Dithmarschen' },
  { id: 'stadt-heide', name: 'Stadt Heide' },
  { id: 'brunsbuettel', name: 'Stadt Brunsbüttel' },
];

function addBlocks() {
  const template = document.getElementById('snippet');
  const target = document.getElementById('snippets');
  TENANTS.forEach(({ id, name }, i) => {
    const block = template.content.firstElementChild.cloneNode(true);
    block.dataset.snippet = id;
    const heading = block.querySelector('h2');
    heading.id = `snippet-${i + 1}`;
    heading.textContent = name;
    block.setAttribute('aria-labelledby', heading.id);
    target.append(block);
  });
}

async function integrity() {
  const response = await fetch(bundleUrl, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${response.status}`);
  const digest = await crypto.subtle.digest('SHA-384', await response.arrayBuffer());
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `sha384-${btoa(binary)}`;
}

function snippet(tenant, element, hash) {
  const script = hash
    ? `<script type="module" src="${bundleUrl}"\n        integrity="${hash}"\n        crossorigin="anonymous"></script>`
    : `<script type="module" src="${bundleUrl}"></script>`;
  // A form needs its service: on a page of its own it can also come from the address (?service=…).
  const extra = element === 'ozg-form' ? ' service-id="gewerbeanmeldung"' : '';
  return `${script}\n<ozg-config endpoint="${location.origin}" tenant="${tenant}">\n  <${element}${extra} heading-level="2"></${element}>\n</ozg-config>`;
}

function fill(hash) {
  for (const block of document.querySelectorAll('[data-snippet]')) {
    const code = block.querySelector('code');
    const select = block.querySelector('select');
    const render = () => {
      code.textContent = snippet(block.dataset.snippet, select ? select.value : 'ozg-service-catalog', hash);
    };
    select?.addEventListener('change', render);
    render();
    const button = block.querySelector('button[data-copy]');
    const status = block.querySelector('[role="status"]');
    button?.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent);
        status.textContent = 'Kopiert. / Copied.';
      } catch {
        status.textContent =
          'Bitte markieren und kopieren Sie den Text selbst. / Please select and copy the text.';
      }
    });
  }
}

addBlocks();
for (const origin of document.querySelectorAll('[data-origin]')) origin.textContent = location.origin;

integrity().then(fill, () => {
  fill(undefined);
  const note = document.getElementById('integrity-note');
  if (note)
    note.textContent =
      'Der Prüfwert (integrity) konnte nicht berechnet werden: ist das Bundle gebaut (npm run build)?';
});
