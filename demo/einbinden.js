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
    // The code boxes scroll sideways on small screens: focusable, so keyboard users can scroll them too.
    block.querySelector('[data-code="element"]').setAttribute('aria-label', `Code: ${name}`);
    block
      .querySelector('[data-code="status"]')
      .setAttribute('aria-label', `Code der Statusseite / status page code: ${name}`);
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

/** The tenant's status page as the backend knows it (`statusPageUrl`), '' when it has none, null when unknown. */
async function statusPage(tenant) {
  try {
    const response = await fetch(`/api/v1/tenants/${encodeURIComponent(tenant)}`);
    if (!response.ok) return null;
    const url = (await response.json()).statusPageUrl;
    return typeof url === 'string' ? url : '';
  } catch {
    return null;
  }
}

function snippet(tenant, element, hash) {
  const script = hash
    ? `<script type="module" src="${bundleUrl}"\n        integrity="${hash}"\n        crossorigin="anonymous"></script>`
    : `<script type="module" src="${bundleUrl}"></script>`;
  // A form needs its service: on a page of its own it can also come from the address (?service=…).
  const extra = element === 'ozg-form' ? ' service-id="gewerbeanmeldung"' : '';
  return `${script}\n<ozg-config endpoint="${location.origin}" tenant="${tenant}">\n  <${element}${extra} heading-level="2"></${element}>\n</ozg-config>`;
}

/** Where the confirmation links to, and what belongs there, in German and English. */
function statusNotes(url) {
  if (url)
    return [
      `Die Eingangsbestätigung verlinkt auf die Statusseite dieses Mandanten, ${url} (beim Betreiber als statusPageUrl hinterlegt). Auf diese Seite gehört dieser Code. Liegt Ihre Statusseite woanders, lassen Sie statusPageUrl ändern; ein eigenes <ozg-form> nimmt auch status-url="…".`,
      `The confirmation links to this tenant's status page, ${url} (the operator's statusPageUrl). Put this code on that page. If your status page is elsewhere, have statusPageUrl changed; an <ozg-form> of your own also takes status-url="…".`,
    ];
  if (url === '')
    return [
      'Für diesen Mandanten ist keine Statusseite hinterlegt: Die Eingangsbestätigung verlinkt dann nicht auf den Antragsstatus. Legen Sie eine Seite mit diesem Code an und lassen Sie ihre Adresse beim Betreiber als statusPageUrl eintragen; ein eigenes <ozg-form> nimmt auch status-url="…".',
      'This tenant has no status page: the confirmation then has no link to the status. Make a page with this code and have its address entered as statusPageUrl by the operator; an <ozg-form> of your own also takes status-url="…".',
    ];
  return [
    'Die Eingangsbestätigung verlinkt auf die Statusseite Ihres Mandanten (statusPageUrl beim Betreiber), ein eigenes <ozg-form> auch auf status-url="…". Auf diese Seite gehört dieser Code.',
    'The confirmation links to your tenant\'s status page (the operator\'s statusPageUrl), an <ozg-form> of your own also to its status-url="…". Put this code on that page.',
  ];
}

function fill(hash) {
  for (const block of document.querySelectorAll('[data-snippet]')) {
    const tenant = block.dataset.snippet;
    const code = block.querySelector('[data-code="element"] code');
    const statusCode = block.querySelector('[data-code="status"] code');
    const statusPart = block.querySelector('[data-status-page]');
    const select = block.querySelector('select');
    const render = () => {
      const element = select ? select.value : 'ozg-service-catalog';
      code.textContent = snippet(tenant, element, hash);
      // A catalog or form leads to a confirmation, which links to the status page: its code comes with them.
      statusPart.hidden = element === 'ozg-submission-status';
    };
    select?.addEventListener('change', render);
    statusCode.textContent = snippet(tenant, 'ozg-submission-status', hash);
    render();
    statusPage(tenant).then((url) => {
      const [de, en] = statusNotes(url);
      block.querySelector('[data-note="de"]').textContent = de;
      block.querySelector('[data-note="en"]').textContent = en;
    });
    for (const button of block.querySelectorAll('button[data-copy]')) {
      const source = block.querySelector(`[data-code="${button.dataset.copy}"] code`);
      const status = button.parentElement.querySelector('[role="status"]');
      button.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(source.textContent);
          status.textContent = 'Kopiert. / Copied.';
        } catch {
          status.textContent =
            'Bitte markieren und kopieren Sie den Text selbst. / Please select and copy the text.';
        }
      });
    }
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
